import type Database from 'better-sqlite3';

export const STORED_TABLES = [
  'settings',
  'users',
  'products',
  'product_barcodes',
  'stock_movements',
  'sales',
  'sale_lines',
  'payments',
  'audit_events',
  'outbox',
  'document_counters',
] as const;

/** Row counts of every stored table: a failed call must leave all of them exactly as they were. */
export function tableCounts(db: Database.Database): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const table of STORED_TABLES) {
    const row = db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number };
    counts[table] = row.n;
  }
  return counts;
}
