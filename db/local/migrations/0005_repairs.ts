import { type Kysely, sql } from 'kysely';

/**
 * Repair orders and their timeline (issue 4, repair slice):
 *
 * - `repair_orders` is mutable and store-scoped: the first table that is both. Per-column clocks and the last
 *   central version from the start (see 0002_sync_bookkeeping.ts), so two benches changing one order while apart
 *   merge column by column. `number` (`R-T01-000001`) is unique: numbers are per terminal, so two offline benches
 *   never collide. The status list is checked here; rules that span columns (an IMEI or a serial, a reason on a
 *   cancel) are the service's, because a per-column merge of two valid writes must always be storable.
 * - `accessories` is a JSON array of strings; `unlock_secret` is the device's PIN or pattern, replicated (the
 *   other bench of the store needs it) but never returned by lists.
 * - `repair_events` is the timeline: append-only like sales (repairable only inside the sync worker's digest
 *   repair), every status change with its from/to, and each diagnosis, estimate, approval, part, labor, note,
 *   assignment and deposit with its details as JSON.
 * - Parts are stock movements with reason `repair_part`; the movement's note carries the order number and the
 *   `part` event names the movement id, so stock_movements (the hottest ledger, with its digests and snapshot)
 *   keeps its shape.
 */
// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema of its own time, not today's.
type AnyDb = Kysely<any>;

const STATUSES = `'received', 'diagnosing', 'awaiting_approval', 'approved', 'rejected', 'in_repair', 'waiting_parts',
  'repaired', 'unrepairable', 'ready_for_pickup', 'delivered', 'cancelled'`;

const EVENT_KINDS = `'intake', 'status', 'diagnosis', 'estimate', 'approval', 'rejection', 'part', 'labor', 'note',
  'assignment', 'deposit'`;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('repair_orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('terminal_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('device_type', 'text', (c) => c.notNull())
    .addColumn('brand', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('imei', 'text')
    .addColumn('serial', 'text')
    .addColumn('accessories', 'text', (c) => c.notNull().defaultTo('[]').check(sql`json_valid(accessories)`))
    .addColumn('condition_notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('reported_fault', 'text', (c) => c.notNull())
    .addColumn('unlock_secret', 'text')
    .addColumn('estimate', 'integer', (c) => c.check(sql`estimate >= 0`))
    .addColumn('estimate_pre_approved', 'integer', (c) =>
      c.notNull().defaultTo(0).check(sql`estimate_pre_approved IN (0, 1)`),
    )
    .addColumn('final_price', 'integer', (c) => c.check(sql`final_price >= 0`))
    .addColumn('diagnosis', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().check(sql.raw(`status IN (${STATUSES})`)))
    .addColumn('technician_id', 'text')
    .addColumn('promised_at', 'text')
    .addColumn('warranty_of', 'text')
    .addColumn('cancel_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('delivered_sale_id', 'text')
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0).check(sql`archived IN (0, 1)`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('row_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('hlc', 'text', (c) => c.notNull())
    .addColumn('col_hlc', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('central_version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('repair_orders_status').on('repair_orders').columns(['status', 'created_at']).execute();
  await db.schema
    .createIndex('repair_orders_customer')
    .on('repair_orders')
    .columns(['customer_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('repair_orders_technician')
    .on('repair_orders')
    .columns(['technician_id', 'created_at'])
    .execute();
  await db.schema.createIndex('repair_orders_created_at').on('repair_orders').column('created_at').execute();
  await db.schema.createIndex('repair_orders_imei').on('repair_orders').column('imei').execute();

  await db.schema
    .createTable('repair_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('repair_order_id', 'text', (c) => c.notNull().references('repair_orders.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql.raw(`kind IN (${EVENT_KINDS})`)))
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}').check(sql`json_valid(details)`))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('terminal_id', 'text', (c) => c.notNull())
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('hlc', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('repair_events_order').on('repair_events').columns(['repair_order_id', 'hlc']).execute();

  for (const [event, suffix] of [
    ['UPDATE', 'no_update'],
    ['DELETE', 'no_delete'],
  ] as const) {
    await sql`CREATE TRIGGER ${sql.id(`repair_events_${suffix}`)} BEFORE ${sql.raw(event)} ON repair_events
      WHEN (SELECT repairing FROM sync_state) = 0
      BEGIN SELECT RAISE(ABORT, 'repair_events is append-only'); END`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('repair orders and their timeline are history once written');
}
