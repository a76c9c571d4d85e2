/**
 * `npm run test:soak`: the long randomized convergence run (SYNC.md "Tests that must exist"), on its own
 * PostgreSQL so it may restart the server as one of its faults. Ends with one line:
 *
 *   soak: <operations> operations, <terminals> terminals, <faults> faults, seed <seed>, converged
 *
 *   SOAK_OPERATIONS=100000 CONVERGENCE_SEED=7 npm run test:soak
 *
 * Settles and checks property 7 every SOAK_CHECK_EVERY operations as well as at the end. With
 * TECHSTORE_TEST_PG_URL set it uses that server and does not restart it.
 */
import { execFile } from 'node:child_process';
import { userInfo } from 'node:os';
import { promisify } from 'node:util';
import pg from 'pg';
import { runConvergence, seedFromEnv } from '../support/convergence-run';
import { SHORT_PLAN, type TerminalPlan } from '../support/convergence-world';
import { embeddedPostgresBinaries, startTestPostgres } from '../support/postgres-server';
import { SyncChain } from '../support/sync-chain';

const execFileAsync = promisify(execFile);

function envInt(name: string, fallback: number): number {
  const text = process.env[name];
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : fallback;
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

const PLAN: readonly TerminalPlan[] = [...SHORT_PLAN, { store: 'CVB', code: 'T03', skewMs: 45_000 }];

/** Restarts the embedded server in place (same data folder, same options): every connection is cut. */
async function postgresRestarter(adminUrl: string): Promise<(() => Promise<void>) | undefined> {
  if (process.env.TECHSTORE_TEST_PG_URL) return undefined;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const dataDir = String(
    (await admin.query<{ data_directory: string }>('SHOW data_directory')).rows[0]?.data_directory,
  );
  await admin.end();
  const { pgCtl } = await embeddedPostgresBinaries();
  const ids =
    userInfo().uid === 0
      ? {
          uid: Number((await execFileAsync('id', ['-u', 'postgres'])).stdout.trim()),
          gid: Number((await execFileAsync('id', ['-g', 'postgres'])).stdout.trim()),
        }
      : {};
  return async () => {
    // Immediate: like a crash, the server recovers from its WAL on the way up.
    // With a log file: without one the new server keeps our stdout pipe open and execFile never returns.
    const log = `${dataDir}/server.log`;
    await execFileAsync(pgCtl, ['restart', '-D', dataDir, '-l', log, '-m', 'immediate', '-w', '-t', '60'], {
      ...ids,
      cwd: '/',
      env: { ...process.env, LC_ALL: 'C.UTF-8' },
    });
  };
}

async function main(): Promise<void> {
  const seed = seedFromEnv();
  const operations = envInt('SOAK_OPERATIONS', 100_000);
  const checkEvery = envInt('SOAK_CHECK_EVERY', 25_000);
  const server = await startTestPostgres();
  const started = performance.now();
  say(`soak: seed ${seed}, ${operations} operations, ${PLAN.length} terminals, check every ${checkEvery}`);
  let chain: SyncChain | undefined;
  try {
    chain = await SyncChain.create(server.adminUrl, 'soak');
    const restartPostgres = await postgresRestarter(server.adminUrl);
    if (!restartPostgres) say('soak: external PostgreSQL, so no PostgreSQL restarts');
    let lastReport = 0;
    const { world } = await runConvergence(chain, {
      seed,
      operations,
      plan: PLAN,
      checkEvery,
      restartPostgres,
      postgresRestartChance: restartPostgres ? 1 / 8_000 : 0,
      onProgress: (w) => {
        if (w.operations - lastReport < 5_000) return;
        lastReport = w.operations;
        const seconds = (performance.now() - started) / 1_000;
        say(`  ${w.operations} operations, ${w.model.sales.size} sales, ${seconds.toFixed(0)} s`);
      },
    });
    const faults = Object.values(world.faults).reduce((sum, n) => sum + n, 0);
    say(`  faults: ${JSON.stringify(world.faults)}`);
    say(`  business outcomes: ${JSON.stringify(Object.fromEntries([...world.business.outcomes].sort()))}`);
    say(`  ${((performance.now() - started) / 1_000).toFixed(0)} s`);
    say(
      `soak: ${world.operations} operations, ${world.terminals.length} terminals, ${faults} faults, seed ${seed}, converged`,
    );
  } finally {
    await chain?.close().catch(() => undefined);
    await server.stop();
  }
}

await main();
