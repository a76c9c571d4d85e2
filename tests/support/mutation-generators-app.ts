import { drawPin } from './mutation-generators-users';
import type { MutationGenerators } from './mutation-world';

/** Generators of setup, the store's profile and alerts (see mutation-world.ts); users have their own file. */

export const appGenerators: MutationGenerators = {
  // Always refused on a terminal already set up; drawn so that the refusal is seen to write nothing.
  'setup.initialize': {
    draw: (d) => ({
      input: {
        storeName: d.text(1, 80),
        terminalCode: d.choose(['T02'], ['x', 'T0000000002']),
        adminName: d.text(1, 60),
        pin: drawPin(d),
      },
    }),
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
