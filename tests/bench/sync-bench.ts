/**
 * Sync benchmarks for `npm run bench`, on a PostgreSQL of their own (or TECHSTORE_TEST_PG_URL):
 *
 * - push_drain_rate: a backlog of BENCH_SYNC_SALES five-line sales pushed by the real engine; rows written on
 *   central per second (sales + lines + payments + movements), against a raw batched insert of the same rows
 *   (jsonb_populate_recordset, 500 sales a statement) as superuser into a fresh central database.
 * - bootstrap_rate: a fresh terminal joins a central loaded with SQL (BENCH_BOOTSTRAP_PRODUCTS products,
 *   BENCH_BOOTSTRAP_LEDGER stock movements of its store); rows per second, against a raw SELECT of the same rows.
 * - cross_terminal_visibility_p50/_p99: sales.complete on T01, push, then pull on T02 until the sale is in T02's
 *   file, over 200 sales; against a raw write on one connection read back from another.
 * - resync_after_outage_p95: see resync-bench.ts.
 */
import pg from 'pg';
import { addStore, addTerminal } from '../../db/central/central-admin';
import { initCentral } from '../../db/central/migrate-central';
import { joinCentral } from '../../electron/core/sync/join-central';
import { newId } from '../../shared/ids';
import { makeTempDir } from '../support/core-harness';
import { createTestDatabase, withCredentials } from '../support/pg-database';
import { startTestPostgres } from '../support/postgres-server';
import { type SimTerminal, SyncChain } from '../support/sync-chain';
import { percentile } from './measure';
import { benchResync } from './resync-bench';

export interface SyncBenchResult {
  name: string;
  value: number;
  unit: 'rows/s' | 'ms';
  baseline: number;
  ratio: number;
}

type Say = (line: string) => void;

function envInt(name: string, fallback: number): number {
  const text = process.env[name];
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : fallback;
}

const round = (n: number, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits;

async function seedProducts(t: SimTerminal, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const product = await t.harness.createProduct({ sku: `BENCH-${i}`, name: `Bench ${i}`, price: 100_000 + i });
    ids.push(product.id);
  }
  return ids;
}

async function sell(t: SimTerminal, products: readonly string[], i: number): Promise<string> {
  const saleId = newId();
  await t.harness.ok('sales.complete', {
    saleId,
    lines: Array.from({ length: 5 }, (_, k) => ({
      productId: products[(i * 5 + k) % products.length] ?? '',
      quantity: 1,
    })),
    payment: { method: 'cash', tendered: 1_000_000_000 },
  });
  return saleId;
}

const LEDGER_KEYS = ['sales', 'sale_lines', 'payments', 'stock_movements'] as const;

