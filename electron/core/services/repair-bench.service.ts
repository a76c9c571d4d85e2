import type { RepairStatusValue } from '../../../db/local/local-schema';
import { normalizeScannedCode } from '../../../shared/barcode';
import { CoreError } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import { assertAmountWithinBound } from '../../../shared/money-bounds';
import { assertTransition, isTerminalRepairStatus } from '../../../shared/repair-status';
import type { CoreContext } from '../core-context';
import type { LocalDb } from '../database/write-transaction';
import { findProductByCode, findProductById } from '../repositories/product.repository';
import type { RepairOrderRow } from '../repositories/repair.repository';
import { findUserById, isOfStore } from '../repositories/user.repository';
import { type Handlers, requireUser } from '../router/handler.types';
import { assertOrderSumWithinBound } from './repair-amounts';
import { changeRepairOrder, type RepairColumns } from './repair-change';

type RepairBenchHandlers = Pick<
  Handlers,
  | 'repairs.transition'
  | 'repairs.diagnose'
  | 'repairs.recordApproval'
  | 'repairs.addPart'
  | 'repairs.addLabor'
  | 'repairs.addNote'
  | 'repairs.assign'
  | 'repairs.setFinalPrice'
>;

/** While the device is on the bench: where parts and labor are booked. */
const BENCH_STATUSES: readonly RepairStatusValue[] = [
  'diagnosing',
  'approved',
  'in_repair',
  'waiting_parts',
  'repaired',
  'unrepairable',
];

const ASSIGNABLE_ROLES = ['technician', 'admin', 'manager'] as const;

/** An order that is delivered or cancelled is history: only notes may still be added. */
function assertOpen(order: RepairOrderRow, what: string): void {
  if (isTerminalRepairStatus(order.status)) {
    throw new CoreError('CONFLICT', `repair order ${order.number} is ${order.status}: cannot ${what}`);
  }
}

function assertOnBench(order: RepairOrderRow, what: string): void {
  if (!BENCH_STATUSES.includes(order.status)) {
    throw new CoreError('CONFLICT', `repair order ${order.number} is ${order.status}: cannot ${what}`);
  }
}

async function productFor(db: LocalDb, input: { productId?: string | undefined; code?: string | undefined }) {
  const product = input.productId
    ? await findProductById(db, input.productId)
    : await findProductByCode(db, normalizeScannedCode(input.code ?? ''));
  const path = input.productId ? 'productId' : 'code';
  if (!product) throw new CoreError('NOT_FOUND', 'no product with that id or code', [{ path, message: 'not found' }]);
  if (product.archived === 1) {
    throw new CoreError('VALIDATION', `"${product.name}" is archived`, [{ path, message: 'archived product' }]);
  }
  return product;
}

