import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CHANGES_CHANNEL } from '../../../electron/core/sync/sync-worker-loop';
import type { SyncStatus } from '../../../shared/contract/sync.contract';
import type { CoreHarness } from '../../support/core-harness';
import { InProcessLoop, RecordingLogger, WorkerChain, waitFor } from '../../support/sync-worker-chain';

/** How long the other connection keeps the file's write lock: well inside the worker's 5 s busy timeout. */
const HOLD_MS = 1_500;

const status = (t: CoreHarness) => t.ok('sync.status', {});

function priceOnFile(t: CoreHarness, id: string): number {
  const file = t.inspect();
  try {
    return (file.prepare('SELECT price FROM products WHERE id = ?').get(id) as { price: number }).price;
  } finally {
    file.close();
  }
}

async function priceOf(t: CoreHarness, id: string): Promise<number> {
  return (await t.ok('catalog.get', { id })).price;
}

describe('the sync worker while another connection holds the local write lock', () => {
  let chain: WorkerChain;
  let t01: CoreHarness;
  let t02: CoreHarness;
  let t02Log: RecordingLogger;
  let phoneId: string;

  beforeAll(async () => {
    chain = await WorkerChain.create(inject('pgAdminUrl'), 'sync_local_lock');
    t01 = await chain.standalone('PAL', 'T01');
    phoneId = (await t01.createProduct({ sku: 'MOTO-G24', name: 'Motorola G24', price: 25_000_000 })).id;
    await t01.ok('sync.connect', { connectionText: await chain.connectionText('PAL', 'T01') });
    await waitFor('T01 to push', async () => ((await status(t01)).pendingCount === 0 ? true : undefined));
    t02Log = new RecordingLogger();
    const joined = await chain.joined('PAL', 'T02', t02Log);
    t02 = joined.harness;
    await t02.ok('sync.connect', { connectionText: joined.connectionText });
    // The worker's own first cycle done (the status was seeded online by the connect): it now sleeps until woken.
    await waitFor('T02’s worker to report', async () => (t02Log.matching(/sync online/).length > 0 ? true : undefined));
    await waitFor('T02 drained', async () => ((await status(t02)).pendingCount === 0 ? true : undefined));
    expect(await priceOf(t02, phoneId)).toBe(25_000_000);
  }, 120_000);

  afterAll(async () => {
    await chain?.close();
  });

  it('waits for the lock, applies the pulled page once it is released, and never reports central offline', async () => {
    const logged = t02Log.lines.length;
    // The till's own connection in the middle of a long write: it holds the write lock of T02's file.
    const till = t02.writable();
    const statuses: SyncStatus[] = [];
    try {
      till.exec('BEGIN IMMEDIATE');
      // A newer image of a product T02 already holds, alone in the feed (written on central by an admin, as a
      // back-office edit would be): applying it reads the held row before it writes.
      await chain.admin.query('UPDATE techstore.products SET price = $2, row_version = row_version + 1 WHERE id = $1', [
        phoneId,
        26_000_000,
      ]);
      await chain.admin.query(`NOTIFY ${CHANGES_CHANNEL}`);
      // T02's worker is woken by central's notification and meets the lock; the screen keeps reading meanwhile.
      const until = Date.now() + HOLD_MS;
      while (Date.now() < until) {
        statuses.push(await status(t02));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      // Nothing of the page is in the file while the lock is held: the worker waits for it, it does not work around it.
      expect(priceOnFile(t02, phoneId)).toBe(25_000_000);
      till.exec('COMMIT');
    } finally {
      if (till.inTransaction) till.exec('ROLLBACK');
      till.close();
    }
    // Right after the release, not at the next periodic sync 30 s later: the woken worker was waiting on the lock.
    await waitFor(
      'the new price on T02',
      async () => ((await priceOf(t02, phoneId)) === 26_000_000 ? true : undefined),
      3_000,
    );
    statuses.push(await status(t02));
    expect(statuses.length).toBeGreaterThan(5);
    expect(statuses.filter((s) => !s.online)).toEqual([]);
    expect(statuses.map((s) => s.lastError).filter((e) => e !== null)).toEqual([]);
    const lines = t02Log.lines.slice(logged).map((l) => `${l.level} ${l.message}`);
    expect(lines.filter((l) => /unreachable|offline|locked|SQLITE_BUSY|sync failed/i.test(l))).toEqual([]);
  }, 30_000);
});

describe('the sync loop when the lock outlasts its busy timeout', () => {
  let chain: WorkerChain;
  let t03: CoreHarness;
  let loop: InProcessLoop;
  let cableId: string;

  beforeAll(async () => {
    chain = await WorkerChain.create(inject('pgAdminUrl'), 'sync_local_busy');
    t03 = await chain.standalone('BEL', 'T03');
    cableId = (await t03.createProduct({ sku: 'CAB-C', name: 'Cable USB-C', price: 900_000 })).id;
    // A busy timeout far shorter than the hold below, so the lock outlasts it and the cycle fails locally.
    loop = new InProcessLoop(t03.core.databaseFile, await chain.connectionText('BEL', 'T03'), { busyTimeoutMs: 100 });
    await waitFor('the first sync', async () =>
      loop.pending() === 0 && loop.statuses().some((s) => s.online && s.error === null) ? true : undefined,
    );
  }, 120_000);

  afterAll(async () => {
    await loop?.stop();
    await chain?.close();
  });

  it('tries again soon, never says central is offline, and applies the page once the lock is gone', async () => {
    const since = performance.now();
    const till = t03.writable();
    try {
      till.exec('BEGIN IMMEDIATE');
      await chain.admin.query('UPDATE techstore.products SET price = $2, row_version = row_version + 1 WHERE id = $1', [
        cableId,
        950_000,
      ]);
      await chain.admin.query(`NOTIFY ${CHANGES_CHANNEL}`);
      await waitFor('the loop to meet the lock', async () =>
        loop.statuses(since).some((s) => s.cause === 'local') ? true : undefined,
      );
      await new Promise((resolve) => setTimeout(resolve, HOLD_MS));
      expect(priceOnFile(t03, cableId)).toBe(900_000);
      till.exec('COMMIT');
    } finally {
      if (till.inTransaction) till.exec('ROLLBACK');
      till.close();
    }
    await waitFor(
      'the new price on T03',
      async () => ((await priceOf(t03, cableId)) === 950_000 ? true : undefined),
      5_000,
    );
    await waitFor('a clean report', async () => (loop.statuses().at(-1)?.error === null ? true : undefined));
    const statuses = loop.statuses(since);
    const local = statuses.filter((s) => s.cause === 'local');
    expect(local.length).toBeGreaterThan(1);
    expect(local[0]?.error).toMatch(/locked/);
    // Retried within the local file's short backoff, never central's (which grows to a minute).
    expect(Math.max(...local.map((s) => s.retryInMs ?? Number.POSITIVE_INFINITY))).toBeLessThanOrEqual(5_000);
    expect(statuses.filter((s) => !s.online)).toEqual([]);
    expect(loop.logs(since).filter((l) => /sync failed/.test(l))).toEqual([]);
  }, 30_000);
});
