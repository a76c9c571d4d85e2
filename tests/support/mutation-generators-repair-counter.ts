import { newId } from '../../shared/ids';
import { luhnCheckDigit } from '../../shared/imei';
import { MONEY_BOUNDS } from '../../shared/money-bounds';
import { orderIn } from './mutation-generators-repair-bench';
import { salePayments } from './mutation-generators-sale';
import { knownUser, type MutationGenerators, noteOrder, remember, type World } from './mutation-world';
import type { InputDraw } from './seeded-input';

/** Generators of the repair desk's channels: intake, señas, delivery, warranty, corrections (mutation-world.ts). */

function imei(d: InputDraw): unknown {
  const body = `35${String(d.rng.int(0, 999_999_999_999)).padStart(12, '0')}`;
  return d.choose([body + String(luhnCheckDigit(body))], [body + String((luhnCheckDigit(body) + 1) % 10), '123']);
}

function device(d: InputDraw): Record<string, unknown> {
  const withImei = d.chance(0.8);
  return {
    type: d.text(1, 40),
    brand: d.text(1, 60),
    model: d.text(1, 80),
    imei: withImei ? imei(d) : null,
    serial: !withImei || d.chance(0.2) ? d.text(1, 80) : null,
  };
}

function promise(d: InputDraw): unknown {
  return d.choose([null, '2026-04-01T12:00:00.000Z', '2026-04-01T12:00:00-03:00'], ['mañana', '2026-13-45T99:00:00Z']);
}

/** Payments for a seña (never on account) or a delivery of `total`. */
function desk(d: InputDraw, total: number, onAccount: boolean): unknown[] {
  if (!d.hostile || d.chance(0.5)) {
    const method = d.pick(
      onAccount ? (['cash', 'transfer', 'customer_account'] as const) : (['cash', 'transfer'] as const),
    );
    return [{ method, amount: total }];
  }
  return salePayments(d, total);
}

export const repairCounterGenerators: MutationGenerators = {
  'repairs.intake': {
    draw(d, world) {
      const estimate = d.chance(0.6) ? d.amount(MONEY_BOUNDS.repairAmount) : null;
      const input: Record<string, unknown> = {
        orderId: d.chance(0.05) ? d.id(world.orders) : newId(),
        customerId: d.id(world.customers),
        device: d.hostile && d.chance(0.05) ? d.pick([{}, 'phone', null]) : device(d),
        reportedFault: d.text(1, 1000),
        accessories: d.chance(0.3) ? [d.text(1, 60)] : [],
        estimate,
        estimatePreApproved: estimate !== null && d.chance(0.4),
        promisedAt: promise(d),
      };
      if (d.chance(0.4)) {
        input.deposit = {
          amount: d.amount(MONEY_BOUNDS.repairAmount, 1),
          method: d.choose(['cash', 'transfer'], ['customer_account', 'credit_card']),
          reference: d.text(0, 80),
        };
      }
      return { input, as: d.pick(['cashier', 'technician', 'admin'] as const) };
    },
    absorb: noteOrder,
  },
  'repairs.takeDeposit': {
    draw(d, world) {
      const amount = d.amount(MONEY_BOUNDS.repairAmount, 1);
      const total = typeof amount === 'number' && Number.isSafeInteger(amount) && amount > 0 ? amount : 100;
      return {
        input: {
          orderId: d.id(world.orders),
          saleId: d.chance(0.05) ? d.id(world.sales) : newId(),
          amount,
          payments: desk(d, total, false),
        },
        as: 'cashier',
      };
    },
    absorb(world, ticket) {
      noteOrder(world, ticket.repair);
      remember(world.sales, ticket.receipt.id);
    },
  },
  'repairs.deliver': {
    async draw(d, world, peek) {
      const orderId = orderIn(d, world, ['ready_for_pickup']);
      const balance = typeof orderId === 'string' ? await peek('repairs.deliveryBalance', { orderId }) : null;
      const due = balance?.ok ? balance.value.amountDue : d.rng.int(1, 1_000_000);
      const input: Record<string, unknown> = {
        orderId,
        saleId: d.chance(0.05) ? d.id(world.sales) : newId(),
        payments: due === 0 && d.chance(0.8) ? [] : desk(d, Math.max(due, 1), true),
      };
      if (balance?.ok && balance.value.creditDue > 0 && d.chance(0.8)) input.creditDue = 'customer_account';
      if (d.chance(0.2)) input.expectedAmountDue = d.chance(0.5) ? due : d.amount(MONEY_BOUNDS.repairAmount);
      const manager = knownUser(world, 'manager');
      if (manager && d.chance(0.2)) input.managerOverride = { managerId: manager.id, pin: manager.pin };
      return { input, as: 'cashier' };
    },
    absorb(world, ticket) {
      noteOrder(world, ticket.repair);
      remember(world.sales, ticket.receipt.id);
    },
  },
  'repairs.openWarranty': {
    draw: (d, world: World) => ({
      input: {
        orderId: d.chance(0.05) ? d.id(world.orders) : newId(),
        warrantyOf: orderIn(d, world, ['delivered']),
        reportedFault: d.text(1, 1000),
        conditionNotes: d.text(0, 1000),
        accessories: d.chance(0.2) ? [d.text(1, 60)] : [],
        promisedAt: promise(d),
      },
    }),
    absorb: noteOrder,
  },
  'repairs.updateIntake': {
    draw(d, world) {
      const fields: Record<string, unknown> = {
        deviceType: d.text(1, 40),
        brand: d.text(1, 60),
        model: d.text(1, 80),
        imei: d.chance(0.8) ? imei(d) : null,
        serial: d.chance(0.5) ? d.text(1, 80) : null,
        accessories: [d.text(1, 60)],
        conditionNotes: d.text(0, 1000),
        reportedFault: d.text(1, 1000),
        unlockSecret: d.chance(0.5) ? d.text(1, 100) : null,
        promisedAt: promise(d),
      };
      const changes = Object.fromEntries(Object.entries(fields).filter(() => d.chance(0.25)));
      return { input: { orderId: d.id(world.orders), ...changes }, as: d.pick(['cashier', 'technician'] as const) };
    },
    absorb: noteOrder,
  },
};
