import { TRANSITION_TARGETS } from '../../shared/contract/repairs.contract';
import { newId } from '../../shared/ids';
import { MONEY_BOUNDS, QUANTITY_BOUNDS } from '../../shared/money-bounds';
import type { RepairStatus } from '../../shared/repair-status';
import { type MutationGenerators, noteOrder, type World } from './mutation-world';
import type { InputDraw } from './seeded-input';

/** Generators of the bench's channels (see mutation-world.ts). */

const ON_BENCH: readonly RepairStatus[] = ['diagnosing', 'approved', 'in_repair', 'waiting_parts', 'repaired'];

/** An order in one of `statuses` when there is one (most of the time), else any id at all. */
export function orderIn(d: InputDraw, world: World, statuses: readonly RepairStatus[]): unknown {
  const fitting = world.orders.filter((id) => statuses.includes(world.orderStatus.get(id) ?? 'received'));
  return fitting.length > 0 && d.chance(0.85) ? d.pick(fitting) : d.id(world.orders);
}

/** A new event id, or one already used (a retry after a lost answer, or a bug reusing it). */
function eventId(d: InputDraw, world: World): string {
  if (d.chance(0.08) && world.usedIds.length > 0) return d.pick(world.usedIds);
  const id = newId();
  world.usedIds.push(id);
  return id;
}

/** Most moves follow the order's allowed transitions, so orders travel the whole machine. */
function nextMove(d: InputDraw, world: World, orderId: unknown): unknown {
  const allowed = typeof orderId === 'string' ? (world.orderMoves.get(orderId) ?? []) : [];
  const movable = allowed.filter((s) => (TRANSITION_TARGETS as readonly string[]).includes(s));
  // Cancelling is allowed from almost anywhere; taken as often as the rest, few orders would reach delivery.
  const forward = movable.filter((s) => s !== 'cancelled');
  if (forward.length > 0 && d.chance(0.9) && (!d.hostile || d.chance(0.5))) return d.pick(forward);
  if (movable.length > 0 && (!d.hostile || d.chance(0.5))) return d.pick(movable);
  return d.choose(TRANSITION_TARGETS, ['approved', 'delivered', 'received', 'nope']);
}

export const repairBenchGenerators: MutationGenerators = {
  'repairs.transition': {
    draw(d, world) {
      const orderId = d.id(world.orders);
      const to = nextMove(d, world, orderId);
      const reason = to === 'cancelled' ? d.text(d.hostile ? 0 : 1, 300) : '';
      return { input: { orderId, to, reason }, as: d.pick(['technician', 'cashier', 'admin'] as const) };
    },
    absorb: noteOrder,
  },
  'repairs.diagnose': {
    draw(d, world) {
      const estimate = d.chance(0.8) ? d.amount(MONEY_BOUNDS.repairAmount) : null;
      return {
        input: {
          orderId: orderIn(d, world, ['diagnosing', 'awaiting_approval']),
          diagnosis: d.text(1, 2000),
          estimate,
          estimatePreApproved: d.or(estimate !== null && d.chance(0.5)),
        },
        as: d.choose(['technician', 'manager'] as const, ['cashier'] as const),
      };
    },
    absorb: noteOrder,
  },
  'repairs.recordApproval': {
    draw: (d, world) => ({
      input: {
        orderId: orderIn(d, world, ['awaiting_approval']),
        decision: d.choose(['approved', 'approved', 'rejected'], ['maybe']),
        by: d.text(1, 120),
        via: d.choose(['in_person', 'phone', 'whatsapp', 'email'], ['pigeon']),
      },
      as: 'cashier',
    }),
    absorb: noteOrder,
  },
  'repairs.addPart': {
    draw(d, world) {
      const byCode = d.chance(0.2) && world.barcodes.length > 0;
      return {
        input: {
          orderId: orderIn(d, world, ON_BENCH),
          eventId: eventId(d, world),
          ...(byCode ? { code: d.pick(world.barcodes) } : { productId: d.id(world.products) }),
          quantity: d.count(QUANTITY_BOUNDS.repairPart),
        },
        as: 'technician',
      };
    },
    absorb: noteOrder,
  },
  'repairs.addLabor': {
    draw: (d, world) => ({
      input: {
        orderId: orderIn(d, world, ON_BENCH),
        eventId: eventId(d, world),
        description: d.text(1, 200),
        amount: d.amount(MONEY_BOUNDS.repairAmount, 1),
      },
      as: 'technician',
    }),
    absorb: noteOrder,
  },
  'repairs.addNote': {
    draw: (d, world) => ({
      input: { orderId: d.id(world.orders), eventId: eventId(d, world), text: d.text(1, 2000) },
      as: d.pick(['cashier', 'technician'] as const),
    }),
    absorb: noteOrder,
  },
  'repairs.assign': {
    draw(d, world) {
      const people = world.users.map((u) => u.id);
      return { input: { orderId: d.id(world.orders), technicianId: d.chance(0.2) ? null : d.id(people) } };
    },
    absorb: noteOrder,
  },
  'repairs.setFinalPrice': {
    draw: (d, world) => ({
      input: {
        orderId: orderIn(d, world, [...ON_BENCH, 'unrepairable', 'ready_for_pickup']),
        finalPrice: d.chance(0.9) ? d.amount(MONEY_BOUNDS.repairAmount) : null,
      },
      as: 'technician',
    }),
    absorb: noteOrder,
  },
};
