import { chargeEntry, wouldExceedCreditLimit } from '../../../shared/account-balance';
import type { CompleteSaleInput, CompleteSaleRequest, Receipt } from '../../../shared/contract/sales.contract';
import { formatSaleNumber } from '../../../shared/document-number';
import { CoreError } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import { type PaymentInput, type PaymentRefusal, settlePayments } from '../../../shared/sale-payments';
import { computeSaleTotals } from '../../../shared/sale-totals';
import { isIvaRate } from '../../../shared/tax';
import type { CoreContext } from '../core-context';
import { type LocalDb, writeTransaction } from '../database/write-transaction';
import { balanceOf, findSaleCharge, insertAccountEntry, sumAfterEntry } from '../repositories/account.repository';
import { insertAuditEvent } from '../repositories/audit.repository';
import { type CustomerRow, findCustomerById } from '../repositories/customer.repository';
import { findProductsByIds } from '../repositories/product.repository';
import {
  findSaleRecord,
  insertSaleRecord,
  recentSales,
  type SaleRecord,
  takeNextNumber,
} from '../repositories/sale.repository';
import { insertStockMovements } from '../repositories/stock.repository';
import { findUserById } from '../repositories/user.repository';
import { type Handlers, requireUser } from '../router/handler.types';
import { buildAuditEvent } from './audit-event';
import { taxIdDisplay } from './customer-view';
import { verifyManagerOverride } from './manager-override';
import { toReceipt } from './receipt-view';

type SalesHandlers = Pick<Handlers, 'sales.complete' | 'sales.get' | 'sales.recent'>;

const SALE_SERIES = 'sale';

function sameLines(record: SaleRecord, lines: CompleteSaleRequest['lines']): boolean {
  return (
    record.lines.length === lines.length &&
    record.lines.every((l, i) => l.product_id === lines[i]?.productId && l.quantity === lines[i]?.quantity)
  );
}

const REFUSALS: Record<PaymentRefusal, string> = {
  no_payments: 'no payment',
  non_cash_over_total: 'card, transfer and cuenta corriente payments add up to more than the total',
  short: 'the payments are less than the total',
  tendered_below_amount: 'tendered is less than the amount',
  all_change: 'a cash payment that would all be change',
  reference_required: 'a card payment needs its reference',
};

function paymentsOf(input: CompleteSaleInput): { payments: PaymentInput[]; path: string } {
  if (input.payments) return { payments: input.payments, path: 'payments' };
  const tendered = input.payment?.tendered ?? 0;
  return { payments: [{ method: 'cash', amount: tendered }], path: 'payment.tendered' };
}

/** What the customer owes right after a sale's charge, in ledger order (later entries may exist: a reprint). */
async function balanceAfterCharge(db: LocalDb, customerId: string, saleId: string): Promise<number | null> {
  const charge = await findSaleCharge(db, customerId, saleId);
  if (!charge) return null;
  return (await balanceOf(db, customerId)) - (await sumAfterEntry(db, customerId, charge));
}

