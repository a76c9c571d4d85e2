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
  'customers',
  'customer_account_entries',
  'repair_orders',
  'repair_events',
  'store_profiles',
] as const;
export type StoredTable = (typeof STORED_TABLES)[number];

/** Row counts of the given tables, by table name. Names come from the test's own constants, never input. */
export function countRows<T extends string>(db: Database.Database, tables: readonly T[]): Record<T, number> {
  const entries = tables.map((table) => {
    const row = db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number };
    return [table, row.n] as const;
  });
  return Object.fromEntries(entries) as Record<T, number>;
}

/** Row counts of every stored table: a failed call must leave all of them exactly as they were. */
export function tableCounts(db: Database.Database): Record<StoredTable, number> {
  return countRows(db, STORED_TABLES);
}
