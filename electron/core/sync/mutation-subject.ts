import type { CommittedRecord } from '../../../shared/errors';

/**
 * Which record an outbox payload is about, for an answer that must say what was saved (router.ts, COMMITTED):
 * the row of the highest-ranked table it creates or changes. A repair intake that takes a seña writes a sale too,
 * but it is about the order; a payment on account is about its entry.
 */
const SUBJECT_RANK = [
  'repair_orders',
  'sales',
  'customer_account_entries',
  'customers',
  'products',
  'stock_movements',
  'users',
  'store_profiles',
  'audit_events',
] as const;

function rankOf(table: string): number {
  const rank = (SUBJECT_RANK as readonly string[]).indexOf(table);
  return rank === -1 ? SUBJECT_RANK.length : rank;
}

function idOf(row: unknown): string | null {
  if (typeof row !== 'object' || row === null) return null;
  const id: unknown = (row as Record<string, unknown>).id;
  return typeof id === 'string' ? id : null;
}

/** Every (table, id) the payload writes: rows it inserts and rows its `changes` update. */
function candidates(payload: Record<string, unknown>): CommittedRecord[] {
  const found: CommittedRecord[] = [];
  for (const [key, rows] of Object.entries(payload)) {
    if (!Array.isArray(rows)) continue;
    for (const row of rows) {
      const id = idOf(row);
      if (id === null) continue;
      if (key !== 'changes') found.push({ table: key, id });
      else {
        const table: unknown = (row as Record<string, unknown>).table;
        if (typeof table === 'string') found.push({ table, id });
      }
    }
  }
  return found;
}

export function mutationSubject(payload: unknown): CommittedRecord | null {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return null;
  let best: CommittedRecord | null = null;
  for (const candidate of candidates(payload as Record<string, unknown>)) {
    if (best === null || rankOf(candidate.table) < rankOf(best.table)) best = candidate;
  }
  return best;
}
