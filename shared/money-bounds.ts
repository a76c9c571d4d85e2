import { CoreError, type ValidationIssue } from './errors';

/**
 * The largest amounts and quantities the system records, in centavos and units. Each is far above any real sale
 * of a phone and repair store (its dearest unit today costs about $ 5.000.000, 5 * 10^8 centavos), with room for
 * years of inflation, and far below 2^53 (about 9 * 10^15), the last integer a JavaScript number holds exactly.
 *
 * Why below 2^53 matters: a sum past it is no longer exact, so a balance or a total read back from the ledger would
 * be wrong or refused, and the record could never be shown again. Every sum the core computes from bounded
 * parts stays exact: a line is at most 9 999 units of 10^11 (about 10^15); a ticket checks each line before adding
 * up at most 200 of them; a balance of 10^13 leaves a factor of 900 for entries that terminals of a chain made
 * offline, each within its own view of the bound, before a sum could stop being exact.
 *
 * The contract (shared/contract/*) refuses a single field over its bound; the services refuse a sum over its
 * bound (a ticket, an order's señas, a balance) before anything is written, reading the sum inside the write
 * transaction so that two calls racing cannot both pass.
 */
export const MONEY_BOUNDS = {
  /** A product's price or cost per unit: $ 1.000.000.000. */
  unitPrice: 100_000_000_000,
  /** One ticket line (price times quantity) and one ticket's total: $ 10.000.000.000. */
  lineTotal: 1_000_000_000_000,
  saleTotal: 1_000_000_000_000,
  /** One payment of a sale, cash handed over, a payment on account, the total the cashier saw. */
  payment: 1_000_000_000_000,
  /** A repair's estimate or final price, one seña, one labor line: $ 1.000.000.000, like a unit price. */
  repairAmount: 100_000_000_000,
  /** An order's señas, labor or parts added up: what the order's screen and delivery sum. */
  repairTotal: 1_000_000_000_000,
  /** A customer's credit limit. */
  creditLimit: 1_000_000_000_000,
  /**
   * A customer's balance, either way (owed or in favour): $ 100.000.000.000. A manager's adjustment may be as
   * large, so one entry can clear any balance.
   */
  accountBalance: 10_000_000_000_000,
  /**
   * A customer's balance as central keeps it, chain-wide, either way and at every line of the statement (the
   * balance after each entry in ledger order): $ 10.000.000.000.000, a hundred times `accountBalance`. Central
   * refuses an entry that would take one of those past it, away from zero (central migration 0012). Terminals never
   * meet it on their own: each keeps the balance within `accountBalance` as it sees it, so only an absurd sequence
   * (a hundred terminals offline at once, each taking one customer to the bound) gets there. Every sum a terminal
   * makes of a customer's entries then stays far below 2^53: the balance, each running balance, a page's opening.
   */
  chainBalance: 1_000_000_000_000_000,
} as const;

export const QUANTITY_BOUNDS = {
  /** Units of one product on one ticket line. */
  saleLine: 9_999,
  /** Units of one part booked on a repair at once. */
  repairPart: 1_000,
  /** One stock adjustment, either way. */
  stockAdjustment: 1_000_000,
  /** A product's minimum stock. */
  minStock: 1_000_000,
} as const;

export type MoneyBound = keyof typeof MONEY_BOUNDS;

/**
 * The issue message of an amount over its bound: a token the renderer recognises (renderer/i18n/error-message.ts)
 * and the bound, e.g. `amount_limit 1000000000000`. `amount_limit` is a single field; `total_limit` is a sum the
 * call would make (a ticket, an order's señas, a customer's balance).
 */
export const AMOUNT_LIMIT = 'amount_limit';
export const TOTAL_LIMIT = 'total_limit';

export function amountLimitMessage(bound: MoneyBound): string {
  return `${AMOUNT_LIMIT} ${MONEY_BOUNDS[bound]}`;
}

export function totalLimitMessage(bound: MoneyBound): string {
  return `${TOTAL_LIMIT} ${MONEY_BOUNDS[bound]}`;
}

/** Whether `value` is an exact integer of at most the bound either way (a balance may be negative). */
export function withinBound(value: number, bound: MoneyBound): boolean {
  return Number.isSafeInteger(value) && Math.abs(value) <= MONEY_BOUNDS[bound];
}

export function isLimitIssue(issue: Pick<ValidationIssue, 'message'>): boolean {
  return issue.message.startsWith(`${AMOUNT_LIMIT} `) || issue.message.startsWith(`${TOTAL_LIMIT} `);
}

/**
 * Refuses a sum the call would write (`after`, from `before`) over its bound: VALIDATION with the request field
 * it comes from, so the screen can say what was refused; `what` says it in the log's words ("the customer's
 * balance"). A sum already past the bound may still move back toward zero: entries that terminals of a chain
 * made offline, each within its own view, can add up past it, and a payment that lowers such a debt must never be
 * refused.
 */
export function assertSumWithinBound(
  before: number,
  after: number,
  bound: MoneyBound,
  path: string,
  what: string,
): void {
  if (withinBound(after, bound) || Math.abs(after) < Math.abs(before)) return;
  throw new CoreError('VALIDATION', `${what} would pass the largest amount the system records`, [
    { path, message: totalLimitMessage(bound) },
  ]);
}

/** The same for a single amount that did not come through the contract (a stored price, a computed line). */
export function assertAmountWithinBound(value: number, bound: MoneyBound, path: string, what: string): void {
  if (withinBound(value, bound)) return;
  throw new CoreError('VALIDATION', `${what} is over the largest amount the system records`, [
    { path, message: amountLimitMessage(bound) },
  ]);
}
