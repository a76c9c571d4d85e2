import { assertCentavos, type Centavos, sumCentavos } from './money';

/** How a sale is paid (DOMAIN.md: medio de pago); several in one sale. */
export const PAYMENT_METHODS = ['cash', 'debit_card', 'credit_card', 'transfer', 'customer_account'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** A card payment is identified by its voucher (cupón) number, so it can be matched with the card company. */
export function needsReference(method: PaymentMethod): boolean {
  return method === 'debit_card' || method === 'credit_card';
}

export interface PaymentInput {
  method: PaymentMethod;
  /** Centavos. For cash, what the customer handed over may exceed what remains: the excess is change. */
  amount: Centavos;
  reference?: string | null | undefined;
  /** Cash only: the notes handed over for this payment when `amount` is only the part applied to the sale. */
  tendered?: Centavos | undefined;
}

export interface SettledPayment {
  method: PaymentMethod;
  /** The part of the sale this payment pays; the amounts sum to the total exactly. */
  amount: Centavos;
  /** Cash only: what was handed over, and what went back. */
  tendered: Centavos | null;
  change: Centavos | null;
  reference: string | null;
}

export type PaymentRefusal =
  | 'no_payments'
  | 'non_cash_over_total'
  | 'short'
  | 'tendered_below_amount'
  | 'all_change'
  | 'reference_required';

export type SettleResult =
  | { ok: true; payments: SettledPayment[]; change: Centavos }
  | { ok: false; reason: PaymentRefusal; index: number | null };

/**
 * The payment rule of a sale, one definition for the POS dialog (remaining, change, can complete) and the core:
 * non-cash payments never add up to more than the total (a card is never charged for change); together the
 * payments cover the total, and only cash may go over it; the excess is the change, given back from the last
 * cash payments first. A cash payment that would be all change is refused: it paid nothing.
 */
export function settlePayments(total: Centavos, payments: readonly PaymentInput[]): SettleResult {
  assertCentavos(total, 'total');
  if (payments.length === 0) return { ok: false, reason: 'no_payments', index: null };
  for (const [index, p] of payments.entries()) {
    assertCentavos(p.amount, 'payment amount');
    if (needsReference(p.method) && !p.reference?.trim()) return { ok: false, reason: 'reference_required', index };
    if (p.method === 'cash' && p.tendered !== undefined && p.tendered < p.amount) {
      return { ok: false, reason: 'tendered_below_amount', index };
    }
  }
  const nonCash = sumCentavos(payments.filter((p) => p.method !== 'cash').map((p) => p.amount));
  if (nonCash > total) return { ok: false, reason: 'non_cash_over_total', index: null };
  const paid = sumCentavos(payments.map((p) => p.amount));
  if (paid < total) return { ok: false, reason: 'short', index: null };

  const applied = payments.map((p) => p.amount);
  let excess = paid - total;
  for (let i = payments.length - 1; i >= 0 && excess > 0; i--) {
    if (payments[i]?.method !== 'cash') continue;
    const take = Math.min(excess, applied[i] ?? 0);
    applied[i] = (applied[i] ?? 0) - take;
    excess -= take;
  }
  const settled: SettledPayment[] = [];
  for (const [index, p] of payments.entries()) {
    const amount = applied[index] ?? 0;
    if (p.method === 'cash') {
      if (amount === 0 && total > 0) return { ok: false, reason: 'all_change', index };
      const tendered = p.tendered ?? p.amount;
      settled.push({ method: 'cash', amount, tendered, change: tendered - amount, reference: null });
    } else {
      settled.push({ method: p.method, amount, tendered: null, change: null, reference: p.reference?.trim() || null });
    }
  }
  return { ok: true, payments: settled, change: sumCentavos(settled.map((p) => p.change ?? 0)) };
}

/** What is still to pay (never negative), for the dialog's default amount. */
export function remainingToPay(total: Centavos, payments: readonly Pick<PaymentInput, 'amount'>[]): Centavos {
  return Math.max(0, total - sumCentavos(payments.map((p) => p.amount)));
}
