import { type AccountEntry as BalanceEntry, runningBalances } from '../../../shared/account-balance';
import type { LedgerPosition } from '../repositories/account.repository';

export interface LedgerPage<Row extends LedgerPosition> {
  /** At most `limit` rows, newest first. */
  rows: Row[];
  /** Where the next (older) page starts: the last row of this one; null when this page holds the oldest entry. */
  next: LedgerPosition | null;
}

/**
 * A page from a read of `limit + 1` rows newest first: the extra row only says that older entries exist, so the
 * answer knows whether there is more without counting.
 */
export function ledgerPage<Row extends LedgerPosition>(read: readonly Row[], limit: number): LedgerPage<Row> {
  const rows = read.slice(0, limit);
  const last = rows.at(-1);
  return { rows, next: read.length > limit && last ? { created_at: last.created_at, id: last.id } : null };
}

/**
 * The balance right after each entry of a page given newest first, from `opening`, the sum of every entry older
 * than the page's oldest (never the page's own sum: a page deep in the past starts from years of history).
 * Returned newest first, like the page.
 */
export function balancesAfter(newestFirst: readonly BalanceEntry[], opening: number): number[] {
  const running = runningBalances([...newestFirst].reverse());
  return running.map((balance) => opening + balance).reverse();
}
