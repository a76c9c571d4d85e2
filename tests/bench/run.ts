/**
 * `npm run bench`: the cashier's three hot paths on a 100k-product store, each through the real router with a
 * real session, against a raw better-sqlite3 baseline measured in the same run on the same file. Writes
 * bench-results.json at the project root and prints a table. Not part of `npm test`: it takes a couple of minutes.
 *
 *   BENCH_PRODUCTS=100000 BENCH_SEED=2026 TECHSTORE_BENCH_DIR=/some/disk npm run bench
 *
 * Then the sync benchmarks (sync-bench.ts; BENCH_SYNC=off leaves them out), among them the resync after a
 * PostgreSQL outage (resync-bench.ts: BENCH_RESYNC_OUTAGES outages, 5 by default, of BENCH_RESYNC_OUTAGE_MS, 20 s).
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { newId } from '../../shared/ids';
import { createRng } from '../support/catalog-generator';
import { type BenchStore, openBenchStore } from './bench-store';
import { measurePaired, type PairedSamples, percentile } from './measure';
import { type CheckoutInput, rawCheckout, rawScan, rawSearch } from './raw-baselines';
import { searchAsYouTypeQueries } from './search-queries';
import { runSyncBenches } from './sync-bench';

interface BenchResult {
  name: string;
  value: number;
  unit: 'us' | 'ms' | 'rows/s';
  baseline: number;
  ratio: number;
}

/** Medians, printed next to the table (not written to the JSON): they tell a slow path from a noisy machine. */
const medians = new Map<string, string>();

const TARGETS: Record<string, string> = {
  scan_to_line_p99: 'ratio <= 10',
  search_p95: '<= 5 ms',
  checkout_p99: 'ratio <= 2',
  push_drain_rate: 'ratio >= 0.5',
  bootstrap_rate: '>= 50000 rows/s',
  resync_after_outage_p95: '<= 5000 ms',
};

/**
 * A full collection before each metric, so garbage left by building the store (100k generated products) is not
 * collected in the middle of one side's samples. Garbage the core makes while measured stays in its numbers.
 */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  const gc: unknown = vm.runInNewContext('gc');
  if (typeof gc === 'function') gc();
}

