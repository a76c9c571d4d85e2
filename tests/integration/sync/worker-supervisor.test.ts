import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addStore } from '../../../db/central/central-admin';
import type { SyncStatus } from '../../../shared/contract/sync.contract';
import { newId } from '../../../shared/ids';
import type { CoreHarness } from '../../support/core-harness';
import { appendPoisonMutation, CentralRelay, WorkerChain, waitFor } from '../../support/sync-worker-chain';

async function sell(t: CoreHarness, productId: string) {
  return t.ok('sales.complete', {
    saleId: newId(),
    lines: [{ productId, quantity: 1 }],
    payment: { method: 'cash', tendered: 1_000_000_000 },
  });
}

const status = (t: CoreHarness) => t.ok('sync.status', {});

/** Until `accept` holds for the terminal's sync status; returns that status. */
function statusWhen(t: CoreHarness, what: string, accept: (s: SyncStatus) => boolean, timeoutMs = 10_000) {
  return waitFor(
    what,
    async () => {
      const s = await status(t);
      return accept(s) ? s : undefined;
    },
    timeoutMs,
  );
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
}

describe('the sync worker, started and stopped by the core', () => {
  let chain: WorkerChain;
  let t01: CoreHarness;
  let t02: CoreHarness;
  let phoneId: string;

  beforeAll(async () => {
    chain = await WorkerChain.create(inject('pgAdminUrl'), 'sync_worker');
    t01 = await chain.standalone('PAL', 'T01');
    phoneId = (await t01.createProduct({ sku: 'MOTO-G24', name: 'Motorola G24', price: 25_000_000 })).id;
    await t01.ok('stock.adjust', { productId: phoneId, quantity: 100, reason: 'receipt' });
  }, 120_000);

  afterAll(async () => {
    await chain?.close();
  });

  it('works standalone until connected: not configured, everything pending', async () => {
    const s = await status(t01);
    expect(s).toMatchObject({ configured: false, online: false, quarantinedCount: 0, lastSyncAt: null });
    expect(s.pendingCount).toBeGreaterThan(0);
  });

  it('refuses an unparsable connection text, a login of another store and an unreachable central', async () => {
    expect(await t01.fails('sync.connect', { connectionText: 'host=central user=t01' })).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('postgresql://'),
    });
    await addStore(chain.admin, { code: 'REC', name: 'Recoleta' });
    const otherStore = await chain.connectionText('REC', 'T01');
    expect(await t01.fails('sync.connect', { connectionText: otherStore })).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('belongs to store'),
    });
    const relay = await CentralRelay.open(chain.database.url);
    await relay.cut();
    const closedPort = await chain.connectionText('PAL', 'T09', { host: '127.0.0.1', port: relay.port });
    expect(await t01.fails('sync.connect', { connectionText: closedPort })).toMatchObject({
      code: 'INTERNAL',
      message: expect.stringContaining('unreachable'),
    });
    expect((await status(t01)).configured).toBe(false);
  });

  it('pushes a sale by itself once connected, within a few seconds', async () => {
    const connected = await t01.ok('sync.connect', { connectionText: await chain.connectionText('PAL', 'T01') });
    expect(connected).toMatchObject({ configured: true, online: true });
    const receipt = await sell(t01, phoneId);
    const started = Date.now();
    const s = await statusWhen(t01, 'the outbox to drain', (x) => x.pendingCount === 0 && x.lastSyncAt !== null);
    expect(s).toMatchObject({ online: true, oldestPendingAgeMs: null, lastError: null });
    expect(Math.abs(s.clockSkewMs ?? Number.NaN)).toBeLessThan(60_000);
    expect(Date.now() - started).toBeLessThan(5_000);
    const central = await chain.admin.query('SELECT number FROM techstore.sales WHERE id = $1', [receipt.id]);
    expect(central.rows[0]?.number).toBe(receipt.number);
  });

  it('shows a sale from another terminal without any sync call, woken by central’s notification', async () => {
    const joined = await chain.joined('PAL', 'T02');
    t02 = joined.harness;
    await t02.ok('sync.connect', { connectionText: joined.connectionText });
    // Measured from a running worker: its first start (loading the code) is not what property 10 is about.
    await sell(t02, phoneId);
    await statusWhen(t02, 'T02’s worker to push', (s) => s.pendingCount === 0);
    const latencies: number[] = [];
    for (let i = 0; i < 20; i++) {
      const [from, to] = i % 2 === 0 ? [t01, t02] : [t02, t01];
      const receipt = await sell(from, phoneId);
      const started = performance.now();
      await waitFor('the sale on the other terminal', async () =>
        (await to.call('sales.get', { id: receipt.id })).ok ? true : undefined,
      );
      latencies.push(performance.now() - started);
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    process.stdout.write(
      `cross-terminal visibility through the workers (ms): p50 ${percentile(sorted, 50).toFixed(0)}, ` +
        `p90 ${percentile(sorted, 90).toFixed(0)}, max ${percentile(sorted, 100).toFixed(0)} over ${sorted.length} sales\n`,
    );
    // SYNC.md property 10: within a second, online. The periodic sync alone would take up to 30 s.
    expect(percentile(sorted, 90)).toBeLessThan(1_000);
    expect(Math.max(...latencies)).toBeLessThan(2_000);
    const stock = async (t: CoreHarness) => (await t.ok('catalog.get', { id: phoneId })).stockOnHand;
    await waitFor('equal stock on both terminals', async () =>
      (await stock(t01)) === (await stock(t02)) ? true : undefined,
    );
    expect(await stock(t01)).toBe(100 - 22);
  });

  it('lists a mutation central quarantined, and moves on past it', async () => {
    const poisonId = newId();
    const hlc = (await chain.admin.query('SELECT sync_api._advance_clock(NULL) AS h')).rows[0]?.h as string;
    appendPoisonMutation(t01.core.databaseFile, poisonId, hlc);
    const after = await sell(t01, phoneId);
    const s = await statusWhen(
      t01,
      'the poison to be quarantined',
      (x) => x.quarantinedCount === 1 && x.pendingCount === 0,
    );
    expect(s.online).toBe(true);
    const { items } = await t01.ok('sync.quarantined', {});
    expect(items).toEqual([expect.objectContaining({ mutationId: poisonId, kind: 'no.such.kind' })]);
    expect(items[0]?.error).not.toBe('');
    await waitFor('the later sale on the other terminal', async () =>
      (await t02.call('sales.get', { id: after.id })).ok ? true : undefined,
    );
  });

  it('listens again after central ends its connections, and still wakes within a second or two', async () => {
    const ended = await chain.endBackendsOf('T02');
    expect(ended.length).toBeGreaterThanOrEqual(2);
    // The worker notices, probes again within about a second, reconnects and LISTENs again before its next pull.
    await waitFor('T02 to reconnect both connections', async () => {
      const fresh = (await chain.backendPidsOf('T02')).filter((pid) => !ended.includes(pid));
      return fresh.length >= 2 ? true : undefined;
    });
    await statusWhen(t02, 'T02 back online', (s) => s.online);
    const receipt = await sell(t01, phoneId);
    const started = performance.now();
    await waitFor('the sale on T02', async () =>
      (await t02.call('sales.get', { id: receipt.id })).ok ? true : undefined,
    );
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  describe('while central is unreachable', () => {
    let relay: CentralRelay;
    let t03: CoreHarness;
    let cableId: string;

    beforeAll(async () => {
      relay = await CentralRelay.open(chain.database.url);
      t03 = await chain.standalone('BEL', 'T03');
      cableId = (await t03.createProduct({ sku: 'CAB-C', name: 'Cable USB-C', price: 900_000 })).id;
      const text = await chain.connectionText('BEL', 'T03', { host: '127.0.0.1', port: relay.port });
      await t03.ok('sync.connect', { connectionText: text });
      await statusWhen(t03, 'the first sync', (s) => s.pendingCount === 0);
    }, 60_000);

    afterAll(async () => {
      await relay?.cut();
    });

    it('completes sales at once and shows offline, pending and the age of the oldest growing', async () => {
      await relay.cut();
      const receipts = [];
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        receipts.push(await sell(t03, cableId));
        // The till never waits on the network: a sale is a local commit whatever central is doing.
        expect(performance.now() - started).toBeLessThan(500);
      }
      const offline = await statusWhen(t03, 'offline with 3 pending', (s) => !s.online && s.pendingCount === 3);
      expect(offline.configured).toBe(true);
      expect(offline.lastError).toEqual(expect.any(String));
      expect(offline.oldestPendingAgeMs).toEqual(expect.any(Number));
      await new Promise((resolve) => setTimeout(resolve, 300));
      const later = await status(t03);
      expect(later.online).toBe(false);
      expect(later.pendingCount).toBe(3);
      expect(later.oldestPendingAgeMs ?? 0).toBeGreaterThan((offline.oldestPendingAgeMs ?? 0) + 250);
      const onCentral = await chain.admin.query('SELECT count(*)::int AS n FROM techstore.sales WHERE id = ANY($1)', [
        receipts.map((r) => r.id),
      ]);
      expect(onCentral.rows[0]?.n).toBe(0);
    });

    it('catches up by itself within seconds of central being reachable again', async () => {
      await relay.restore();
      const s = await statusWhen(t03, 'back online and drained', (x) => x.online && x.pendingCount === 0, 10_000);
      expect(s).toMatchObject({ lastError: null, oldestPendingAgeMs: null });
    }, 30_000);

    it('ends the worker and its central connections when the core closes', async () => {
      expect(await chain.backendsOf('T03')).toBeGreaterThan(0);
      await t03.close();
      await waitFor('T03’s backends to end', async () => ((await chain.backendsOf('T03')) === 0 ? true : undefined));
    });
  });
});
