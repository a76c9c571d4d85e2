import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncEngine } from '../../../electron/core/sync/sync-engine';
import { newId } from '../../../shared/ids';
import { startEmbeddedPostgres, type TestPostgresServer } from '../../support/postgres-server';
import { readIdentity, type SimTerminal, SyncChain } from '../../support/sync-chain';

const SALES = 200;

let server: TestPostgresServer;
let chain: SyncChain;
let t01: SimTerminal;

beforeAll(async () => {
  // A server of its own: this test stops it the hard way, which the run's shared server must never see. It
  // runs with asynchronous commit, so the stop also loses its last acknowledged commits, as a restore from an
  // older backup would: the terminal must notice at reconnection and push them again.
  server = await startEmbeddedPostgres();
  chain = await SyncChain.create(server.adminUrl, 'sync_central_crash');
  t01 = await chain.standalone('PAL', 'T01');
  const product = await t01.harness.createProduct({ sku: 'AUR-1', name: 'Auriculares', price: 2_500_000 });
  for (let i = 0; i < SALES; i++) {
    await t01.harness.ok('sales.complete', {
      saleId: newId(),
      lines: [{ productId: product.id, quantity: 1 }],
      payment: { method: 'cash', tendered: 2_500_000 },
    });
  }
}, 180_000);

afterAll(async () => {
  await chain?.close().catch(() => undefined);
  await server?.stop();
});

describe('PostgreSQL stopped with -m immediate in the middle of a push', () => {
  it('loses nothing and applies nothing twice once it is back', async () => {
    const crash = server.crashAndRestart;
    if (!crash) throw new Error('this server cannot be restarted');
    // One mutation per central transaction, so the stop lands inside one of them.
    const pushing = (async () => {
      for (;;) await t01.engine.push(1);
    })().then(
      () => null,
      (error: unknown) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    await crash();
    expect(await pushing).toBeInstanceOf(Error);
    const acked = (t01.sqlite.prepare('SELECT acked_seq FROM sync_state').get() as { acked_seq: number }).acked_seq;
    expect(acked).toBeGreaterThan(0); // some pushes went through before the stop

    const central = new pg.Client({ connectionString: t01.loginUrl });
    await central.connect();
    const sqlite = new Database(t01.harness.core.databaseFile);
    try {
      const engine = new SyncEngine(sqlite, central, readIdentity(sqlite));
      await engine.register();
      await engine.push();
    } finally {
      sqlite.close();
      await central.end();
    }
    const admin = new pg.Client({ connectionString: chain.database.url });
    await admin.connect();
    const counts = await admin.query(
      `SELECT (SELECT count(*)::int FROM techstore.sales) AS sales,
              (SELECT count(*)::int FROM techstore.applied_mutations) AS applied`,
    );
    await admin.end();
    const outbox = t01.sqlite.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number };
    expect(counts.rows[0]).toEqual({ sales: SALES, applied: outbox.n });
  }, 120_000);
});
