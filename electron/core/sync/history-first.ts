import { entityOf } from '../../../shared/sync/entity-registry';

/**
 * Money and stock history that central accepts whatever the writer's clock says (SYNC.md property 6 guards only
 * merges). A call that writes such rows and also changes mutable rows (a repair delivered: the sale, its payments
 * and the order's status) must not travel as one mutation: central quarantines a merge from a clock more than
 * five minutes ahead, and the sale riding with it would stay on this terminal instead of reaching the chain.
 * Repair events are not listed: a status event belongs with the status it records.
 */
const HISTORY_TABLES: ReadonlySet<string> = new Set([
  'sales',
  'sale_lines',
  'payments',
  'stock_movements',
  'customer_account_entries',
]);
/** Audit events go with the money when a call is split (a manager's credit override explains a sale). */
const FOLLOWS_HISTORY: ReadonlySet<string> = new Set(['audit_events']);

export interface PayloadParts {
  /** Rows central always accepts; sent first. */
  history: Record<string, unknown>;
  /** Everything else (merges of mutable rows and the history that belongs with them). */
  changes: Record<string, unknown>;
}

function isChange(key: string): boolean {
  return key === 'changes' || entityOf(key)?.kind === 'mutable';
}

/**
 * Splits a payload into its money/stock history and the rest when it holds both; null when it holds only one
 * kind and travels whole. Both parts are written in the caller's transaction, so locally they stay atomic.
 */
export function splitHistoryFromChanges(payload: unknown): PayloadParts | null {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return null;
  const entries = Object.entries(payload as Record<string, unknown>);
  const hasHistory = entries.some(([key, rows]) => HISTORY_TABLES.has(key) && Array.isArray(rows) && rows.length > 0);
  const hasChanges = entries.some(([key, rows]) => isChange(key) && Array.isArray(rows) && rows.length > 0);
  if (!hasHistory || !hasChanges) return null;
  const parts: PayloadParts = { history: {}, changes: {} };
  for (const [key, value] of entries) {
    if (HISTORY_TABLES.has(key) || FOLLOWS_HISTORY.has(key)) parts.history[key] = value;
    else parts.changes[key] = value;
  }
  return parts;
}
