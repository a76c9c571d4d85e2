import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeTerminal } from '../../../db/central/central-admin';
import type { JoinStatus } from '../../../shared/contract/app.contract';
import { CoreHarness, makeTempDir } from '../../support/core-harness';
import { HostApi } from '../../support/e2e-api';
import { startHost } from '../../support/host-process';
import {
  bulkProducts,
  centralCounts,
  connectionTextOf,
  localCounts,
  newTerminalText,
  type SeededChain,
  SlowRelay,
  seedChain,
  waitForJoin,
} from '../../support/join-chain-fixture';
import { centralServers } from '../../support/pg-servers';
import { SyncChain } from '../../support/sync-chain';
import { tableCounts } from '../../support/table-counts';

/**
 * Issue 3: a fresh terminal joins an existing chain from its first-run screen, through the core's router as the
 * screen calls it: `app.join` answers at once, `app.joinStatus` shows the copy, and the terminal ends set up with
 * the chain's users, catalog and ledgers, and its sync worker running.
 */

const BULK_PRODUCTS = 4_000;

function fileOf(harness: CoreHarness): Database.Database {
  return new Database(harness.core.databaseFile, { readonly: true });
}

function setting(sqlite: Database.Database, key: string): unknown {
  const row = sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? JSON.parse(row.value) : null;
}

