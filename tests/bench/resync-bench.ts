/**
 * resync_after_outage_p95 for `npm run bench`: two terminals of one store (two real SQLite files, each with its real
 * sync worker thread started by the core's SyncSupervisor), on a PostgreSQL of its own that the bench stops and
 * starts. Each outage: PostgreSQL stops, both terminals complete BENCH_RESYNC_SALES five-line sales each (the bench
 * wakes the worker after every sale, as the core does after every commit), and after BENCH_RESYNC_OUTAGE_MS
 * PostgreSQL starts again. Measured: from the first moment the server accepts a connection to nothing pending on
 * either terminal; p95 over BENCH_RESYNC_OUTAGES outages.
 *
 * Baseline, measured in rounds interleaved with the outages: the same terminals, the same amount of work, central
 * never down. The sales are completed without waking the workers, which sit connected and idle in their periodic
 * wait; then both are woken at once and timed to nothing pending. So the ratio is what an outage adds to draining
 * the same backlog: noticing central is back, reconnecting, registering and LISTENing again.
 *
 *   BENCH_SYNC_ONLY=resync BENCH_RESYNC_OUTAGES=5 BENCH_RESYNC_OUTAGE_MS=20000 npx tsx tests/bench/run-sync.ts
 */
import pg from 'pg';
import type { Logger } from '../../electron/core/core.types';
import { SyncSupervisor } from '../../electron/core/sync/sync-supervisor';
import { newId } from '../../shared/ids';
import { startEmbeddedPostgres, type TestPostgresServer } from '../support/postgres-server';
import { readIdentity, type SimTerminal, SyncChain } from '../support/sync-chain';
import { percentile } from './measure';

export interface ResyncBenchResult {
  name: string;
  value: number;
  unit: 'ms';
  baseline: number;
  ratio: number;
}

type Say = (line: string) => void;

function envInt(name: string, fallback: number): number {
  const text = process.env[name];
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : fallback;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls every few ms until `done`; fails after `timeoutMs`. Returns the time it first held. */
async function until(what: string, done: () => boolean, timeoutMs: number): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (done()) return performance.now();
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(5);
  }
}

/** Counts what the supervisor logs; the bench prints how often sync went offline and came back. */
class CountingLogger implements Logger {
  offline = 0;
  online = 0;
  problems: string[] = [];
  debug(): void {}
  info(message: string): void {
    if (/sync online/.test(message)) this.online++;
  }
  warn(message: string): void {
    if (/sync offline/.test(message)) this.offline++;
    else this.problems.push(message);
  }
  error(message: string): void {
    this.problems.push(message);
  }
}

interface Till {
  sim: SimTerminal;
  supervisor: SyncSupervisor;
  log: CountingLogger;
  pending: () => number;
}

function openTill(sim: SimTerminal): Till {
  const log = new CountingLogger();
  const supervisor = new SyncSupervisor({
    databaseFile: sim.harness.core.databaseFile,
    log,
    // Sales are history: central takes them whatever the till's clock says, so the core's clock need not hear it.
    onCentralHlc: () => {},
  });
  // The terminal's own login, in the form `add-terminal` prints (postgresql://role:password@host:port/database).
  supervisor.start(sim.loginUrl, readIdentity(sim.sqlite));
  const count = sim.sqlite.prepare(
    `SELECT count(*) AS n FROM outbox
      WHERE seq > (SELECT acked_seq FROM sync_state WHERE only_row = 1) AND quarantined = 0`,
  );
  return { sim, supervisor, log, pending: () => (count.get() as { n: number }).n };
}

async function seedProducts(t: SimTerminal, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const product = await t.harness.createProduct({ sku: `RS-${i}`, name: `Resync ${i}`, price: 100_000 + i });
    ids.push(product.id);
  }
  return ids;
}

/** `count` five-line cash sales on the till; `wake` after each as the core does after a commit, or not at all. */
async function sell(till: Till, products: readonly string[], count: number, wake: boolean): Promise<void> {
  for (let i = 0; i < count; i++) {
    await till.sim.harness.ok('sales.complete', {
      saleId: newId(),
      lines: Array.from({ length: 5 }, (_, k) => ({
        productId: products[(i * 5 + k) % products.length] ?? '',
        quantity: 1,
      })),
      payment: { method: 'cash', tendered: 1_000_000_000 },
    });
    if (wake) till.supervisor.wake();
  }
}

