import type Database from 'better-sqlite3';

export interface RecordedOutboxMutation {
  kind: string;
  payload: Record<string, unknown[]>;
}

/**
 * The last `count` outbox mutations, oldest first. A call that writes money or stock history and also changes
 * mutable rows records two (history first: electron/core/sync/history-first.ts).
 */
export function lastOutboxMutations(db: Database.Database, count: number): RecordedOutboxMutation[] {
  const rows = db.prepare('SELECT kind, payload FROM outbox ORDER BY seq DESC LIMIT ?').all(count) as {
    kind: string;
    payload: string;
  }[];
  return rows
    .reverse()
    .map((row) => ({ kind: row.kind, payload: JSON.parse(row.payload) as Record<string, unknown[]> }));
}
