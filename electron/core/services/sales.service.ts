import type { CompleteSaleInput, CompleteSaleRequest, Receipt } from '../../../shared/contract/sales.contract';
import { CoreError } from '../../../shared/errors';
import { sumCentavos } from '../../../shared/money';
import type { PaymentInput } from '../../../shared/sale-payments';
import { computeSaleTotals, saleBoundsIssue } from '../../../shared/sale-totals';
import { isIvaRate } from '../../../shared/tax';
import type { CoreContext } from '../core-context';
import { noteAlreadySaved } from '../database/call-record';
import { type LocalDb, writeTransaction } from '../database/write-transaction';
import { type AccountEntryRow, balanceOf, findSaleEntries, sumAfterEntry } from '../repositories/account.repository';
import { type CustomerRow, findCustomerById } from '../repositories/customer.repository';
import { findProductsByIds } from '../repositories/product.repository';
import { findRepairOfSale } from '../repositories/repair.repository';
import { findSaleRecord, recentSales, type SaleRecord } from '../repositories/sale.repository';
import { findUserById } from '../repositories/user.repository';
import { type Handlers, requireUser } from '../router/handler.types';
import { taxIdDisplay } from './customer-view';
import { toReceipt } from './receipt-view';
import { deviceOf, REPAIR_SERVICE_PRODUCT_IDS } from './repair-sale';
import { prepareSalePayment, writeSale } from './sale-writer';
import { readStoreHeader } from './store-profile.service';

type SalesHandlers = Pick<Handlers, 'sales.complete' | 'sales.get' | 'sales.recent'>;

function sameLines(record: SaleRecord, lines: CompleteSaleRequest['lines']): boolean {
  return (
    record.lines.length === lines.length &&
    record.lines.every((l, i) => l.product_id === lines[i]?.productId && l.quantity === lines[i]?.quantity)
  );
}

function paymentsOf(input: CompleteSaleInput): { payments: PaymentInput[]; path: string } {
  if (input.payments) return { payments: input.payments, path: 'payments' };
  const tendered = input.payment?.tendered ?? 0;
  return { payments: [{ method: 'cash', amount: tendered }], path: 'payment.tendered' };
}

/** What the customer owes right after a sale's own entries, in ledger order (later ones may exist: a reprint). */
async function balanceAfterEntries(
  db: LocalDb,
  customerId: string,
  entries: readonly AccountEntryRow[],
): Promise<number | null> {
  const last = entries.at(-1);
  if (!last) return null;
  return (await balanceOf(db, customerId)) - (await sumAfterEntry(db, customerId, last));
}

/** What a repair delivery credited for señas over the price: its negative adjustment tied to the order. */
function creditedToAccount(entries: readonly AccountEntryRow[], repairOrderId: string): number {
  return sumCentavos(
    entries.filter((e) => e.kind === 'adjustment' && e.repair_order_id === repairOrderId).map((e) => -e.amount),
  );
}

/**
 * A sale's receipt, from stored rows; a repair's seña or delivery names its order and what it credited. `db` is the
 * write transaction when the receipt is the answer of the call that wrote the sale.
 */
export async function saleReceiptOf(
  ctx: CoreContext,
  record: SaleRecord,
  cashierName?: string,
  db: LocalDb = ctx.db,
): Promise<Receipt> {
  const customerId = record.sale.customer_id;
  const row = customerId === null ? undefined : await findCustomerById(db, customerId);
  // The sale's own ledger rows: a charge of a part on account, or a delivery's credit of señas over the price.
  const entries = customerId === null ? [] : await findSaleEntries(db, customerId, record.sale.id);
  const customer: Receipt['customer'] =
    customerId === null
      ? null
      : {
          id: customerId,
          name: row?.name ?? '',
          taxIdDisplay: row ? taxIdDisplay(row) : null,
          balanceAfter: await balanceAfterEntries(db, customerId, entries),
        };
  const name = cashierName ?? (await findUserById(db, record.sale.user_id))?.name ?? '';
  const receipt = toReceipt(record, await readStoreHeader(ctx, db), name, customer);
  const repair = record.lines.some((l) => REPAIR_SERVICE_PRODUCT_IDS.includes(l.product_id))
    ? await findRepairOfSale(db, record.sale.id)
    : null;
  return repair
    ? {
        ...receipt,
        repair: {
          orderId: repair.order.id,
          number: repair.order.number,
          device: deviceOf(repair.order),
          role: repair.role,
          creditedToAccount: creditedToAccount(entries, repair.order.id),
        },
      }
    : receipt;
}

export function createSalesHandlers(ctx: CoreContext): SalesHandlers {
  function receiptOf(record: SaleRecord, cashierName?: string, db: LocalDb = ctx.db) {
    return saleReceiptOf(ctx, record, cashierName, db);
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
    noteAlreadySaved('sales', existing.sale.id);
    return existing;
  }

  return {
    async 'sales.complete'(input, call) {
      const user = requireUser(call);
      ctx.requireTerminal();

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
      const outOfBounds = saleBoundsIssue(priced);
      if (outOfBounds) {
        throw new CoreError('VALIDATION', 'the ticket is over the largest amount the system records', [outOfBounds]);
      }
      const totals = computeSaleTotals(priced);
      if (input.expectedTotal !== undefined && input.expectedTotal !== totals.total) {
        throw new CoreError('CONFLICT', 'prices changed since the items were added; review the ticket');
      }
      const requested = paymentsOf(input);
      const customer = input.customerId === undefined ? null : await requireSaleCustomer(input.customerId);
      const payment = await prepareSalePayment(ctx, {
        total: totals.total,
        payments: requested.payments,
        path: requested.path,
        customer,
        managerOverride: input.managerOverride,
      });

      const stamp = await ctx.nextHlc();
      const now = ctx.nowIso();
      // The receipt is read inside the transaction that wrote the sale: if it cannot be built, nothing is sold.
      return writeTransaction(ctx.db, async (trx) => {
        const raced = await findSaleRecord(trx, input.saleId);
        if (raced) return receiptOf(replayOf(raced, input.lines), undefined, trx);
        const lines = totals.lines.map((line) => ({ ...line, movesStock: true }));
        const written = await writeSale(ctx, trx, { saleId: input.saleId, user, lines, payment, stamp, now });
        await ctx.recordMutation(trx, 'sale.complete', written.payload, stamp);
        return receiptOf(written.record, user.name, trx);
      });
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