/** The first moment the server answers a connect: a new connection tried every few ms from `adminUrl`. */
async function firstAcceptance(adminUrl: string, timeoutMs: number): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 1_000 });
    client.on('error', () => {});
    try {
      await client.connect();
      const at = performance.now();
      await client.end();
      return at;
    } catch {
      await client.end().catch(() => undefined);
      if (performance.now() > deadline) throw new Error('PostgreSQL did not accept connections again');
      await sleep(5);
    }
  }
}

function control(server: TestPostgresServer, name: 'halt' | 'resume'): () => Promise<void> {
  const step = server[name];
  if (!step) throw new Error(`the bench's PostgreSQL cannot ${name}`);
  return step;
}

const round = (n: number) => Math.round(n);
/** After a drain: the cycles that central's notifications started on the other terminal have ended by then. */
const SETTLE_MS = 2_000;

export async function benchResync(say: Say): Promise<ResyncBenchResult> {
  const outages = Math.max(1, envInt('BENCH_RESYNC_OUTAGES', 5));
  const outageMs = envInt('BENCH_RESYNC_OUTAGE_MS', 20_000);
  const salesEach = Math.max(1, envInt('BENCH_RESYNC_SALES', 25));
  // Always a server of its own, even with TECHSTORE_TEST_PG_URL: this bench stops and starts it.
  const server = await startEmbeddedPostgres();
  let chain: SyncChain | undefined;
  const tills: Till[] = [];
  try {
    chain = await SyncChain.create(server.adminUrl, 'bench_resync');
    const t01 = await chain.standalone('RS', 'T01');
    const products = await seedProducts(t01, 20);
    await t01.engine.syncOnce();
    const t02 = await chain.joined('RS', 'T02');
    // From here on only the workers talk to central; the chain's own connections die with the first stop.
    tills.push(openTill(t01), openTill(t02));
    const drained = () => tills.every((t) => t.pending() === 0);
    const online = () => tills.every((t) => t.supervisor.status.online);
    await until('both workers online and drained', () => drained() && online(), 60_000);
    await sleep(SETTLE_MS);
    say(
      `  ${outages} outages of ${outageMs / 1_000} s, ${salesEach} sales held on each of 2 terminals; ` +
        'baseline rounds in between',
    );

    const subject: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < outages; i++) {
      // Baseline: work held with central up, workers connected and idle; woken together.
      await Promise.all(tills.map((t) => sell(t, products, salesEach, false)));
      const held = tills.map((t) => t.pending());
      if (held.some((n) => n !== salesEach)) say(`    (a worker synced before it was woken: held ${held.join(', ')})`);
      const woken = performance.now();
      for (const t of tills) t.supervisor.wake();
      baseline.push((await until('the held work to drain', drained, 60_000)) - woken);

      // The outage: the same work made while PostgreSQL is stopped, each sale waking its worker as the core does.
      const stopped = performance.now();
      await control(server, 'halt')();
      await Promise.all(tills.map((t) => sell(t, products, salesEach, true)));
      await until('both terminals offline', () => tills.every((t) => !t.supervisor.status.online), outageMs);
      await sleep(Math.max(0, outageMs - (performance.now() - stopped)));
      const accepted = firstAcceptance(server.adminUrl, 60_000);
      await control(server, 'resume')();
      const back = await accepted;
      const allOnline = until('both terminals online', online, 60_000);
      const done = await until('the outage backlog to drain', drained, 60_000);
      subject.push(done - back);
      // Each terminal's push wakes the other through central's notification: let those pulls end before the next
      // baseline round holds work, or they would push it early.
      await sleep(SETTLE_MS);
      say(
        `    outage ${i + 1}: online after ${round((await allOnline) - back)} ms, drained after ${round(done - back)} ms ` +
          `(baseline ${round(baseline.at(-1) ?? 0)} ms)`,
      );
    }
    const offline = tills.map((t) => t.log.offline);
    const problems = tills.flatMap((t) => t.log.problems);
    say(`  offline reports per terminal: ${offline.join(', ')} (one per outage expected)`);
    if (problems.length > 0) say(`  other warnings: ${problems.slice(0, 5).join(' | ')}`);
    const value = percentile(subject, 95);
    const base = percentile(baseline, 95);
    say(
      `  resync p50 ${round(percentile(subject, 50))} ms, p95 ${round(value)} ms; ` +
        `baseline p50 ${round(percentile(baseline, 50))} ms, p95 ${round(base)} ms`,
    );
    return {
      name: 'resync_after_outage_p95',
      value: round(value),
      unit: 'ms',
      baseline: round(base),
      ratio: Math.round((value / base) * 100) / 100,
    };
  } finally {
    for (const t of tills) await t.supervisor.stop();
    await chain?.close().catch(() => undefined);
    await server.stop();
  }
}
