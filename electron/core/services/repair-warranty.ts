import type { UserSummary } from '../../../shared/contract/common.schemas';
import type { ParsedRequestOf } from '../../../shared/contract/index';
import type { RepairDetail } from '../../../shared/contract/repairs.contract';
import { CoreError } from '../../../shared/errors';
import { formatRepairNumber } from '../../../shared/repair-number';
import type { CoreContext } from '../core-context';
import { noteAlreadySaved } from '../database/call-record';
import { type LocalDb, writeTransaction } from '../database/write-transaction';
import {
  findRepairOrder,
  insertRepairEvents,
  insertRepairOrder,
  type RepairOrderRow,
} from '../repositories/repair.repository';
import { takeNextNumber } from '../repositories/sale.repository';
import { newRowClocks } from '../sync/column-clocks';
import { buildRepairEvent, repairDetailOf } from './repair-change';

const DAY_MS = 86_400_000;

/** When the order was delivered: its delivery status event (the order's own clock is merged, the event is not). */
async function deliveredAt(db: LocalDb, order: RepairOrderRow): Promise<string | null> {
  const event = await db
    .selectFrom('repair_events')
    .select('created_at')
    .where('repair_order_id', '=', order.id)
    .where('to_status', '=', 'delivered')
    .orderBy('hlc')
    .executeTakeFirst();
  return event?.created_at ?? null;
}

/**
 * DOMAIN.md: a repair delivered less than N days ago can be reopened under warranty. The new order is the same
 * customer and device, linked by warranty_of, with an estimate of 0 pre-approved (the bench may go straight from
 * diagnosing to in_repair); both timelines say so. Idempotent by the new order's id.
 */
export async function openWarranty(
  ctx: CoreContext,
  user: UserSummary,
  input: ParsedRequestOf<'repairs.openWarranty'>,
  windowDays: number,
): Promise<RepairDetail> {
  const { identity } = ctx.requireTerminal();
  const earlier = await findRepairOrder(ctx.db, input.orderId);
  if (earlier) {
    if (earlier.warranty_of !== input.warrantyOf) {
      throw new CoreError('CONFLICT', `repair order ${earlier.number} already exists`, [
        { path: 'orderId', message: 'used' },
      ]);
    }
    noteAlreadySaved('repair_orders', earlier.id);
    return repairDetailOf(ctx, input.orderId, user);
  }
  const stamp = await ctx.nextHlc();
  const now = ctx.nowIso();
  return writeTransaction(ctx.db, async (trx) => {
    if (await findRepairOrder(trx, input.orderId)) {
      noteAlreadySaved('repair_orders', input.orderId);
      return repairDetailOf(ctx, input.orderId, user, trx);
    }
    const original = await findRepairOrder(trx, input.warrantyOf);
    if (!original) {
      throw new CoreError('NOT_FOUND', 'no repair order with that id', [{ path: 'warrantyOf', message: 'not found' }]);
    }
    const delivered = original.status === 'delivered' ? await deliveredAt(trx, original) : null;
    if (delivered === null) {
      throw new CoreError('CONFLICT', `repair order ${original.number} is ${original.status}, not delivered`, [
        { path: 'warrantyOf', message: `status ${original.status}` },
      ]);
    }
    const age = Date.parse(now) - Date.parse(delivered);
    if (!(age < windowDays * DAY_MS)) {
      throw new CoreError(
        'CONFLICT',
        `repair order ${original.number} was delivered more than ${windowDays} days ago`,
        [{ path: 'warrantyOf', message: `warranty_expired ${windowDays}` }],
      );
    }
    const number = formatRepairNumber(identity.terminalCode, await takeNextNumber(trx, 'repair'));
    const order = {
      ...original,
      id: input.orderId,
      number,
      store_id: identity.storeId,
      terminal_id: identity.terminalId,
      accessories: JSON.stringify(input.accessories),
      condition_notes: input.conditionNotes,
      reported_fault: input.reportedFault,
      estimate: 0,
      estimate_pre_approved: 1 as const,
      final_price: null,
      diagnosis: '',
      status: 'received' as const,
      technician_id: original.technician_id,
      promised_at: input.promisedAt === null ? null : new Date(input.promisedAt).toISOString(),
      warranty_of: original.id,
      cancel_reason: '',
      delivered_sale_id: null,
      archived: 0 as const,
      created_at: now,
      updated_at: now,
      row_version: 1,
      hlc: stamp,
      col_hlc: newRowClocks('repair_orders', stamp),
      central_version: 0,
    };
    const events = [
      buildRepairEvent(
        ctx,
        user,
        order.id,
        {
          kind: 'intake',
          toStatus: 'received',
          details: {
            number,
            estimate: 0,
            estimatePreApproved: true,
            promisedAt: order.promised_at,
            warrantyOf: original.id,
            warrantyOfNumber: original.number,
            deliveredAt: delivered,
          },
        },
        stamp,
        now,
      ),
      buildRepairEvent(
        ctx,
        user,
        original.id,
        {
          kind: 'note',
          details: {
            text: `Garantía: ${number}`,
            warrantyOrderId: order.id,
            warrantyNumber: number,
          },
        },
        stamp,
        now,
      ),
    ];
    await insertRepairOrder(trx, order);
    await insertRepairEvents(trx, events);
    await ctx.recordMutation(trx, 'repair.warranty', { repair_orders: [order], repair_events: events }, stamp);
    return repairDetailOf(ctx, order.id, user, trx);
  });
}
