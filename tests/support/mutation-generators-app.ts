import { ROLES } from '../../shared/contract/common.schemas';
import type { MutationGenerators } from './mutation-world';
import type { InputDraw } from './seeded-input';

/** Generators of setup, users, the store's profile and alerts (see mutation-world.ts). */

function pin(d: InputDraw): unknown {
  return d.choose([String(d.rng.int(1_000, 99_999_999))], ['12', '123456789', 'abcd', 1234]);
}

export const appGenerators: MutationGenerators = {
  // Always refused on a terminal already set up; drawn so that the refusal is seen to write nothing.
  'setup.initialize': {
    draw: (d) => ({
      input: {
        storeName: d.text(1, 80),
        terminalCode: d.choose(['T02'], ['x', 'T0000000002']),
        adminName: d.text(1, 60),
        pin: pin(d),
      },
    }),
  },
  'users.login': {
    draw(d, world) {
      const user = world.users.length > 0 ? d.pick(world.users) : null;
      const userId = user && (!d.hostile || d.chance(0.7)) ? user.id : d.id([]);
      return { input: { userId, pin: user && (!d.hostile || d.chance(0.5)) ? user.pin : pin(d) } };
    },
    // A wrong PIN of a real user leaves its audit event and that event's outbox mutation: the trace of the attempt.
    refusalTrace: ['audit_events', 'outbox'],
  },
  'users.create': {
    draw(d) {
      const chosen = pin(d);
      return {
        input: { name: d.text(1, 60), role: d.choose(ROLES, ['owner']), pin: chosen },
        as: d.choose(['admin'] as const, ['manager'] as const),
      };
    },
    absorb(world, user, input) {
      const chosen = typeof input === 'object' && input !== null ? (input as { pin?: unknown }).pin : undefined;
      if (typeof chosen === 'string') world.users.push({ id: user.id, pin: chosen, role: user.role });
    },
  },
  'store.updateProfile': {
    draw(d) {
      const fields: Record<string, unknown> = {
        name: d.text(1, 80),
        address: d.text(0, 200),
        phone: d.choose(['11 4444-5555', ''], ['x']),
        email: d.choose(['tienda@example.com', ''], ['nope']),
        taxId: d.choose(['30-71234567-1', ''], ['30-71234567-2']),
        repairTerms: d.text(0, 1500),
        warrantyDays: d.choose([0, 30, 90, 3650], [3651, -1, 0.5]),
      };
      return { input: Object.fromEntries(Object.entries(fields).filter(() => d.chance(0.3))) };
    },
  },
  'sync.acknowledgeAlert': {
    draw: (d, world) => ({
      input: {
        id: d.choose(world.alerts.length > 0 ? world.alerts : [999], [999, 0, -1, 'uno']),
        ...(d.chance(0.5) ? { note: d.text(0, 500) } : {}),
      },
      as: d.choose(['manager'] as const, ['cashier'] as const),
    }),
  },
};
