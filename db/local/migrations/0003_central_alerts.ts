import { type Kysely, sql } from 'kysely';

/**
 * The terminal's cache of its store's alerts on central (SYNC.md property 3), so a manager sees them offline, as
 * of the last sync. Not a replicated entity: the sync worker replaces the cached rows with central's list after
 * each sync. A manager's acknowledgement is recorded here (`ack_requested_*`) and stays until central confirms
 * it (`acknowledged_*` set from central's answer), so it survives being offline and restarts.
 */
// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema of its own time, not today's.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('central_alerts')
    // Central's own id (an identity bigint): alerts are born on central, never on a terminal.
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('entity_table', 'text')
    .addColumn('entity_id', 'text')
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_by', 'text')
    .addColumn('acknowledged_terminal', 'text')
    .addColumn('acknowledgement_note', 'text')
    .addColumn('ack_requested_at', 'text')
    .addColumn('ack_requested_by', 'text')
    .addColumn('ack_requested_user_id', 'text')
    .addColumn('ack_note', 'text')
    .execute();
  await db.schema
    .createIndex('central_alerts_pending_ack')
    .on('central_alerts')
    .column('id')
    .where(sql.ref('ack_requested_at'), 'is not', null)
    .execute();
  // When the cache last took central's list: the panel says "as of" this.
  await db.schema.alterTable('sync_state').addColumn('alerts_fetched_at', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('the alert cache holds acknowledgements not yet sent to central');
}
