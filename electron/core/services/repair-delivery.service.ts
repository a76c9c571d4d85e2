import { adjustmentEntry } from '../../../shared/account-balance';
import type { UserSummary } from '../../../shared/contract/common.schemas';
import type { RepairTicket } from '../../../shared/contract/repair-delivery.contract';
import { CoreError } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import { assertSumWithinBound } from '../../../shared/money-bounds';
import { isTerminalRepairStatus } from '../../../shared/repair-status';
import type { CoreContext } from '../core-context';
import { noteAlreadySaved } from '../database/call-record';
import type { LocalDb } from '../database/write-transaction';
import { balanceOf, insertAccountEntry } from '../repositories/account.repository';
import { type CustomerRow, findCustomerById } from '../repositories/customer.repository';
import { findRepairOfSale, findRepairOrder, type RepairOrderRow } from '../repositories/repair.repository';
import { findSaleRecord } from '../repositories/sale.repository';
import { type Handlers, requireUser } from '../router/handler.types';
import { assertOrderSumWithinBound } from './repair-amounts';
import { changeRepairOrderAnswering, repairDetailOf } from './repair-change';
import { balanceOfOrder, writeDeliverySale, writeDepositSale } from './repair-sale';
import { openWarranty } from './repair-warranty';
import { prepareSalePayment } from './sale-writer';
import { saleReceiptOf } from './sales.service';
import { readStoreProfile } from './store-profile.service';

type RepairDeliveryHandlers = Pick<
  Handlers,
  'repairs.takeDeposit' | 'repairs.deliveryBalance' | 'repairs.deliver' | 'repairs.openWarranty'
>;

async function requireOrder(db: LocalDb, id: string): Promise<RepairOrderRow> {
  const order = await findRepairOrder(db, id);
  if (!order)
    throw new CoreError('NOT_FOUND', 'no repair order with that id', [{ path: 'orderId', message: 'not found' }]);
  return order;
}

async function timelineRows(db: LocalDb, orderId: string) {
  return db.selectFrom('repair_events').select(['kind', 'details']).where('repair_order_id', '=', orderId).execute();
}

function assertReady(order: RepairOrderRow): void {
  if (order.status !== 'ready_for_pickup') {
    throw new CoreError('CONFLICT', `repair order ${order.number} is ${order.status}, not ready for pickup`, [
      { path: 'orderId', message: `status ${order.status}` },
    ]);
  }
}

/** A customer with a cuenta corriente part must be live, as in sales.complete. */
function assertAccountCustomer(customer: CustomerRow | undefined, onAccount: boolean): void {
  if (onAccount && (!customer || customer.archived === 1)) {
    throw new CoreError('CONFLICT', "the order's customer is archived: no new charges on account", [
      { path: 'payments', message: 'customer archived' },
    ]);
  }
}

