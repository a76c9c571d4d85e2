/**
 * One run of the randomized convergence test: random operations, partial syncs, partitions and faults on
 * every terminal, drawn from one seeded PRNG, then quiescence and the property-7 check. Shared by the short
 * version in `npm test` and the soak (`npm run test:soak`).
 */
import { createRng } from './catalog-generator-rng';
import { type ConvergenceReport, checkConvergence } from './convergence-check';
import { ConvergenceWorld, type TerminalPlan, type WorldTerminal } from './convergence-world';
import type { SyncChain } from './sync-chain';

export interface ConvergenceOptions {
  seed: number;
  operations: number;
  plan: readonly TerminalPlan[];
  /** Settle and check property 7 every this many operations as well as at the end (0: only at the end). */
  checkEvery?: number;
  /** Restarts PostgreSQL (the soak's own server); called between operations, never in `npm test`. */
  restartPostgres?: () => Promise<void>;
  postgresRestartChance?: number;
  onProgress?: (world: ConvergenceWorld) => void;
}

export function seedFromEnv(): number {
  const text = process.env.CONVERGENCE_SEED;
  if (text !== undefined && /^\d+$/.test(text)) return Number(text);
  return Math.floor(Math.random() * 2 ** 31);
}

/**
 * What one step does, with weights: writes dominate (sales, cash and on account, the most frequent: 35 of ~115),
 * then customers, cuenta corriente, repairs and the store's profile; syncs of every kind and faults are interleaved.
 */
const STEPS = [
  ['sale', 30],
  ['saleOnAccount', 5],
  ['adjust', 10],
  ['createProduct', 5],
  ['editProduct', 14],
  ['archiveProduct', 3],
  ['createUser', 0.5],
  ['createCustomer', 1.5],
  ['editCustomer', 2],
  ['archiveCustomer', 0.4],
  ['accountPayment', 1.5],
  ['accountAdjust', 0.8],
  ['repairIntake', 2],
  ['repairTransition', 3.5],
  ['repairDiagnose', 1],
  ['repairApproval', 0.8],
  ['repairAddPart', 0.8],
  ['repairAddNote', 0.8],
  ['repairAssign', 0.5],
  ['repairSetFinalPrice', 0.8],
  ['repairDeliver', 0.8],
  ['editStoreProfile', 0.3],
  ['sync', 12],
  ['pushOnly', 5],
  ['pullOnly', 4],
  ['pullTiny', 3],
  ['partition', 1],
  ['cutMidPush', 1.2],
  ['lostAck', 1.2],
  ['lostPullCursor', 0.8],
  ['killWorker', 1.2],
  ['restartTerminal', 0.3],
] as const;
type Step = (typeof STEPS)[number][0];

/** Customers, cuenta corriente and repairs: BusinessOperations methods of the same name. */
const BUSINESS = [
  'saleOnAccount',
  'createCustomer',
  'editCustomer',
  'archiveCustomer',
  'accountPayment',
  'accountAdjust',
  'repairIntake',
  'repairTransition',
  'repairDiagnose',
  'repairApproval',
  'repairAddPart',
  'repairAddNote',
  'repairAssign',
  'repairSetFinalPrice',
  'repairDeliver',
  'editStoreProfile',
] as const satisfies readonly Step[];
type BusinessStep = (typeof BUSINESS)[number];

function isBusiness(step: Step): step is BusinessStep {
  return (BUSINESS as readonly Step[]).includes(step);
}

const WRITES: ReadonlySet<Step> = new Set([
  ...BUSINESS,
  'sale',
  'adjust',
  'createProduct',
  'editProduct',
  'archiveProduct',
  'createUser',
]);

function chooser(rng: { next(): number }): () => Step {
  const total = STEPS.reduce((sum, [, w]) => sum + w, 0);
  return () => {
    let r = rng.next() * total;
    for (const [step, weight] of STEPS) {
      r -= weight;
      if (r < 0) return step;
    }
    return 'sale';
  };
}

async function runStep(world: ConvergenceWorld, t: WorldTerminal, step: Step): Promise<void> {
  if (isBusiness(step)) {
    await world.business[step](t);
    return;
  }
  switch (step) {
    case 'sale':
      await world.sale(t);
      return;
    case 'adjust':
      await world.adjust(t);
      return;
    case 'createProduct':
      await world.createProduct(t);
      return;
    case 'editProduct':
      await world.editProduct(t);
      return;
    case 'archiveProduct':
      await world.archiveProduct(t);
      return;
    case 'createUser':
      await world.createUser(t);
      return;
    case 'sync':
      await world.syncOnce(t);
      return;
    case 'pushOnly':
      await world.pushOnly(t);
      return;
    case 'pullOnly':
      await world.pullOnly(t, false);
      return;
    case 'pullTiny':
      await world.pullOnly(t, true);
      return;
    case 'partition':
      world.partition(t);
      return;
    case 'cutMidPush':
      await world.cutMidPush(t);
      return;
    case 'lostAck':
      await world.lostAck(t);
      return;
    case 'lostPullCursor':
      await world.lostPullCursor(t);
      return;
    case 'killWorker':
      await world.killWorker(t);
      return;
    case 'restartTerminal':
      await world.restartTerminal(t);
      return;
  }
}

export interface ConvergenceOutcome {
  world: ConvergenceWorld;
  reports: ConvergenceReport[];
}

/** Throws, with the seed, at the first quiescence where property 7 does not hold. */
export async function runConvergence(chain: SyncChain, options: ConvergenceOptions): Promise<ConvergenceOutcome> {
  const rng = createRng(options.seed);
  const world = await ConvergenceWorld.create(chain, rng, options.seed, options.plan);
  const reports: ConvergenceReport[] = [];
  const next = chooser(rng);
  const quiesce = async (after: number) => {
    await world.settle();
    const report = await checkConvergence(world);
    reports.push(report);
    if (report.problems.length > 0) {
      throw new Error(
        `property 7 does not hold (seed ${options.seed}, after ${after} operations, ${report.problems.length} problems):\n  ${report.problems.slice(0, 40).join('\n  ')}`,
      );
    }
  };
  try {
    // A few products everywhere before the random part, so the first sales have something to sell.
    for (const t of world.terminals.slice(0, 2)) for (let i = 0; i < 4; i++) await world.createProduct(t);
    await world.settle();
    // Until that many operations ran: attempts a partitioned terminal skips do not count.
    for (let i = 0; world.operations < options.operations; i++) {
      if (options.restartPostgres && rng.chance(options.postgresRestartChance ?? 0)) {
        world.faults.postgresRestarted++;
        await options.restartPostgres();
        await world.reconnectAll();
      }
      const t = rng.pick(world.terminals);
      const step = next();
      if (t.offlineFor > 0 && !WRITES.has(step)) {
        t.offlineFor--;
        continue;
      }
      try {
        await runStep(world, t, step);
      } catch (error) {
        throw new Error(
          `seed ${options.seed}, operation ${i}: ${step} on ${world.label(t)} failed: ${error instanceof Error ? error.stack : String(error)}`,
        );
      }
      world.operations++;
      options.onProgress?.(world);
      if (options.checkEvery && (i + 1) % options.checkEvery === 0) await quiesce(i + 1);
    }
    await quiesce(options.operations);
    return { world, reports };
  } finally {
    await world.close();
  }
}