async function benchPushDrain(adminUrl: string, say: Say): Promise<SyncBenchResult> {
  const salesCount = envInt('BENCH_SYNC_SALES', 10_000);
  const chain = await SyncChain.create(adminUrl, 'bench_push');
  const raw = await createTestDatabase(adminUrl, 'bench_push_raw');
  const rawClient = new pg.Client({ connectionString: raw.url });
  try {
    const t01 = await chain.standalone('BP', 'T01');
    await t01.engine.syncOnce();
    const products = await seedProducts(t01, 50);
    await t01.engine.syncOnce();
    const t = performance.now();
    for (let i = 0; i < salesCount; i++) await sell(t01, products, i);
    say(`  ${salesCount} sales completed on T01 in ${((performance.now() - t) / 1_000).toFixed(1)} s`);
    const payloads = (
      t01.sqlite
        .prepare("SELECT payload FROM outbox WHERE kind = 'sale.complete' AND quarantined = 0 ORDER BY seq")
        .all() as { payload: string }[]
    ).map((r) => JSON.parse(r.payload) as Record<string, unknown[]>);
    const rows = payloads.reduce((sum, p) => sum + LEDGER_KEYS.reduce((s, k) => s + (p[k]?.length ?? 0), 0), 0);

    const pushStart = performance.now();
    await t01.engine.push();
    const pushSeconds = (performance.now() - pushStart) / 1_000;

    // Baseline: the same rows, straight into the same tables of a fresh central, 500 sales a statement.
    await rawClient.connect();
    await initCentral(rawClient);
    const storeId = String(payloads[0]?.sales?.[0] && (payloads[0].sales[0] as { store_id: string }).store_id);
    await rawClient.query("INSERT INTO techstore.stores (id, code, name) VALUES ($1, 'BP', 'BP')", [storeId]);
    const rawStart = performance.now();
    for (let i = 0; i < payloads.length; i += 500) {
      const slice = payloads.slice(i, i + 500);
      await rawClient.query('BEGIN');
      for (const key of LEDGER_KEYS) {
        const all = slice.flatMap((p) => (p[key] ?? []).map((r) => ({ ...(r as object), store_id: storeId })));
        await rawClient.query(
          `INSERT INTO techstore.${key} SELECT * FROM jsonb_populate_recordset(NULL::techstore.${key}, $1)`,
          [JSON.stringify(all)],
        );
      }
      await rawClient.query('COMMIT');
    }
    const rawSeconds = (performance.now() - rawStart) / 1_000;
    const value = rows / pushSeconds;
    const baseline = rows / rawSeconds;
    say(`  push drained ${rows} rows in ${pushSeconds.toFixed(1)} s; raw insert ${rawSeconds.toFixed(1)} s`);
    return {
      name: 'push_drain_rate',
      value: round(value),
      unit: 'rows/s',
      baseline: round(baseline),
      ratio: round(value / baseline, 2),
    };
  } finally {
    await rawClient.end().catch(() => undefined);
    await raw.drop();
    await chain.close();
  }
}

async function benchBootstrap(adminUrl: string, say: Say): Promise<SyncBenchResult> {
  const productCount = envInt('BENCH_BOOTSTRAP_PRODUCTS', 100_000);
  const ledgerCount = envInt('BENCH_BOOTSTRAP_LEDGER', 1_000_000);
  const database = await createTestDatabase(adminUrl, 'bench_boot');
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  let terminal: pg.Client | undefined;
  try {
    await initCentral(admin);
    const store = await addStore(admin, { code: 'BB', name: 'Bench' });
    const loadStart = performance.now();
    await admin.query(
      `INSERT INTO techstore.users (id, name, role, pin_hash, archived, created_at, updated_at, col_hlc)
       VALUES (gen_random_uuid(), 'Ana Admin', 'admin', 'x', 0, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}')`,
    );
    await admin.query(
      `INSERT INTO techstore.products (id, sku, name, brand, category, price, cost, iva_rate_bp, min_stock, serial_tracked,
         archived, created_at, updated_at, col_hlc)
       SELECT gen_random_uuid(), 'SKU-' || g, 'Producto ' || g, 'Marca', 'Accesorios', 100000 + g, 50000, 2100, 2, 0, 0,
              '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'
         FROM generate_series(1, $1) g`,
      [productCount],
    );
    await admin.query(
      `INSERT INTO techstore.stock_movements (id, product_id, store_id, quantity, reason, sale_id, note, user_id,
         terminal_id, created_at, hlc)
       SELECT gen_random_uuid(), p.id, $2, 1, 'receipt', NULL, '', NULL, $2, '2026-01-01T00:00:00.000Z',
              '001767225600000-000000-bench'
         FROM generate_series(1, $1) g
         JOIN LATERAL (SELECT id FROM techstore.products OFFSET (g % $3) LIMIT 1) p ON true`,
      [ledgerCount, store.id, Math.min(productCount, 1_000)],
    );
    await admin.query('ANALYZE');
    say(
      `  central loaded with ${productCount} products and ${ledgerCount} movements in ${((performance.now() - loadStart) / 1_000).toFixed(1)} s`,
    );
    const rows = productCount + ledgerCount + 1;

    const rawStart = performance.now();
    await admin.query('SELECT * FROM techstore.users');
    await admin.query('SELECT * FROM techstore.products');
    await admin.query('SELECT * FROM techstore.stock_movements WHERE store_id = $1', [store.id]);
    const rawSeconds = (performance.now() - rawStart) / 1_000;

    const login = await addTerminal(admin, { storeCode: 'BB', terminalCode: 'T01' });
    terminal = new pg.Client({ connectionString: withCredentials(database.url, login.role, login.password) });
    await terminal.connect();
    const joinStart = performance.now();
    await joinCentral(makeTempDir(), terminal, () => new Date().toISOString());
    const joinSeconds = (performance.now() - joinStart) / 1_000;
    say(`  join pulled ${rows} rows in ${joinSeconds.toFixed(1)} s; raw SELECT ${rawSeconds.toFixed(1)} s`);
    const value = rows / joinSeconds;
    const baseline = rows / rawSeconds;
    return {
      name: 'bootstrap_rate',
      value: round(value),
      unit: 'rows/s',
      baseline: round(baseline),
      ratio: round(value / baseline, 2),
    };
  } finally {
    await terminal?.end().catch(() => undefined);
    await admin.end();
    await database.drop();
  }
}

