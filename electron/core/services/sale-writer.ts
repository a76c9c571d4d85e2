import type { Selectable } from 'kysely';
import type { LocalDatabase } from '../../../db/local/local-schema';
import { chargeEntry, wouldExceedCreditLimit } from '../../../shared/account-balance';
import type { UserSummary } from '../../../shared/contract/common.schemas';
import type { ManagerOverride } from '../../../shared/contract/sales.contract';
import { formatSaleNumber } from '../../../shared/document-number';
import { CoreError } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import { assertSumWithinBound } from '../../../shared/money-bounds';
import {
  type PaymentInput,
  type PaymentRefusal,
  type SettledPayment,
  settlePayments,
} from '../../../shared/sale-payments';
import type { PricedLine } from '../../../shared/sale-totals';
import type { IvaRateBp } from '../../../shared/tax';
import type { CoreContext } from '../core-context';
import type { LocalDb } from '../database/write-transaction';
import { balanceOf, insertAccountEntry } from '../repositories/account.repository';
import { insertAuditEvent } from '../repositories/audit.repository';
import type { CustomerRow } from '../repositories/customer.repository';
import { insertSaleRecord, type SaleRecord, takeNextNumber } from '../repositories/sale.repository';
import { insertStockMovements } from '../repositories/stock.repository';
import type { UserRow } from '../repositories/user.repository';
import { buildAuditEvent } from './audit-event';
import { verifyManagerOverride } from './manager-override';

/**
 * The one sale path: `sales.complete` and the repair desk (seña, delivery) write their tickets through these two
 * functions, so a repair's money is a sale like any other: numbered in the terminal's series, in `payments` where
 * the cash session counts it, on the customer's account when paid on account, with the same credit-limit rule.
 */

const SALE_SERIES = 'sale';

type ProductRow = Selectable<LocalDatabase['products']>;

export interface SaleLineInput {
  product: Pick<ProductRow, 'id' | 'sku' | 'name'>;
  quantity: number;
  unitPrice: number;
  ivaRateBp: IvaRateBp;
  /** What the ticket says; the product's name unless the caller names the line (a repair's number and device). */
  description?: string;
  /** False for services (a repair, a seña): no stock movement. Parts of a repair moved stock when booked. */
  movesStock: boolean;
}

const REFUSALS: Record<PaymentRefusal, string> = {
  no_payments: 'no payment',
  non_cash_over_total: 'card, transfer and cuenta corriente payments add up to more than the total',
  short: 'the payments are less than the total',
  tendered_below_amount: 'tendered is less than the amount',
  all_change: 'a cash payment that would all be change',
  reference_required: 'a card payment needs its reference',
};

/** What was decided before the write lock: the settled payments, the customer and a checked manager override. */
export interface SalePayment {
  total: number;
  /** The request field the payments came in, for issues found under the write lock. */
  path: string;
  settled: SettledPayment[];
  customer: CustomerRow | null;
  onAccount: number;
  manager: UserRow | null;
}

/**
 * Settles the payments against the total (shared/sale-payments.ts) and checks a manager's PIN when one was
 * given for a cuenta corriente part. `path` names the request field for issues. A total of 0 (a repair whose
 * seña covers it) needs no payment.
 */
export async function prepareSalePayment(
  ctx: CoreContext,
  request: {
    total: number;
    payments: PaymentInput[];
    path: string;
    customer: CustomerRow | null;
    managerOverride?: ManagerOverride | undefined;
  },
): Promise<SalePayment> {
  const { total, customer } = request;
  let settled: SettledPayment[] = [];
  if (total > 0 || request.payments.length > 0) {
    const result = settlePayments(total, request.payments);
    if (!result.ok) {
      const path = result.index === null ? request.path : `${request.path}.${result.index}`;
      throw new CoreError('VALIDATION', REFUSALS[result.reason], [{ path, message: REFUSALS[result.reason] }]);
    }
    settled = result.payments;
  }
  const onAccount = settled.find((p) => p.method === 'customer_account')?.amount ?? 0;
  if (onAccount > 0 && !customer) {
    throw new CoreError('VALIDATION', 'paying on account needs a customer', [
      { path: 'customerId', message: 'paying on account needs a customer' },
    ]);
  }
  // The PIN is checked before the write lock is taken (scrypt is slow on purpose); whether it is needed is
  // decided under the lock, against the balance no other writer can change in between.
  const manager =
    customer && onAccount > 0 && request.managerOverride
      ? await verifyManagerOverride(ctx, request.managerOverride)
      : null;
  return { total, path: request.path, settled, customer, onAccount, manager };
}

