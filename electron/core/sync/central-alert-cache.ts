import { CoreError } from '../../../shared/errors';
import type { LocalDb } from '../database/write-transaction';
import type { AlertProduct, CentralAlertRow } from './central-alert-view';

/**
 * The core's side of the alert cache (db/local/migrations/0003_central_alerts.ts): reading it for the panel and
 * recording a manager's acknowledgement. The sync worker fills the cache and sends acknowledgements
 * (central-alert-sync.ts).
 */

/** Open on central and not acknowledged here either: what still asks for a manager's eye. */
export async function countOpenAlerts(db: LocalDb): Promise<number> {
  const row = await db
    .selectFrom('central_alerts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('acknowledged_at', 'is', null)
    .where('ack_requested_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Open ones first (newest first), then the acknowledged ones, newest first. */
export async function listCachedAlerts(db: LocalDb): Promise<CentralAlertRow[]> {
  return db
    .selectFrom('central_alerts')
    .selectAll()
    .orderBy((eb) => eb.case().when('acknowledged_at', 'is', null).then(0).else(1).end())
    .orderBy('id', 'desc')
    .execute();
}

export async function findCachedAlert(db: LocalDb, id: number): Promise<CentralAlertRow> {
  const row = await db.selectFrom('central_alerts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new CoreError('NOT_FOUND', `alert ${id} is not among this store's alerts`);
  return row;
}

/** The products the alerts name, from the local catalog (products are global and replicated). */
export async function alertProducts(db: LocalDb, rows: readonly CentralAlertRow[]): Promise<Map<string, AlertProduct>> {
  const ids = [
    ...new Set(rows.filter((r) => r.entity_table === 'products' && r.entity_id).map((r) => r.entity_id ?? '')),
  ];
  if (ids.length === 0) return new Map();
  const products = await db.selectFrom('products').select(['id', 'sku', 'name']).where('id', 'in', ids).execute();
  return new Map(products.map((p) => [p.id, p]));
}

/**
 * Records a manager's acknowledgement until central confirms it. Returns false when there is nothing to record:
 * central has it acknowledged already, or this terminal recorded it before (the first one stands).
 */
export async function requestAcknowledgement(
  trx: LocalDb,
  ack: { id: number; at: string; byName: string; byUserId: string; note: string | null },
): Promise<boolean> {
  const result = await trx
    .updateTable('central_alerts')
    .set({
      ack_requested_at: ack.at,
      ack_requested_by: ack.byName,
      ack_requested_user_id: ack.byUserId,
      ack_note: ack.note,
    })
    .where('id', '=', ack.id)
    .where('acknowledged_at', 'is', null)
    .where('ack_requested_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