async function benchVisibility(adminUrl: string, say: Say): Promise<SyncBenchResult[]> {
  const chain = await SyncChain.create(adminUrl, 'bench_visible');
  try {
    const t01 = await chain.standalone('BV', 'T01');
    const products = await seedProducts(t01, 20);
    await t01.engine.syncOnce();
    const t02 = await chain.joined('BV', 'T02');
    const visible = t02.sqlite.prepare('SELECT 1 FROM sales WHERE id = ?');
    const subject: number[] = [];
    for (let i = 0; i < 220; i++) {
      const start = performance.now();
      const saleId = await sell(t01, products, i);
      await t01.engine.push();
      while (!visible.get(saleId)) await t02.engine.pull();
      if (i >= 20) subject.push(performance.now() - start);
    }
    // Baseline: the floor of any cross-terminal path, one write committed on central and read from another session.
    const other = new pg.Client({ connectionString: chain.database.url });
    await other.connect();
    await chain.admin.query('CREATE TABLE public.bench_visible (id uuid PRIMARY KEY)');
    const baseline: number[] = [];
    for (let i = 0; i < 220; i++) {
      const id = newId();
      const start = performance.now();
      await chain.admin.query('INSERT INTO public.bench_visible (id) VALUES ($1)', [id]);
      await other.query('SELECT 1 FROM public.bench_visible WHERE id = $1', [id]);
      if (i >= 20) baseline.push(performance.now() - start);
    }
    await other.end();
    say(`  visibility over ${subject.length} sales`);
    return [50, 99].map((p) => {
      const value = percentile(subject, p);
      const base = percentile(baseline, p);
      return {
        name: `cross_terminal_visibility_p${p}`,
        value: round(value, 2),
        unit: 'ms' as const,
        baseline: round(base, 3),
        ratio: round(value / base, 2),
      };
    });
  } finally {
    await chain.close();
  }
}

/**
 * Runs the sync benchmarks on a PostgreSQL started for them, stopped at the end. BENCH_SYNC_ONLY (a
 * comma-separated subset of push, bootstrap, visibility, resync) picks some of them; all run when it is unset.
 */
export async function runSyncBenches(say: Say): Promise<SyncBenchResult[]> {
  const only = process.env.BENCH_SYNC_ONLY?.split(',').map((s) => s.trim());
  const server = await startTestPostgres();
  try {
    const results: SyncBenchResult[] = [];
    for (const [key, label, bench] of [
      ['push', 'push drain', async () => [await benchPushDrain(server.adminUrl, say)]],
      ['bootstrap', 'bootstrap', async () => [await benchBootstrap(server.adminUrl, say)]],
      ['visibility', 'visibility', () => benchVisibility(server.adminUrl, say)],
      // On a server of its own, which it stops and starts.
      ['resync', 'resync after outage', async () => [await benchResync(say)]],
    ] as const) {
      if (only && !only.includes(key)) continue;
      const t = performance.now();
      results.push(...(await bench()));
      say(`  ${label} measured in ${((performance.now() - t) / 1_000).toFixed(1)} s`);
    }
    return results;
  } finally {
    await server.stop();
  }
}