export function createSalesHandlers(ctx: CoreContext): SalesHandlers {
  async function customerOf(record: SaleRecord): Promise<Receipt['customer']> {
    const customerId = record.sale.customer_id;
    if (customerId === null) return null;
    const row = await findCustomerById(ctx.db, customerId);
    return {
      id: customerId,
      name: row?.name ?? '',
      taxIdDisplay: row ? taxIdDisplay(row) : null,
      balanceAfter: await balanceAfterCharge(ctx.db, customerId, record.sale.id),
    };
  }

  async function receiptOf(record: SaleRecord, cashierName?: string) {
    const name = cashierName ?? (await findUserById(ctx.db, record.sale.user_id))?.name ?? '';
    return toReceipt(record, ctx.requireTerminal().identity.storeName, name, await customerOf(record));
  }

  /** A sale's customer must exist on this terminal and be live: an archived customer takes no new sales. */
  async function requireSaleCustomer(id: string): Promise<CustomerRow> {
    const row = await findCustomerById(ctx.db, id);
    if (!row)
      throw new CoreError('NOT_FOUND', 'no customer with that id', [{ path: 'customerId', message: 'not found' }]);
    if (row.archived === 1) {
      throw new CoreError('CONFLICT', `customer "${row.name}" is archived`, [
        { path: 'customerId', message: 'archived' },
      ]);
    }
    return row;
  }

  /** A repeated saleId is the same sale (a retry after a lost answer), unless its lines differ: then it is a bug. */
  function replayOf(existing: SaleRecord, lines: CompleteSaleRequest['lines']): SaleRecord {
    if (!sameLines(existing, lines)) {
      throw new CoreError('CONFLICT', `sale ${existing.sale.number} already exists with other lines`);
    }
    return existing;
  }

  return {
    async 'sales.complete'(input, call) {
      const user = requireUser(call);
      const { identity } = ctx.requireTerminal();

      const earlier = await findSaleRecord(ctx.db, input.saleId);
      if (earlier) return receiptOf(replayOf(earlier, input.lines));

      const productIds = [...new Set(input.lines.map((l) => l.productId))];
      const products = new Map((await findProductsByIds(ctx.db, productIds)).map((p) => [p.id, p]));
      const priced = input.lines.map((line, index) => {
        const product = products.get(line.productId);
        if (!product) throw new CoreError('NOT_FOUND', `line ${index + 1}: no product with id ${line.productId}`);
        if (product.archived === 1) throw new CoreError('CONFLICT', `line ${index + 1}: "${product.name}" is archived`);
        const ivaRateBp = product.iva_rate_bp;
        if (!isIvaRate(ivaRateBp)) throw new RangeError(`product ${product.id} has an unknown IVA rate`);
        return { product, quantity: line.quantity, unitPrice: product.price, ivaRateBp };
      });
      const totals = computeSaleTotals(priced);
      if (input.expectedTotal !== undefined && input.expectedTotal !== totals.total) {
        throw new CoreError('CONFLICT', 'prices changed since the items were added; review the ticket');
      }
      const requested = paymentsOf(input);
      const settled = settlePayments(totals.total, requested.payments);
      if (!settled.ok) {
        const path = settled.index === null ? requested.path : `${requested.path}.${settled.index}`;
        throw new CoreError('VALIDATION', REFUSALS[settled.reason], [{ path, message: REFUSALS[settled.reason] }]);
      }
      const customer = input.customerId === undefined ? null : await requireSaleCustomer(input.customerId);
      const onAccount = settled.payments.find((p) => p.method === 'customer_account')?.amount ?? 0;
      // The PIN is checked before the write lock is taken (scrypt is slow on purpose); whether it is needed is
      // decided under the lock, against the balance no other writer can change in between.
      const manager =
        customer && onAccount > 0 && input.managerOverride
          ? await verifyManagerOverride(ctx, input.managerOverride)
          : null;

      const stamp = await ctx.nextHlc();
      const now = ctx.nowIso();
      const record = await writeTransaction(ctx.db, async (trx) => {
        const raced = await findSaleRecord(trx, input.saleId);
        if (raced) return replayOf(raced, input.lines);

        const balanceBefore = customer && onAccount > 0 ? await balanceOf(trx, customer.id) : 0;
        const overLimit =
          customer !== null && onAccount > 0 && wouldExceedCreditLimit(balanceBefore, onAccount, customer.credit_limit);
        if (overLimit && !manager) {
          throw new CoreError('FORBIDDEN', "over the customer's credit limit: a manager's PIN is needed", [
            { path: 'managerOverride', message: 'credit_limit' },
          ]);
        }

        const sequence = await takeNextNumber(trx, SALE_SERIES);
        const sale = {
          id: input.saleId,
          number: formatSaleNumber(identity.terminalCode, sequence),
          sequence,
          store_id: identity.storeId,
          terminal_id: identity.terminalId,
          terminal_code: identity.terminalCode,
          user_id: user.id,
          customer_id: customer?.id ?? null,
          total: totals.total,
          created_at: now,
          hlc: stamp,
        };
        const lines = totals.lines.map((line, index) => ({
          id: newId(),
          sale_id: sale.id,
          line_no: index + 1,
          product_id: line.product.id,
          sku: line.product.sku,
          description: line.product.name,
          quantity: line.quantity,
          unit_price: line.unitPrice,
          line_total: line.lineTotal,
          iva_rate_bp: line.ivaRateBp,
          line_net: line.lineNet,
          line_iva: line.lineIva,
        }));
        const payments = settled.payments.map((p) => ({
          id: newId(),
          sale_id: sale.id,
          method: p.method,
          amount: p.amount,
          tendered: p.tendered,
          change: p.change,
          reference: p.reference,
          created_at: now,
        }));
        // The cuenta corriente part is a charge in the global ledger, written and synced with the sale itself.
        const charge =
          customer && onAccount > 0
            ? {
                id: newId(),
                customer_id: customer.id,
                ...chargeEntry(onAccount),
                method: null,
                reference: null,
                sale_id: sale.id,
                repair_order_id: null,
                note: sale.number,
                user_id: user.id,
                store_id: identity.storeId,
                terminal_id: identity.terminalId,
                created_at: now,
                hlc: stamp,
              }
            : null;
        const audit =
          overLimit && manager && customer
            ? buildAuditEvent(ctx, {
                userId: manager.id,
                action: 'sale.credit_override',
                entityType: 'sale',
                entityId: sale.id,
                details: {
                  saleNumber: sale.number,
                  cashierId: user.id,
                  customerId: customer.id,
                  charge: onAccount,
                  balanceBefore,
                  balanceAfter: balanceBefore + onAccount,
                  creditLimit: customer.credit_limit,
                },
                hlc: stamp,
              })
            : null;
        const movements = lines.map((line) => ({
          id: newId(),
          product_id: line.product_id,
          store_id: identity.storeId,
          quantity: -line.quantity,
          reason: 'sale' as const,
          sale_id: sale.id,
          note: '',
          user_id: user.id,
          terminal_id: identity.terminalId,
          created_at: now,
          hlc: stamp,
        }));
        await insertSaleRecord(trx, { sale, lines, payments });
        await insertStockMovements(trx, movements);
        if (charge) await insertAccountEntry(trx, charge);
        if (audit) await insertAuditEvent(trx, audit);
        await ctx.recordMutation(
          trx,
          'sale.complete',
          {
            sales: [sale],
            sale_lines: lines,
            payments,
            stock_movements: movements,
            ...(charge ? { customer_account_entries: [charge] } : {}),
            ...(audit ? { audit_events: [audit] } : {}),
          },
          stamp,
        );
        return { sale, lines, payments };
      });
      return receiptOf(record, record.sale.user_id === user.id ? user.name : undefined);
    },

    async 'sales.get'(input) {
      const record = await findSaleRecord(ctx.db, input.id);
      if (!record) throw new CoreError('NOT_FOUND', 'no sale with that id');
      return receiptOf(record);
    },

    async 'sales.recent'(input) {
      const rows = await recentSales(ctx.db, input.limit);
      return {
        items: rows.map((r) => ({
          id: r.id,
          number: r.number,
          createdAt: r.created_at,
          total: r.total,
          cashierName: r.cashier_name,
          lineCount: Number(r.line_count ?? 0),
        })),
      };
    },
  };
}