/** The rows of one sale, as they go into its outbox mutation (merged with the caller's own rows). */
export interface SalePayload {
  sales: unknown[];
  sale_lines: unknown[];
  payments: unknown[];
  stock_movements: unknown[];
  customer_account_entries?: unknown[];
  audit_events?: unknown[];
}

/**
 * Writes one sale inside the caller's write transaction: the credit-limit rule against the balance under the
 * lock, the next number of the series, lines, payments, stock movements for goods, the cuenta corriente charge
 * and the override's audit event. The caller records the outbox mutation with `payload` (and its own rows), so
 * a repair delivery and its sale are one mutation.
 */
export async function writeSale(
  ctx: CoreContext,
  trx: LocalDb,
  request: {
    saleId: string;
    user: UserSummary;
    lines: (SaleLineInput & PricedLine)[];
    payment: SalePayment;
    stamp: string;
    now: string;
    /** The repair order a cuenta corriente charge comes from, so the statement can say so. */
    repairOrderId?: string | null;
  },
): Promise<{ record: SaleRecord; payload: SalePayload }> {
  const { identity } = ctx.requireTerminal();
  const { user, stamp, now, payment } = request;
  const { customer, onAccount, manager } = payment;

  const balanceBefore = customer && onAccount > 0 ? await balanceOf(trx, customer.id) : 0;
  // Whatever a manager allows, a balance the ledger could not add up exactly is never written.
  assertSumWithinBound(
    balanceBefore,
    balanceBefore + onAccount,
    'accountBalance',
    payment.path,
    "the customer's balance",
  );
  const overLimit =
    customer !== null && onAccount > 0 && wouldExceedCreditLimit(balanceBefore, onAccount, customer.credit_limit);
  if (overLimit && !manager) {
    throw new CoreError('FORBIDDEN', "over the customer's credit limit: a manager's PIN is needed", [
      { path: 'managerOverride', message: 'credit_limit' },
    ]);
  }

  const sequence = await takeNextNumber(trx, SALE_SERIES);
  const sale = {
    id: request.saleId,
    number: formatSaleNumber(identity.terminalCode, sequence),
    sequence,
    store_id: identity.storeId,
    terminal_id: identity.terminalId,
    terminal_code: identity.terminalCode,
    user_id: user.id,
    customer_id: customer?.id ?? null,
    total: payment.total,
    created_at: now,
    hlc: stamp,
  };
  const lines = request.lines.map((line, index) => ({
    id: newId(),
    sale_id: sale.id,
    line_no: index + 1,
    product_id: line.product.id,
    sku: line.product.sku,
    description: line.description ?? line.product.name,
    quantity: line.quantity,
    unit_price: line.unitPrice,
    line_total: line.lineTotal,
    iva_rate_bp: line.ivaRateBp,
    line_net: line.lineNet,
    line_iva: line.lineIva,
  }));
  const payments = payment.settled.map((p) => ({
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
          repair_order_id: request.repairOrderId ?? null,
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
  const movements = lines
    .filter((_, index) => request.lines[index]?.movesStock === true)
    .map((line) => ({
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
  return {
    record: { sale, lines, payments },
    payload: {
      sales: [sale],
      sale_lines: lines,
      payments,
      stock_movements: movements,
      ...(charge ? { customer_account_entries: [charge] } : {}),
      ...(audit ? { audit_events: [audit] } : {}),
    },
  };
}
