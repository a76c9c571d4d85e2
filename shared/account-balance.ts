import { assertCentavos, type Centavos, sumCentavos } from './money';

/**
 * The cuenta corriente is an append-only ledger; the balance is the sum of its entries (DOMAIN.md). A positive
 * balance is what the customer owes the store, a negative one is credit in the customer's favour.
 *
 * Each entry stores its signed effect on the balance, so summing needs no knowledge of kinds, and the kind
 * fixes the sign so a payment can never be recorded as a debt by a sign slip:
 *   charge      > 0  a credit sale or a repair balance put on account
 *   payment     < 0  money the customer paid in
 *   adjustment != 0  a manager's correction, either way (a reversal is a new entry, never an edit)
 */
export const ACCOUNT_ENTRY_KINDS = ['charge', 'payment', 'adjustment'] as const;
export type AccountEntryKind = (typeof ACCOUNT_ENTRY_KINDS)[number];

export interface AccountEntry {
  kind: AccountEntryKind;
  /** Signed effect on the balance, in centavos. */
  amount: Centavos;
}

export function isAccountEntryKind(value: unknown): value is AccountEntryKind {
  return typeof value === 'string' && (ACCOUNT_ENTRY_KINDS as readonly string[]).includes(value);
}

/** A charge of `amount` (> 0) centavos. */
export function chargeEntry(amount: Centavos): AccountEntry {
  return checkedEntry({ kind: 'charge', amount });
}

/** A payment of `amount` (> 0) centavos, stored as a negative effect. */
export function paymentEntry(amount: Centavos): AccountEntry {
  assertPositive(amount, 'payment');
  return checkedEntry({ kind: 'payment', amount: -amount });
}

/** A signed, non-zero correction: + the customer owes more, - the customer owes less. */
export function adjustmentEntry(amount: Centavos): AccountEntry {
  return checkedEntry({ kind: 'adjustment', amount });
}

/** Throws RangeError when the amount is not a safe integer or its sign does not match the kind. */
export function assertAccountEntry(entry: AccountEntry): void {
  assertCentavos(entry.amount, `${entry.kind} amount`);
  const signOk =
    entry.kind === 'charge' ? entry.amount > 0 : entry.kind === 'payment' ? entry.amount < 0 : entry.amount !== 0;
  if (!signOk) throw new RangeError(`a ${entry.kind} of ${entry.amount} has the wrong sign`);
}

export function accountBalance(entries: readonly AccountEntry[]): Centavos {
  for (const entry of entries) assertAccountEntry(entry);
  return sumCentavos(entries.map((e) => e.amount));
}

/** The statement view: the balance after each entry, in ledger order. */
export function runningBalances(entries: readonly AccountEntry[]): Centavos[] {
  const balances: Centavos[] = [];
  let balance = 0;
  for (const entry of entries) {
    assertAccountEntry(entry);
    balance += entry.amount;
    assertCentavos(balance, 'balance');
    balances.push(balance);
  }
  return balances;
}

/**
 * Would charging `charge` put the balance over `limit`? Reaching the limit exactly is allowed; `null` means
 * the customer has no limit. A customer already over (the limit was lowered) exceeds with any new charge.
 */
export function wouldExceedCreditLimit(balance: Centavos, charge: Centavos, limit: Centavos | null): boolean {
  assertCentavos(balance, 'balance');
  assertPositive(charge, 'charge');
  if (limit === null) return false;
  assertLimit(limit);
  return sumCentavos([balance, charge]) > limit;
}

/** How much more can go on account, for the POS to show; never negative; null when there is no limit. */
export function availableCredit(balance: Centavos, limit: Centavos | null): Centavos | null {
  assertCentavos(balance, 'balance');
  if (limit === null) return null;
  assertLimit(limit);
  return Math.max(0, limit - balance);
}

function checkedEntry(entry: AccountEntry): AccountEntry {
  assertAccountEntry(entry);
  return entry;
}

function assertPositive(amount: number, what: string): void {
  assertCentavos(amount, what);
  if (amount <= 0) throw new RangeError(`${what} must be positive, got ${amount}`);
}

function assertLimit(limit: number): void {
  assertCentavos(limit, 'credit limit');
  if (limit < 0) throw new RangeError(`credit limit must not be negative, got ${limit}`);
}
