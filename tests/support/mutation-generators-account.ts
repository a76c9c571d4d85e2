import { newId } from '../../shared/ids';
import { MONEY_BOUNDS } from '../../shared/money-bounds';
import { type MutationGenerators, remember, type World } from './mutation-world';
import type { InputDraw } from './seeded-input';

/** Generators of the customer and cuenta corriente channels (see mutation-world.ts). */

/** DNIs and CUITs with right and wrong check digits, and things that are neither. */
const TAX_IDS: readonly unknown[] = [
  { kind: 'dni', number: '12.345.678' },
  { kind: 'dni', number: '30123456' },
  { kind: 'cuit', number: '20-12345678-6' },
  { kind: 'cuit', number: '30-71234567-1' },
  null,
];
const WRONG_TAX_IDS: readonly unknown[] = [
  { kind: 'cuit', number: '20-12345678-5' },
  { kind: 'passport', number: 'AB123' },
  { kind: 'dni', number: '1' },
];

function customerFields(d: InputDraw): Record<string, unknown> {
  return {
    name: d.text(1, 120),
    taxId: d.chance(0.3) ? d.choose(TAX_IDS, WRONG_TAX_IDS) : null,
    phone: d.choose(['11 4444-5555', '+54 9 11 5555-6666', ''], ['12', d.text(0, 40)]),
    email: d.choose(['', 'juan@example.com'], ['no es un mail', d.text(0, 120)]),
    address: d.text(0, 200),
    notes: d.text(0, 500),
    creditLimit: d.chance(0.5) ? d.amount(MONEY_BOUNDS.creditLimit) : null,
  };
}

/** A new entry id, or one already used (a retry after a lost answer, or a bug sending another amount). */
function entryId(d: InputDraw, world: World): string {
  if (d.chance(0.1) && world.usedIds.length > 0) return d.pick(world.usedIds);
  const id = newId();
  world.usedIds.push(id);
  return id;
}

export const accountGenerators: MutationGenerators = {
  'customers.create': {
    draw: (d) => {
      const input = customerFields(d);
      // Only managers set a credit limit.
      return {
        input,
        as:
          input.creditLimit === null
            ? d.pick(['cashier', 'admin'] as const)
            : d.choose(['admin'] as const, ['cashier'] as const),
      };
    },
    absorb: (world, customer) => remember(world.customers, customer.id),
  },
  'customers.update': {
    draw(d, world) {
      const changes = Object.fromEntries(Object.entries(customerFields(d)).filter(() => d.chance(0.3)));
      const as =
        'creditLimit' in changes
          ? d.choose(['manager'] as const, ['cashier'] as const)
          : d.pick(['cashier', 'admin'] as const);
      return { input: { id: d.id(world.customers), changes }, as };
    },
  },
  'customers.archive': {
    draw: (d, world) => ({ input: { id: d.id(world.customers), archived: d.or(d.chance(0.2)) } }),
  },
  'accounts.recordPayment': {
    draw(d, world) {
      const method = d.choose(['cash', 'debit_card', 'credit_card', 'transfer'], ['customer_account', 'bitcoin']);
      const input: Record<string, unknown> = {
        entryId: entryId(d, world),
        customerId: d.id(world.customers),
        amount: d.amount(MONEY_BOUNDS.payment, 1),
        method,
      };
      if (method !== 'cash' || d.chance(0.2)) input.reference = d.hostile ? d.text(0, 80) : `REF ${d.rng.int(1, 999)}`;
      if (d.chance(0.3)) input.note = d.text(0, 200);
      return { input, as: d.choose(['cashier', 'admin'] as const, ['technician'] as const) };
    },
  },
  'accounts.adjust': {
    draw: (d, world) => ({
      input: {
        entryId: entryId(d, world),
        customerId: d.id(world.customers),
        amount: d.signedAmount(MONEY_BOUNDS.accountBalance),
        note: d.text(3, 200),
      },
      as: d.choose(['manager', 'admin'] as const, ['cashier'] as const),
    }),
  },
};