export function createRepairDeliveryHandlers(ctx: CoreContext): RepairDeliveryHandlers {
  /** The order and the sale's receipt; inside the write transaction when it is the answer of the call writing them. */
  async function ticketOf(orderId: string, saleId: string, user: UserSummary, db: LocalDb): Promise<RepairTicket> {
    const record = await findSaleRecord(db, saleId);
    if (!record) throw new Error(`sale ${saleId} is not stored`);
    return {
      repair: await repairDetailOf(ctx, orderId, user, db),
      receipt: await saleReceiptOf(ctx, record, undefined, db),
    };
  }

  /** A sale id already used: the same call again (a retry) when it is this order's seña or delivery. */
  async function replayOf(saleId: string, orderId: string, role: 'deposit' | 'delivery', user: UserSummary) {
    if (!(await findSaleRecord(ctx.db, saleId))) return null;
    const owner = await findRepairOfSale(ctx.db, saleId);
    if (owner?.order.id !== orderId || owner.role !== role) {
      throw new CoreError('CONFLICT', 'that sale id is already used by another sale', [
        { path: 'saleId', message: 'used' },
      ]);
    }
    noteAlreadySaved('sales', saleId);
    return ticketOf(orderId, saleId, user, ctx.db);
  }

  return {
    async 'repairs.takeDeposit'(input, call) {
      const user = requireUser(call);
      const replay = await replayOf(input.saleId, input.orderId, 'deposit', user);
      if (replay) return replay;
      const order = await requireOrder(ctx.db, input.orderId);
      const customer = (await findCustomerById(ctx.db, order.customer_id)) ?? null;
      const payment = await prepareSalePayment(ctx, {
        total: input.amount,
        payments: input.payments,
        path: 'payments',
        customer,
      });
      const ticket = (db: LocalDb) => ticketOf(input.orderId, input.saleId, user, db);
      const request = { orderId: input.orderId, kind: 'repair.deposit' };
      return changeRepairOrderAnswering(
        ctx,
        user,
        request,
        async (change) => {
          if (await findSaleRecord(change.trx, input.saleId)) {
            noteAlreadySaved('sales', input.saleId);
            return null;
          }
          if (isTerminalRepairStatus(change.order.status)) {
            throw new CoreError('CONFLICT', `repair order ${change.order.number} is ${change.order.status}: no seña`, [
              { path: 'orderId', message: `status ${change.order.status}` },
            ]);
          }
          await assertOrderSumWithinBound(change.trx, change.order.id, 'deposit', input.amount, 'amount');
          const deposit = await writeDepositSale(ctx, change.trx, { ...change, user, saleId: input.saleId, payment });
          return { columns: {}, events: [deposit.event], payload: deposit.payload };
        },
        ticket,
      );
    },

    async 'repairs.deliveryBalance'(input) {
      const order = await requireOrder(ctx.db, input.orderId);
      const b = balanceOfOrder(order, await timelineRows(ctx.db, order.id));
      return {
        price: b.price,
        priceSource: b.priceSource,
        deposits: b.deposits,
        amountDue: b.amountDue,
        creditDue: b.creditDue,
      };
    },

    async 'repairs.deliver'(input, call) {
      const user = requireUser(call);
      const replay = await replayOf(input.saleId, input.orderId, 'delivery', user);
      if (replay) return replay;
      const order = await requireOrder(ctx.db, input.orderId);
      assertReady(order);
      const balance = balanceOfOrder(order, await timelineRows(ctx.db, order.id));
      if (input.expectedAmountDue !== undefined && input.expectedAmountDue !== balance.amountDue) {
        throw new CoreError('CONFLICT', 'the price or the señas changed since; review the balance', [
          { path: 'expectedAmountDue', message: 'changed' },
        ]);
      }
      if (balance.creditDue > 0 && input.creditDue !== 'customer_account') {
        throw new CoreError('CONFLICT', 'the señas exceed the price: say how the difference goes back', [
          { path: 'creditDue', message: `credit_due ${balance.creditDue}` },
        ]);
      }
      const customer = await findCustomerById(ctx.db, order.customer_id);
      assertAccountCustomer(
        customer,
        input.payments.some((p) => p.method === 'customer_account'),
      );
      const payment = await prepareSalePayment(ctx, {
        total: balance.amountDue,
        payments: input.payments,
        path: 'payments',
        customer: customer ?? null,
        managerOverride: input.managerOverride,
      });
      const { identity } = ctx.requireTerminal();
      const ticket = (db: LocalDb) => ticketOf(input.orderId, input.saleId, user, db);
      const request = { orderId: input.orderId, kind: 'repair.deliver' };
      return changeRepairOrderAnswering(
        ctx,
        user,
        request,
        async (change) => {
          if (change.order.delivered_sale_id === input.saleId) {
            noteAlreadySaved('sales', input.saleId);
            return null;
          }
          // Re-checked on the row under the write lock: another terminal's change may have landed since.
          assertReady(change.order);
          const now = balanceOfOrder(change.order, await timelineRows(change.trx, change.order.id));
          if (now.amountDue !== balance.amountDue || now.creditDue !== balance.creditDue) {
            throw new CoreError('CONFLICT', 'the price or the señas changed since; review the balance', [
              { path: 'expectedAmountDue', message: 'changed' },
            ]);
          }
          const sale = await writeDeliverySale(ctx, change.trx, { ...change, user, saleId: input.saleId, payment });
          const credit =
            balance.creditDue > 0
              ? {
                  id: newId(),
                  customer_id: change.order.customer_id,
                  ...adjustmentEntry(-balance.creditDue),
                  method: null,
                  reference: null,
                  sale_id: input.saleId,
                  repair_order_id: change.order.id,
                  note: `Seña excedente ${change.order.number}`,
                  user_id: user.id,
                  store_id: identity.storeId,
                  terminal_id: identity.terminalId,
                  created_at: change.now,
                  hlc: change.stamp,
                }
              : null;
          if (credit) {
            const before = await balanceOf(change.trx, credit.customer_id);
            assertSumWithinBound(
              before,
              before + credit.amount,
              'accountBalance',
              'creditDue',
              "the customer's balance",
            );
            await insertAccountEntry(change.trx, credit);
          }
          const entries = [
            ...((sale.payload.customer_account_entries as unknown[] | undefined) ?? []),
            ...(credit ? [credit] : []),
          ];
          return {
            columns: { status: 'delivered', delivered_sale_id: input.saleId },
            events: [
              {
                kind: 'status',
                fromStatus: change.order.status,
                toStatus: 'delivered',
                details: {
                  saleId: sale.record.sale.id,
                  saleNumber: sale.record.sale.number,
                  price: balance.price,
                  priceSource: balance.priceSource,
                  deposits: balance.deposits,
                  amountDue: balance.amountDue,
                  creditDue: balance.creditDue,
                },
              },
            ],
            payload: { ...sale.payload, ...(entries.length > 0 ? { customer_account_entries: entries } : {}) },
          };
        },
        ticket,
      );
    },

    async 'repairs.openWarranty'(input, call) {
      const user = requireUser(call);
      // The store's window as this terminal last synced it (Tienda screen, store_profiles).
      const { warrantyDays } = await readStoreProfile(ctx);
      return openWarranty(ctx, user, input, warrantyDays);
    },
  };
}
