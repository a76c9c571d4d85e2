import { assertCentavos, type Centavos, sumCentavos } from './money';

/**
 * What is settled when a repaired (or rejected, or unrepairable) device is delivered: the final price, or the
 * estimate when no final price was set, minus the deposits (señas) taken at intake or approval. DOMAIN.md
 * charges it through the normal sale path.
 *
 * Decision: the result is never a bare number that might silently be negative. `balance` is signed (negative
 * means the store owes the customer, e.g. a seña on a repair that ended unrepairable at no charge), and it is
 * split into `amountDue` and `creditDue`, at most one of them non-zero, so the delivery screen must say
 * which: collect, or refund / credit the customer's account.
 */
export interface RepairCharges {
  /** Set when the technician closes the repair; 0 is a real price (warranty, no charge). */
  finalPrice: Centavos | null;
  estimate: Centavos | null;
  deposits: readonly Centavos[];
}

export type RepairDeliveryBalance =
  | {
      ok: true;
      price: Centavos;
      priceSource: 'final_price' | 'estimate';
      deposits: Centavos;
      /** price - deposits. */
      balance: Centavos;
      /** What the customer pays at delivery: max(balance, 0). */
      amountDue: Centavos;
      /** What the store returns or credits to the customer: max(-balance, 0). */
      creditDue: Centavos;
    }
  /** Neither a final price nor an estimate: nothing says what to charge, so a person must set one. */
  | { ok: false; reason: 'no_price' };

export function repairDeliveryBalance(charges: RepairCharges): RepairDeliveryBalance {
  for (const deposit of charges.deposits) {
    assertCentavos(deposit, 'deposit');
    if (deposit <= 0) throw new RangeError(`a deposit must be positive, got ${deposit}`);
  }
  const deposits = sumCentavos(charges.deposits);
  const price = charges.finalPrice ?? charges.estimate;
  if (price === null) return { ok: false, reason: 'no_price' };
  const priceSource = charges.finalPrice !== null ? 'final_price' : 'estimate';
  assertCentavos(price, priceSource);
  if (price < 0) throw new RangeError(`${priceSource} must not be negative, got ${price}`);
  const balance = price - deposits;
  return {
    ok: true,
    price,
    priceSource,
    deposits,
    balance,
    amountDue: Math.max(balance, 0),
    creditDue: Math.max(-balance, 0),
  };
}
