import type { Updateable } from 'kysely';
import type { LocalDatabase, RepairEventKind, RepairStatusValue } from '../../../db/local/local-schema';
import type { UserSummary } from '../../../shared/contract/common.schemas';
import type { RepairDetail } from '../../../shared/contract/repairs.contract';
import { CoreError } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import type { CoreContext } from '../core-context';
import { noteAlreadySaved } from '../database/call-record';
import { type LocalDb, writeTransaction } from '../database/write-transaction';
import {
  findRepairEvent,
  findRepairOrder,
  findRepairOrderWithNames,
  insertRepairEvents,
  type NewRepairEvent,
  type RepairOrderRow,
  repairTimeline,
  updateRepairOrder,
} from '../repositories/repair.repository';
import { insertStockMovements, type StockMovementRow } from '../repositories/stock.repository';
import { toRepairDetail } from './repair-view';

export type RepairColumns = Updateable<LocalDatabase['repair_orders']>;

export interface EventDraft {
  /** Client-chosen for idempotent calls; a new id otherwise. */
  id?: string;
  kind: RepairEventKind;
  fromStatus?: RepairStatusValue;
  toStatus?: RepairStatusValue;
  details: Record<string, unknown>;
}

/** What one call changes: columns of the order, events for its timeline, and stock movements for parts. */
export interface RepairChange {
  columns: RepairColumns;
  events: EventDraft[];
  stockMovements?: StockMovementRow[];
  /** Rows written by the plan itself (a sale, an account entry), carried in the same outbox mutation. */
  payload?: Record<string, unknown>;
}

export interface ChangeContext {
  order: RepairOrderRow;
  trx: LocalDb;
  stamp: string;
  now: string;
}

/** The order as `viewer` may see it; `db` is the write transaction when the answer is built inside it. */
export async function repairDetailOf(
  ctx: CoreContext,
  id: string,
  viewer: UserSummary,
  db: LocalDb = ctx.db,
): Promise<RepairDetail> {
  const row = await findRepairOrderWithNames(db, { id });
  if (!row) throw new CoreError('NOT_FOUND', 'no repair order with that id');
  return toRepairDetail(row, await repairTimeline(db, id), viewer.role, ctx.nowIso());
}

export function buildRepairEvent(
  ctx: CoreContext,
  user: UserSummary,
  orderId: string,
  draft: EventDraft,
  stamp: string,
  now: string,
): NewRepairEvent {
  const { identity } = ctx.requireTerminal();
  return {
    id: draft.id ?? newId(),
    repair_order_id: orderId,
    kind: draft.kind,
    from_status: draft.fromStatus ?? null,
    to_status: draft.toStatus ?? null,
    details: JSON.stringify(draft.details),
    user_id: user.id,
    terminal_id: identity.terminalId,
    store_id: identity.storeId,
    created_at: now,
    hlc: stamp,
  };
}

/**
 * A repeated client-chosen event id is the same call (a retry after a lost answer) when it names the same order
 * and kind; anything else is a bug in the caller. Null when the id is new.
 */
async function replayed(db: LocalDb, eventId: string, orderId: string, kind: RepairEventKind): Promise<boolean> {
  const earlier = await findRepairEvent(db, eventId);
  if (!earlier) return false;
  if (earlier.repair_order_id !== orderId || earlier.kind !== kind) {
    throw new CoreError('CONFLICT', 'that event id is already used by another change');
  }
  noteAlreadySaved('repair_events', eventId);
  return true;
}

type ChangeRequest = { orderId: string; kind: string; idempotentEvent?: { id: string; kind: RepairEventKind } };
/** Null: nothing to write (the plan found its own work already done, e.g. a retried seña). */
type ChangePlan = (change: ChangeContext) => Promise<RepairChange | null> | RepairChange | null;

/** changeRepairOrderAnswering, answering with the order's detail as `user` may see it. */
export function changeRepairOrder(
  ctx: CoreContext,
  user: UserSummary,
  request: ChangeRequest,
  plan: ChangePlan,
): Promise<RepairDetail> {
  return changeRepairOrderAnswering(ctx, user, request, plan, (db) => repairDetailOf(ctx, request.orderId, user, db));
}

/**
 * The one write path of every change to an existing order: reads the order inside the write transaction (the rules
 * in `plan` see what is on disk, not what a screen showed), writes its columns with their clocks, its events and
 * stock movements, and the outbox mutation carrying them, or nothing at all when `plan` refuses. The answer is built
 * from what the transaction wrote, inside it: a failure to build it rolls the change back instead of following a
 * commit.
 */
export async function changeRepairOrderAnswering<T>(
  ctx: CoreContext,
  user: UserSummary,
  request: ChangeRequest,
  plan: ChangePlan,
  answerFrom: (db: LocalDb) => Promise<T>,
): Promise<T> {
  const { orderId, idempotentEvent } = request;
  if (idempotentEvent && (await replayed(ctx.db, idempotentEvent.id, orderId, idempotentEvent.kind))) {
    return answerFrom(ctx.db);
  }
  const stamp = await ctx.nextHlc();
  const now = ctx.nowIso();
  return writeTransaction(ctx.db, async (trx) => {
    if (idempotentEvent && (await replayed(trx, idempotentEvent.id, orderId, idempotentEvent.kind))) {
      return answerFrom(trx);
    }
    const order = await findRepairOrder(trx, orderId);
    if (!order) throw new CoreError('NOT_FOUND', 'no repair order with that id');
    const change = await plan({ order, trx, stamp, now });
    if (change === null) return answerFrom(trx);
    const columns = { ...change.columns, updated_at: now };
    await updateRepairOrder(trx, orderId, { ...columns, hlc: stamp });
    const events = change.events.map((draft) => buildRepairEvent(ctx, user, orderId, draft, stamp, now));
    await insertRepairEvents(trx, events);
    const movements = change.stockMovements ?? [];
    await insertStockMovements(trx, movements);
    await ctx.recordMutation(
      trx,
      request.kind,
      {
        ...change.payload,
        // Exactly the columns stamped locally, updated_at included (see catalog.service's product.update).
        changes: [{ table: 'repair_orders', id: orderId, columns }],
        repair_events: events,
        ...(movements.length > 0 ? { stock_movements: movements } : {}),
      },
      stamp,
    );
    return answerFrom(trx);
  });
}