export function createRepairBenchHandlers(ctx: CoreContext): RepairBenchHandlers {
  return {
    async 'repairs.transition'(input, call) {
      const user = requireUser(call);
      return changeRepairOrder(ctx, user, { orderId: input.orderId, kind: 'repair.status' }, ({ order }) => {
        // Re-checked here, on the row under the write lock: another bench may have moved the order since.
        assertTransition(order.status, input.to, {
          estimatePreApproved: order.estimate_pre_approved === 1,
          reason: input.reason,
        });
        const columns: RepairColumns = { status: input.to };
        if (input.to === 'cancelled') columns.cancel_reason = input.reason;
        return {
          columns,
          events: [
            {
              kind: 'status',
              fromStatus: order.status,
              toStatus: input.to,
              details: input.to === 'cancelled' ? { reason: input.reason } : {},
            },
          ],
        };
      });
    },

    async 'repairs.diagnose'(input, call) {
      const user = requireUser(call);
      return changeRepairOrder(ctx, user, { orderId: input.orderId, kind: 'repair.diagnose' }, ({ order }) => {
        assertOpen(order, 'change its diagnosis');
        const preApproved = input.estimatePreApproved ? 1 : 0;
        const events = [];
        const columns: RepairColumns = {};
        if (input.diagnosis !== order.diagnosis) {
          columns.diagnosis = input.diagnosis;
          events.push({ kind: 'diagnosis' as const, details: { diagnosis: input.diagnosis } });
        }
        if (input.estimate !== order.estimate || preApproved !== order.estimate_pre_approved) {
          columns.estimate = input.estimate;
          columns.estimate_pre_approved = preApproved;
          events.push({
            kind: 'estimate' as const,
            details: { estimate: input.estimate, previous: order.estimate, preApproved: input.estimatePreApproved },
          });
        }
        return { columns, events };
      });
    },

    async 'repairs.recordApproval'(input, call) {
      const user = requireUser(call);
      return changeRepairOrder(ctx, user, { orderId: input.orderId, kind: 'repair.approval' }, ({ order }) => {
        assertTransition(order.status, input.decision, { estimatePreApproved: order.estimate_pre_approved === 1 });
        return {
          columns: { status: input.decision },
          events: [
            {
              kind: input.decision === 'approved' ? 'approval' : 'rejection',
              fromStatus: order.status,
              toStatus: input.decision,
              details: { by: input.by, via: input.via, note: input.note, estimate: order.estimate },
            },
          ],
        };
      });
    },

    async 'repairs.addPart'(input, call) {
      const user = requireUser(call);
      const { identity } = ctx.requireTerminal();
      return changeRepairOrder(
        ctx,
        user,
        { orderId: input.orderId, kind: 'repair.part', idempotentEvent: { id: input.eventId, kind: 'part' } },
        async ({ order, trx, stamp, now }) => {
          assertOnBench(order, 'add parts');
          const product = await productFor(trx, input);
          // A price stored before prices had a bound is refused here rather than summed into the order.
          const path = input.productId ? 'productId' : 'code';
          assertAmountWithinBound(product.price, 'unitPrice', path, `the price of "${product.name}"`);
          const total = product.price * input.quantity;
          await assertOrderSumWithinBound(trx, order.id, 'part', total, 'quantity');
          const movement = {
            id: newId(),
            product_id: product.id,
            store_id: identity.storeId,
            quantity: -input.quantity,
            reason: 'repair_part' as const,
            sale_id: null,
            note: `Reparación ${order.number}`,
            user_id: user.id,
            terminal_id: identity.terminalId,
            created_at: now,
            hlc: stamp,
          };
          return {
            columns: {},
            stockMovements: [movement],
            events: [
              {
                id: input.eventId,
                kind: 'part',
                details: {
                  stockMovementId: movement.id,
                  productId: product.id,
                  sku: product.sku,
                  name: product.name,
                  quantity: input.quantity,
                  unitPrice: product.price,
                  total,
                },
              },
            ],
          };
        },
      );
    },

    async 'repairs.addLabor'(input, call) {
      const user = requireUser(call);
      return changeRepairOrder(
        ctx,
        user,
        { orderId: input.orderId, kind: 'repair.labor', idempotentEvent: { id: input.eventId, kind: 'labor' } },
        async ({ order, trx }) => {
          assertOnBench(order, 'add labor');
          await assertOrderSumWithinBound(trx, order.id, 'labor', input.amount, 'amount');
          return {
            columns: {},
            events: [
              { id: input.eventId, kind: 'labor', details: { description: input.description, amount: input.amount } },
            ],
          };
        },
      );
    },

    async 'repairs.addNote'(input, call) {
      const user = requireUser(call);
      return changeRepairOrder(
        ctx,
        user,
        { orderId: input.orderId, kind: 'repair.note', idempotentEvent: { id: input.eventId, kind: 'note' } },
        () => ({ columns: {}, events: [{ id: input.eventId, kind: 'note', details: { text: input.text } }] }),
      );
    },

    async 'repairs.assign'(input, call) {
      const user = requireUser(call);
      const technician = input.technicianId ? await findUserById(ctx.db, input.technicianId) : null;
      if (input.technicianId) {
        const fit =
          technician &&
          technician.archived === 0 &&
          isOfStore(technician, ctx.requireTerminal().identity.storeId) &&
          (ASSIGNABLE_ROLES as readonly string[]).includes(technician.role);
        if (!fit) {
          const message = technician ? 'not a technician, manager or admin in service' : 'no user with that id';
          throw new CoreError('VALIDATION', message, [{ path: 'technicianId', message }]);
        }
      }
      return changeRepairOrder(ctx, user, { orderId: input.orderId, kind: 'repair.assign' }, ({ order }) => {
        assertOpen(order, 'assign it');
        return {
          columns: { technician_id: input.technicianId },
          events: [
            {
              kind: 'assignment',
              details: {
                technicianId: input.technicianId,
                technicianName: technician?.name ?? null,
                previous: order.technician_id,
              },
            },
          ],
        };
      });
    },

    async 'repairs.setFinalPrice'(input, call) {
      const user = requireUser(call);
      return changeRepairOrder(ctx, user, { orderId: input.orderId, kind: 'repair.price' }, ({ order }) => {
        assertOpen(order, 'change its price');
        return {
          columns: { final_price: input.finalPrice },
          events: [{ kind: 'estimate', details: { finalPrice: input.finalPrice, previous: order.final_price } }],
        };
      });
    },
  };
}
