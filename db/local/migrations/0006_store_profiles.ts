import { type Kysely, sql } from 'kysely';

/**
 * The store's own data (store_profiles): its name and contact for receipts, repair tickets and statements, its
 * repair terms and its warranty window. Mutable and store-scoped like repair_orders, with the same per-column
 * bookkeeping (0002_sync_bookkeeping.ts), so a manager editing the phone on one terminal and another editing the
 * terms elsewhere both keep their change. One row per store, keyed by the store id: two terminals that create it
 * while apart write the same row, and the merge settles it column by column instead of leaving two profiles.
 */
// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema of its own time, not today's.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('store_profiles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('store_id', 'text', (c) => c.notNull().check(sql`store_id = id`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('tax_id', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('repair_terms', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('warranty_days', 'integer', (c) => c.notNull().check(sql`warranty_days BETWEEN 0 AND 3650`))
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0).check(sql`archived IN (0, 1)`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('row_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('hlc', 'text', (c) => c.notNull())
    .addColumn('col_hlc', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('central_version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('store_profiles').execute();
}
