import type { UserSummary } from '../../../shared/contract/common.schemas';
import type { ParsedRequestOf } from '../../../shared/contract/index';
import { CoreError } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import { formatRepairNumber } from '../../../shared/repair-number';
import { repairNumberFromText } from '../../../shared/repair-scan';
import { REPAIR_STATUSES } from '../../../shared/repair-status';
import type { CoreContext } from '../core-context';
import { noteAlreadySaved } from '../database/call-record';
import { type LocalDb, writeTransaction } from '../database/write-transaction';
import { findCustomerById } from '../repositories/customer.repository';
import {
  findRepairOrder,
  findRepairOrderWithNames,
  insertRepairEvents,
  insertRepairOrder,
  listRepairOrders,
  type RepairOrderRow,
  repairStatusCounts,
} from '../repositories/repair.repository';
import { takeNextNumber } from '../repositories/sale.repository';
import { type Handlers, requireUser } from '../router/handler.types';
import { newRowClocks } from '../sync/column-clocks';
import { buildRepairEvent, type EventDraft, repairDetailOf } from './repair-change';
import { writeDepositSale } from './repair-sale';
import { toRepairSummary } from './repair-view';
import { prepareSalePayment } from './sale-writer';

type RepairReadHandlers = Pick<Handlers, 'repairs.intake' | 'repairs.get' | 'repairs.list' | 'repairs.findByNumber'>;

/** Per terminal like sale numbers; its own series in document_counters, taken inside the intake's transaction. */
const REPAIR_SERIES = 'repair';

type ParsedIntake = ParsedRequestOf<'repairs.intake'>;

/** A repeated order id is the same intake (a retry after a lost answer), unless it describes another device. */
function assertSameIntake(existing: RepairOrderRow, input: ParsedIntake): void {
  const same =
    existing.customer_id === input.customerId &&
    existing.imei === input.device.imei &&
    existing.serial === input.device.serial &&
    existing.reported_fault === input.reportedFault;
  if (!same) throw new CoreError('CONFLICT', `repair order ${existing.number} already exists for another device`);
  noteAlreadySaved('repair_orders', existing.id);
}

async function assertCustomer(db: LocalDb, customerId: string): Promise<void> {
  const customer = await findCustomerById(db, customerId);
  if (!customer || customer.archived === 1) {
    const message = customer ? 'this customer is archived' : 'no customer with that id';
    throw new CoreError('VALIDATION', message, [{ path: 'customerId', message }]);
  }
}

export function createRepairHandlers(ctx: CoreContext): RepairReadHandlers {
  async function intake(input: ParsedIntake, user: UserSummary) {
    const { identity } = ctx.requireTerminal();
    const earlier = await findRepairOrder(ctx.db, input.orderId);
    if (earlier) {
      assertSameIntake(earlier, input);
      return repairDetailOf(ctx, earlier.id, user);
    }
    await assertCustomer(ctx.db, input.customerId);
    // The seña is a sale of the seña (repair-sale.ts), so it lands in payments where the cash session counts it.
    const deposit = input.deposit
      ? await prepareSalePayment(ctx, {
          total: input.deposit.amount,
          payments: [
            { method: input.deposit.method, amount: input.deposit.amount, reference: input.deposit.reference },
          ],
          path: 'deposit',
          customer: (await findCustomerById(ctx.db, input.customerId)) ?? null,
        })
      : null;
    const stamp = await ctx.nextHlc();
    const now = ctx.nowIso();
    // The answer is read inside the transaction that took the order in: if it cannot be built, nothing is written.
    return writeTransaction(ctx.db, async (trx) => {
      const raced = await findRepairOrder(trx, input.orderId);
      if (raced) {
        assertSameIntake(raced, input);
        return repairDetailOf(ctx, raced.id, user, trx);
      }
      await assertCustomer(trx, input.customerId);
      const number = formatRepairNumber(identity.terminalCode, await takeNextNumber(trx, REPAIR_SERIES));
      const order = {
        id: input.orderId,
        number,
        store_id: identity.storeId,
        terminal_id: identity.terminalId,
        customer_id: input.customerId,
        device_type: input.device.type,
        brand: input.device.brand,
        model: input.device.model,
        imei: input.device.imei,
        serial: input.device.serial,
        accessories: JSON.stringify(input.accessories),
        condition_notes: input.conditionNotes,
        reported_fault: input.reportedFault,
        unlock_secret: input.unlockSecret,
        estimate: input.estimate,
        estimate_pre_approved: input.estimatePreApproved ? (1 as const) : (0 as const),
        final_price: null,
        diagnosis: '',
        status: 'received' as const,
        technician_id: null,
        promised_at: input.promisedAt === null ? null : new Date(input.promisedAt).toISOString(),
        warranty_of: null,
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
      const drafts: EventDraft[] = [
        {
          kind: 'intake',
          toStatus: 'received',
          details: {
            number,
            estimate: input.estimate,
            estimatePreApproved: input.estimatePreApproved,
            promisedAt: order.promised_at,
          },
        },
      ];
      await insertRepairOrder(trx, order);
      const sale = deposit
        ? await writeDepositSale(ctx, trx, { order, user, saleId: newId(), payment: deposit, stamp, now })
        : null;
      if (sale) drafts.push(sale.event);
      const events = drafts.map((d) => buildRepairEvent(ctx, user, order.id, d, stamp, now));
      await insertRepairEvents(trx, events);
      await ctx.recordMutation(
        trx,
        'repair.intake',
        { ...sale?.payload, repair_orders: [order], repair_events: events },
        stamp,
      );
      return repairDetailOf(ctx, order.id, user, trx);
    });
  }

  return {
    async 'repairs.intake'(input, call) {
      return intake(input, requireUser(call));
    },

    async 'repairs.get'(input, call) {
      return repairDetailOf(ctx, input.id, requireUser(call));
    },

    async 'repairs.findByNumber'(input, call) {
      const user = requireUser(call);
      const number = repairNumberFromText(input.text);
      if (!number) {
        throw new CoreError('VALIDATION', 'no repair number in that text', [
          { path: 'text', message: 'not a repair number' },
        ]);
      }
      const row = await findRepairOrderWithNames(ctx.db, { number });
      if (!row) throw new CoreError('NOT_FOUND', `no repair order ${number}`);
      return repairDetailOf(ctx, row.id, user);
    },

    async 'repairs.list'(input) {
      const now = ctx.nowIso();
      const filters = {
        statuses: input.statuses,
        technicianId: input.technicianId,
        customerId: input.customerId,
        from: input.from === undefined ? undefined : new Date(input.from).toISOString(),
        to: input.to === undefined ? undefined : new Date(input.to).toISOString(),
        overdueOnly: input.overdueOnly,
      };
      const page = await listRepairOrders(ctx.db, filters, now, input);
      const { counts, overdue } = await repairStatusCounts(ctx.db, filters, now);
      return {
        items: page.rows.map((row) => toRepairSummary(row, now)),
        total: page.total,
        counts: Object.fromEntries(REPAIR_STATUSES.map((s) => [s, counts.get(s) ?? 0])) as Record<
          (typeof REPAIR_STATUSES)[number],
          number
        >,
        overdue,
      };
    },
  };
}
