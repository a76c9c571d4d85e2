import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runConvergence, seedFromEnv } from '../../support/convergence-run';
import { SHORT_PLAN } from '../../support/convergence-world';
import { SyncChain } from '../../support/sync-chain';

// CONVERGENCE_SEED=<n> replays a run; CONVERGENCE_OPERATIONS changes its length (the soak is `npm run test:soak`).
const seed = seedFromEnv();
const operations = Number(process.env.CONVERGENCE_OPERATIONS ?? 450);

let chain: SyncChain;

beforeAll(async () => {
  chain = await SyncChain.create(inject('pgAdminUrl'), 'sync_converge');
});

afterAll(async () => {
  await chain?.close();
});

describe('randomized convergence (SYNC.md property 7)', () => {
  it(`five terminals in two stores, clocks from -2 days to +2 days, with faults, converge (seed ${seed})`, async () => {
    const { world, reports } = await runConvergence(chain, { seed, operations, plan: SHORT_PLAN, checkEvery: 150 });
    const last = reports.at(-1);
    expect(last?.problems, `seed ${seed}`).toEqual([]);
    // The +2 days terminal's edits were quarantined, its sales accepted: the run exercised both.
    expect(last?.quarantined, `seed ${seed}`).toBeGreaterThan(0);
    expect(world.model.sales.size, `seed ${seed}`).toBeGreaterThan(0);
    expect(last?.comparedRows, `seed ${seed}`).toBeGreaterThan(0);
    // Customers, cuenta corriente and repair orders were exercised too, sales on account and intakes accepted.
    const outcomes = world.business.outcomes;
    if (process.env.CONVERGENCE_VERBOSE)
      process.stdout.write(`${JSON.stringify(Object.fromEntries([...outcomes].sort()))}\n`);
    expect(outcomes.get('customers.create ok') ?? 0, `seed ${seed}`).toBeGreaterThan(0);
    expect(outcomes.get('sales.complete on account ok') ?? 0, `seed ${seed}`).toBeGreaterThan(0);
    expect(outcomes.get('repairs.intake ok') ?? 0, `seed ${seed}`).toBeGreaterThan(0);
  }, 120_000);
});
