import { type Kysely, sql } from 'kysely';

/**
 * What a terminal needs to take part in sync (SYNC.md):
 * - per-column clocks (`col_hlc`, JSON of column -> HLC) and the last central version applied
 *   (`central_version`) on every mutable table, so a pulled image merges column by column and an older image
 *   never overwrites a newer one;
 * - one row of sync state: the central connection, the push fence and the pull cursor;
 * - SKU and barcode uniqueness move from the schema to the services: two terminals offline can both create a
 *   SKU, central keeps both (it never refuses history), and a terminal must be able to hold what central holds.
 */
// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema of its own time, not today's.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  for (const table of ['users', 'products', 'product_barcodes']) {
    await db.schema
      .alterTable(table)
      .addColumn('col_hlc', 'text', (c) => c.notNull().defaultTo('{}'))
      .execute();
    await db.schema
      .alterTable(table)
      .addColumn('central_version', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    // Rows written before this migration: every column carries the row's own clock.
    await sql`UPDATE ${sql.table(table)} SET col_hlc = (
        SELECT json_group_object(name, ${sql.ref(`${table}.hlc`)}) FROM pragma_table_info(${table})
         WHERE name NOT IN ('id', 'row_version', 'hlc', 'col_hlc', 'central_version'))`.execute(db);
  }

  await db.schema.dropIndex('products_sku_unique').execute();
  await db.schema.createIndex('products_sku').on('products').column('sku').execute();
  await db.schema.dropIndex('product_barcodes_code_live').execute();
  await db.schema
    .createIndex('product_barcodes_code')
    .on('product_barcodes')
    .column('code')
    .where(sql.ref('archived'), '=', 0)
    .execute();

  await db.schema
    .createTable('sync_state')
    .addColumn('only_row', 'integer', (c) => c.primaryKey().check(sql`only_row = 1`))
    .addColumn('connection_text', 'text')
    .addColumn('acked_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cursor_txid', 'text', (c) => c.notNull().defaultTo('0'))
    .addColumn('cursor_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('central_hlc', 'text')
    .addColumn('clock_skew_ms', 'integer')
    .addColumn('last_push_at', 'text')
    .addColumn('last_pull_at', 'text')
    .addColumn('last_error', 'text')
    // Set to 1 only inside the sync worker's repair transaction, and back to 0 before it commits: no other
    // connection ever sees it set. It lets a digest repair replace a corrupted history row (property 9).
    .addColumn('repairing', 'integer', (c) => c.notNull().defaultTo(0).check(sql`repairing IN (0, 1)`))
    .execute();
  await sql`INSERT INTO sync_state (only_row) VALUES (1)`.execute(db);

  for (const table of ['sales', 'sale_lines', 'payments', 'stock_movements', 'audit_events']) {
    for (const [event, suffix] of [
      ['UPDATE', 'no_update'],
      ['DELETE', 'no_delete'],
    ] as const) {
      const trigger = `${table}_${suffix}`;
      await sql`DROP TRIGGER ${sql.id(trigger)}`.execute(db);
      await sql`CREATE TRIGGER ${sql.id(trigger)} BEFORE ${sql.raw(event)} ON ${sql.id(table)}
        WHEN (SELECT repairing FROM sync_state) = 0
        BEGIN SELECT RAISE(ABORT, ${sql.lit(`${table} is append-only`)}); END`.execute(db);
    }
  }
}

export async function down(): Promise<void> {
  throw new Error('sync bookkeeping cannot be removed once a terminal may have synced');
}
