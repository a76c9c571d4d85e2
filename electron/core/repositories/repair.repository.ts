import { type Insertable, type Selectable, sql } from 'kysely';
import type { LocalDatabase, RepairStatusValue } from '../../../db/local/local-schema';
import type { LocalDb } from '../database/write-transaction';
import { type MutableChanges, updateMutableRow } from './mutable-row';

export type RepairOrderRow = Selectable<LocalDatabase['repair_orders']>;
export type RepairEventRow = Selectable<LocalDatabase['repair_events']>;
export type NewRepairEvent = Insertable<LocalDatabase['repair_events']> & { id: string };

/** An order with the names a screen shows beside it. */
export type RepairOrderListRow = RepairOrderRow & {
  customer_name: string | null;
  customer_phone: string | null;
  technician_name: string | null;
};

export type RepairEventWithUser = RepairEventRow & { user_name: string | null };

/** Statuses after which an order is no longer anyone's to finish: not overdue, whatever its promise said. */
const CLOSED: readonly RepairStatusValue[] = ['delivered', 'cancelled'];

export async function insertRepairOrder(trx: LocalDb, row: Insertable<LocalDatabase['repair_orders']>): Promise<void> {
  await trx.insertInto('repair_orders').values(row).execute();
}

/** Writes changed columns with their clocks (mutable-row.ts). */
export async function updateRepairOrder(
  trx: LocalDb,
  id: string,
  changes: MutableChanges<'repair_orders'>,
): Promise<void> {
  await updateMutableRow(trx, 'repair_orders', id, changes);
}

export async function insertRepairEvents(trx: LocalDb, rows: NewRepairEvent[]): Promise<void> {
  if (rows.length > 0) await trx.insertInto('repair_events').values(rows).execute();
}

export async function findRepairOrder(db: LocalDb, id: string): Promise<RepairOrderRow | undefined> {
  return db.selectFrom('repair_orders').selectAll().where('id', '=', id).executeTakeFirst();
}

function withNames(db: LocalDb) {
  return db
    .selectFrom('repair_orders as o')
    .leftJoin('customers as c', 'c.id', 'o.customer_id')
    .leftJoin('users as u', 'u.id', 'o.technician_id')
    .selectAll('o')
    .select(['c.name as customer_name', 'c.phone as customer_phone', 'u.name as technician_name']);
}

export async function findRepairOrderWithNames(
  db: LocalDb,
  where: { id: string } | { number: string },
): Promise<RepairOrderListRow | undefined> {
  const query = withNames(db);
  return (
    'id' in where ? query.where('o.id', '=', where.id) : query.where('o.number', '=', where.number)
  ).executeTakeFirst();
}

/** The order a repair sale belongs to: the delivery it settled, or the seña it took (named by its event). */
export async function findRepairOfSale(
  db: LocalDb,
  saleId: string,
): Promise<{ order: RepairOrderRow; role: 'deposit' | 'delivery' } | null> {
  const delivered = await db
    .selectFrom('repair_orders')
    .selectAll()
    .where('delivered_sale_id', '=', saleId)
    .executeTakeFirst();
  if (delivered) return { order: delivered, role: 'delivery' };
  const event = await db
    .selectFrom('repair_events')
    .select('repair_order_id')
    .where('kind', '=', 'deposit')
    .where(sql<string>`json_extract(details, '$.saleId')`, '=', saleId)
    .executeTakeFirst();
  const order = event ? await findRepairOrder(db, event.repair_order_id) : undefined;
  return order ? { order, role: 'deposit' } : null;
}

/** The details of an order's events of one kind, in no particular order: what a sum over them needs. */
export async function repairEventDetails(
  db: LocalDb,
  orderId: string,
  kind: RepairEventRow['kind'],
): Promise<string[]> {
  const rows = await db
    .selectFrom('repair_events')
    .select('details')
    .where('repair_order_id', '=', orderId)
    .where('kind', '=', kind)
    .execute();
  return rows.map((row) => row.details);
}

export async function findRepairEvent(db: LocalDb, id: string): Promise<RepairEventRow | undefined> {
  return db.selectFrom('repair_events').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The timeline in the order of the writes' clocks: causal across benches, and stable within one call. */
export async function repairTimeline(db: LocalDb, orderId: string): Promise<RepairEventWithUser[]> {
  return db
    .selectFrom('repair_events as e')
    .leftJoin('users as u', 'u.id', 'e.user_id')
    .selectAll('e')
    .select('u.name as user_name')
    .where('e.repair_order_id', '=', orderId)
    .orderBy('e.hlc')
    .orderBy('e.id')
    .execute();
}

export interface RepairListFilters {
  statuses?: readonly RepairStatusValue[];
  technicianId?: string;
  customerId?: string;
  /** UTC ISO text, inclusive. */
  from?: string;
  /** UTC ISO text, exclusive. */
  to?: string;
  overdueOnly: boolean;
}

/** Every filter but status: the counts per status are taken under these. */
function filtered(db: LocalDb, filters: RepairListFilters, nowIso: string) {
  let query = db.selectFrom('repair_orders as o').where('o.archived', '=', 0);
  if (filters.technicianId) query = query.where('o.technician_id', '=', filters.technicianId);
  if (filters.customerId) query = query.where('o.customer_id', '=', filters.customerId);
  if (filters.from) query = query.where('o.created_at', '>=', filters.from);
  if (filters.to) query = query.where('o.created_at', '<', filters.to);
  if (filters.overdueOnly) query = query.where('o.promised_at', '<', nowIso).where('o.status', 'not in', CLOSED);
  return query;
}

export async function listRepairOrders(
  db: LocalDb,
  filters: RepairListFilters,
  nowIso: string,
  page: { limit: number; offset: number },
): Promise<{ rows: RepairOrderListRow[]; total: number }> {
  let base = filtered(db, filters, nowIso);
  if (filters.statuses) {
    if (filters.statuses.length === 0) return { rows: [], total: 0 };
    base = base.where('o.status', 'in', filters.statuses);
  }
  const ids = await base
    .select('o.id')
    .orderBy('o.created_at', 'desc')
    .orderBy('o.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (ids.length === 0) return { rows: [], total: Number(total.n) };
  const rows = await withNames(db)
    .where(
      'o.id',
      'in',
      ids.map((r) => r.id),
    )
    .orderBy('o.created_at', 'desc')
    .orderBy('o.id', 'desc')
    .execute();
  return { rows, total: Number(total.n) };
}

export async function repairStatusCounts(
  db: LocalDb,
  filters: RepairListFilters,
  nowIso: string,
): Promise<{ counts: Map<RepairStatusValue, number>; overdue: number }> {
  const base = filtered(db, filters, nowIso);
  const rows = await base
    .select(['o.status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('o.status')
    .execute();
  const overdue = await base
    .where('o.promised_at', '<', nowIso)
    .where('o.status', 'not in', CLOSED)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { counts: new Map(rows.map((r) => [r.status, Number(r.n)])), overdue: Number(overdue.n) };
}