describe.each(centralServers())('joining a chain from the first-run screen, on PostgreSQL %s', (label, adminUrl) => {
  let chain: SyncChain;
  let seeded: SeededChain;
  let expected: Record<string, number>;
  const opened: CoreHarness[] = [];

  async function freshTerminal(dataDir = makeTempDir()): Promise<CoreHarness> {
    const harness = await CoreHarness.open(dataDir);
    opened.push(harness);
    return harness;
  }

  const joinStatus = (harness: CoreHarness) => () => harness.call('app.joinStatus', {});

  beforeAll(async () => {
    chain = await SyncChain.create(adminUrl, `sync_join_${label}`);
    seeded = await seedChain(chain);
    await bulkProducts(chain.admin, seeded.phoneId, BULK_PRODUCTS);
    expected = await centralCounts(chain.admin);
  }, 180_000);

  afterAll(async () => {
    for (const harness of opened) await harness.close().catch(() => undefined);
    await chain?.close();
  });

  it('fills users, catalog and ledgers, ends set up with sync running, and shows its progress', async () => {
    const t02 = await freshTerminal();
    const { text } = await newTerminalText(chain, 'T02');
    const started = await t02.ok('app.join', { connectionText: text });
    expect(started.phase).toBe('running');

    const seen: JoinStatus[] = [];
    const done = await waitForJoin(joinStatus(t02), seen);
    // T01 set the store up as "TechStore Palermo" before central adopted it as "Sucursal PAL": the joining
    // terminal takes the name the store prints, from its profile.
    expect(done).toMatchObject({ phase: 'done', failure: null, storeName: 'TechStore Palermo' });
    const total = Object.values(expected).reduce((a, b) => a + b, 0);
    const copying = seen.filter((s) => s.step === 'copying' && s.rowsSoFar > 0);
    expect(copying.length).toBeGreaterThan(1);
    // The total comes from central's digests; payments and audit events are counted in it too.
    expect(copying.every((s) => s.totalRows !== null && s.totalRows >= total && s.rowsSoFar <= s.totalRows)).toBe(true);
    expect(copying.some((s) => s.table === 'products' && s.tableTotal === expected.products)).toBe(true);

    expect(await t02.ok('app.status', {})).toEqual({
      setupRequired: false,
      storeName: 'TechStore Palermo',
      terminalCode: 'T02',
    });
    const file = fileOf(t02);
    try {
      expect(localCounts(file)).toEqual(expected);
      expect(setting(file, 'join_pending')).toBeNull();
    } finally {
      file.close();
    }

    // T01's cashier logs in with her PIN and finds the phone by its barcode, with the store's stock.
    const { users } = await t02.ok('users.listForLogin', {});
    const cashier = users.find((u) => u.name === seeded.cashier.name);
    expect(cashier).toBeDefined();
    t02.session = (await t02.ok('users.login', { userId: cashier?.id ?? '', pin: seeded.cashier.pin }, null)).token;
    const phone = await t02.ok('catalog.findByBarcode', { code: seeded.phoneBarcode });
    expect(phone).toMatchObject({ id: seeded.phoneId, name: 'Samsung Galaxy A15', stockOnHand: 4 });

    // The sync worker runs: a product made on T01 afterwards reaches T02 on its own.
    const admin = users.find((u) => u.role === 'admin');
    t02.session = (await t02.ok('users.login', { userId: admin?.id ?? '', pin: '1234' }, null)).token;
    await expect.poll(async () => (await t02.ok('sync.status', {})).online, { timeout: 20_000 }).toBe(true);
    const later = await seeded.t01.harness.createProduct({ sku: 'JBL-GO4', name: 'Parlante JBL Go 4' });
    await seeded.t01.engine.syncOnce();
    await expect
      .poll(async () => (await t02.call('catalog.get', { id: later.id })).ok, { timeout: 40_000, interval: 250 })
      .toBe(true);
    await seeded.t01.harness.ok('catalog.archive', { id: later.id, archived: true });
    await seeded.t01.engine.syncOnce();
    expected = await centralCounts(chain.admin);

    // Once set up, joining is refused, and the status says no more than that it is done.
    expect((await t02.fails('app.join', { connectionText: text })).code).toBe('CONFLICT');
    expect(await t02.ok('app.joinStatus', {})).toMatchObject({ phase: 'done', table: null, failure: null });
  }, 120_000);

  it.each([
    ['not a URL at all', 'hola, esto no es una conexión'],
    ['another scheme', 'mysql://ts_t09:secret@127.0.0.1:5432/techstore'],
    ['no password', 'postgresql://ts_t09@127.0.0.1:5432/techstore'],
    ['an unknown parameter', 'postgresql://ts_t09:pw@127.0.0.1:5432/techstore?options=-c'],
  ])('refuses %s as VALIDATION and writes nothing', async (_label, connectionText) => {
    const t = await freshTerminal();
    const file = fileOf(t);
    try {
      const before = tableCounts(file);
      const failure = await t.fails('app.join', { connectionText });
      expect(failure.code).toBe('VALIDATION');
      expect(tableCounts(file)).toEqual(before);
      expect(setting(file, 'join_pending')).toBeNull();
      expect(file.prepare('SELECT connection_text FROM sync_state').get()).toEqual({ connection_text: null });
      expect((await t.ok('app.joinStatus', {})).phase).toBe('idle');
    } finally {
      file.close();
    }
  });

  it('with central unreachable: a clear failure, still in setup, and a new store can still be made', async () => {
    const t = await freshTerminal();
    // Port 9 (discard) has no PostgreSQL on any machine that runs these tests: refused at once.
    await t.ok('app.join', { connectionText: 'postgresql://ts_x:pw@127.0.0.1:9/techstore' });
    const failed = await waitForJoin(joinStatus(t));
    expect(failed).toMatchObject({ phase: 'failed', interrupted: true });
    expect(failed.failure).toMatchObject({ reason: 'unreachable', code: 'INTERNAL' });
    expect(failed.failure?.message).toMatch(/127\.0\.0\.1:9\/techstore is unreachable/);
    expect(failed.failure?.message).not.toContain(':pw@');
    expect((await t.ok('app.status', {})).setupRequired).toBe(true);
    // Nothing was copied, so the folder is still free for a store of its own.
    await t.setUp('1234', 'T01');
    expect((await t.ok('app.status', {})).setupRequired).toBe(false);
  });

  it('says which: a wrong password, then a revoked terminal', async () => {
    const { login } = await newTerminalText(chain, 'T05');
    const t = await freshTerminal();
    await t.ok('app.join', {
      connectionText: connectionTextOf(chain.database.url, { role: login.role, password: 'not-the-password' }),
    });
    expect((await waitForJoin(joinStatus(t))).failure).toMatchObject({ reason: 'wrong-password', code: 'VALIDATION' });

    await revokeTerminal(chain.admin, { storeCode: 'PAL', terminalCode: 'T05' });
    await t.ok('app.join', { connectionText: connectionTextOf(chain.database.url, login) });
    expect((await waitForJoin(joinStatus(t))).failure).toMatchObject({ reason: 'revoked', code: 'VALIDATION' });
    expect((await t.ok('app.status', {})).setupRequired).toBe(true);
  });

  it('closed halfway through the copy: the next start is still in setup, and continuing completes it once', async () => {
    const relay = await SlowRelay.open(chain.database.url, 15);
    try {
      const dataDir = makeTempDir();
      const first = await CoreHarness.open(dataDir);
      const { text } = await newTerminalText(chain, 'T03', relay);
      await first.ok('app.join', { connectionText: text });
      // Wait until the catalog is partly copied, then cut the link and close the app.
      await expect
        .poll(
          async () => {
            const status = await first.ok('app.joinStatus', {});
            return status.table === 'products' && status.tableRows > 0;
          },
          { timeout: 60_000, interval: 10 },
        )
        .toBe(true);
      const midway = await first.ok('app.joinStatus', {});
      relay.hold();
      await first.core.close();
      expect(midway.rowsSoFar).toBeLessThan(midway.totalRows ?? 0);

      const half = new Database(first.core.databaseFile, { readonly: true });
      try {
        const products = (half.prepare('SELECT count(*) AS n FROM products').get() as { n: number }).n;
        expect(products).toBeGreaterThan(0);
        expect(products).toBeLessThan(expected.products ?? 0);
        expect(setting(half, 'terminal')).toBeNull();
        expect(setting(half, 'join_pending')).toMatchObject({ role: expect.any(String) });
      } finally {
        half.close();
      }

      relay.release();
      const again = await freshTerminal(dataDir);
      expect((await again.ok('app.status', {})).setupRequired).toBe(true);
      expect(await again.ok('app.joinStatus', {})).toMatchObject({ phase: 'idle', interrupted: true });
      // A half-joined folder is not a new store.
      expect(
        (await again.fails('setup.initialize', { storeName: 'X', terminalCode: 'T09', adminName: 'Y', pin: '1234' }))
          .code,
      ).toBe('CONFLICT');
      // Continuing takes no text: the recorded one, and the terminal id central bound to this login.
      await again.ok('app.join', {});
      expect(await waitForJoin(joinStatus(again))).toMatchObject({ phase: 'done', failure: null });
      expect((await again.ok('app.status', {})).terminalCode).toBe('T03');
      const file = fileOf(again);
      try {
        expect(localCounts(file)).toEqual(await centralCounts(chain.admin));
      } finally {
        file.close();
      }
    } finally {
      await relay.close();
    }
  }, 120_000);

  it('killed (SIGKILL) halfway through the copy: the next start is still in setup, and continuing completes it once', async () => {
    const relay = await SlowRelay.open(chain.database.url, 15);
    const dataDir = makeTempDir();
    const host = await startHost({ dataDir });
    try {
      const api = new HostApi(host);
      const { text } = await newTerminalText(chain, 'T04', relay);
      await api.ok('app.join', { connectionText: text });
      await expect
        .poll(
          async () => {
            const status = await api.ok('app.joinStatus', {});
            return status.table === 'products' && status.tableRows > 0;
          },
          { timeout: 60_000, interval: 10 },
        )
        .toBe(true);
      if (host.pid === undefined) throw new Error('the host has no pid');
      process.kill(host.pid, 'SIGKILL');
      await host.stop();
      relay.release();
    } catch (error) {
      await host.stop().catch(() => undefined);
      await relay.close();
      throw error;
    }

    // The recorded connection text goes through the relay, now at full speed.
    const again = await freshTerminal(dataDir);
    const half = fileOf(again);
    try {
      const products = (half.prepare('SELECT count(*) AS n FROM products').get() as { n: number }).n;
      expect(products).toBeGreaterThan(0);
      expect(products).toBeLessThan(expected.products ?? 0);
      expect(setting(half, 'terminal')).toBeNull();
    } finally {
      half.close();
    }
    expect((await again.ok('app.status', {})).setupRequired).toBe(true);
    expect(await again.ok('app.joinStatus', {})).toMatchObject({ phase: 'idle', interrupted: true });
    await again.ok('app.join', {});
    expect(await waitForJoin(joinStatus(again))).toMatchObject({ phase: 'done', failure: null });
    expect((await again.ok('app.status', {})).terminalCode).toBe('T04');
    const file = fileOf(again);
    try {
      expect(localCounts(file)).toEqual(await centralCounts(chain.admin));
    } finally {
      file.close();
      await relay.close();
    }
  }, 180_000);
});