function envInt(name: string, fallback: number): number {
  const text = process.env[name];
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : fallback;
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function result(name: string, unit: 'us' | 'ms', samples: PairedSamples, p: number): BenchResult {
  const subjectUs = percentile(samples.subject, p);
  const baselineUs = percentile(samples.baseline, p);
  const scale = unit === 'ms' ? 1_000 : 1;
  const round = (n: number) => Math.round((n / scale) * 1_000) / 1_000;
  medians.set(
    name,
    `p50 ${round(percentile(samples.subject, 50))} vs ${round(percentile(samples.baseline, 50))} ${unit} (${samples.subject.length} + ${samples.baseline.length} samples)`,
  );
  return {
    name,
    value: round(subjectUs),
    unit,
    baseline: round(baselineUs),
    ratio: Math.round((subjectUs / baselineUs) * 100) / 100,
  };
}

async function expectOk(promise: Promise<{ ok: boolean }>, what: string): Promise<void> {
  const answer = await promise;
  if (!answer.ok) throw new Error(`${what} failed: ${JSON.stringify(answer)}`);
}

async function benchScan(store: BenchStore, seed: number): Promise<BenchResult> {
  const rng = createRng(seed + 1);
  const codes = Array.from({ length: 2_300 }, () => rng.pick(rng.pick(store.products).barcodes));
  const { core, session } = store;
  const samples = await measurePaired({
    inputs: codes,
    warmup: 300,
    rounds: 10,
    subject: (code) => expectOk(core.call('catalog.findByBarcode', { session, input: { code } }), `scan ${code}`),
    baseline: rawScan(store.raw),
  });
  return result('scan_to_line_p99', 'us', samples, 99);
}

async function benchSearch(store: BenchStore, seed: number): Promise<BenchResult> {
  const rng = createRng(seed + 2);
  const queries = searchAsYouTypeQueries(
    store.products.map((p) => p.name),
    rng,
    1_150,
  );
  const { core, session } = store;
  const samples = await measurePaired({
    inputs: queries,
    warmup: 150,
    rounds: 10,
    subject: (query) => expectOk(core.call('catalog.search', { session, input: { query } }), `search "${query}"`),
    baseline: rawSearch(store.raw),
  });
  return result('search_p95', 'ms', samples, 95);
}

async function benchCheckout(store: BenchStore, seed: number): Promise<BenchResult> {
  const rng = createRng(seed + 3);
  // Products sold without a serial number, as a cashier rings accessories; phones would need an IMEI.
  const sellable = store.products.filter((p) => !p.serialTracked);
  const sales: CheckoutInput[] = Array.from({ length: 340 }, () => {
    const lines = Array.from({ length: 5 }, () => rng.pick(sellable));
    const total = lines.reduce((sum, p) => sum + p.price, 0);
    return { saleId: newId(), productIds: lines.map((p) => p.id), tendered: Math.ceil(total / 1_000_000) * 1_000_000 };
  });
  const { core, session } = store;
  const baseline = rawCheckout(store);
  const samples = await measurePaired({
    inputs: sales,
    warmup: 40,
    rounds: 10,
    subject: (sale) =>
      expectOk(
        core.call('sales.complete', {
          session,
          input: {
            saleId: sale.saleId,
            lines: sale.productIds.map((productId) => ({ productId, quantity: 1 })),
            payment: { method: 'cash', tendered: sale.tendered },
          },
        }),
        'checkout',
      ),
    // A sale id is used once per side: the baseline gets its own fresh ids.
    baseline: (sale) => baseline({ ...sale, saleId: newId() }),
  });
  return result('checkout_p99', 'ms', samples, 99);
}

function printTable(results: readonly BenchResult[]): void {
  const rows = results.map((r) => [
    r.name,
    `${r.value} ${r.unit}`,
    `${r.baseline} ${r.unit}`,
    `${r.ratio}x`,
    TARGETS[r.name] ?? '',
  ]);
  const header = ['metric', 'core (router)', 'raw baseline', 'ratio', 'target'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  say(line(header));
  say(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) say(line(row));
  say('');
  for (const [name, text] of medians) say(`${name.padEnd(widths[0] ?? 0)}  ${text}`);
}

async function main(): Promise<void> {
  const count = envInt('BENCH_PRODUCTS', 100_000);
  const seed = envInt('BENCH_SEED', 2026);
  const started = performance.now();
  const loadAtStart = loadavg()[0] ?? 0;
  say(`Building a store with ${count} products (seed ${seed})...`);
  const store = await openBenchStore(count, seed);
  say(`  ready in ${((performance.now() - started) / 1_000).toFixed(1)} s`);
  try {
    const results: BenchResult[] = [];
    for (const [label, bench] of [
      ['scan', benchScan],
      ['search', benchSearch],
      ['checkout', benchCheckout],
    ] as const) {
      collectGarbage();
      const t = performance.now();
      results.push(await bench(store, seed));
      say(`  ${label} measured in ${((performance.now() - t) / 1_000).toFixed(1)} s`);
    }
    // Sync: on a PostgreSQL of its own; BENCH_SYNC=off leaves it out.
    if (process.env.BENCH_SYNC !== 'off') results.push(...(await runSyncBenches(say)));
    const file = path.resolve(import.meta.dirname, '../../bench-results.json');
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    say('');
    printTable(results);
    // p99 of a 100 us call is at the mercy of the scheduler: say how busy the machine was.
    say(`\nLoad average (1 min) at start ${loadAtStart.toFixed(2)}, at end ${(loadavg()[0] ?? 0).toFixed(2)}`);
    say(`\nWritten to ${file} (total ${((performance.now() - started) / 1_000).toFixed(0)} s)`);
  } finally {
    await store.close();
  }
}

await main();
