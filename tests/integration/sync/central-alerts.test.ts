/**
 * SYNC.md property 3 on the terminals: what a completed sale breaks becomes an alert on central, which every
 * terminal of the store caches (so a manager sees it offline) and any manager acknowledges, offline too. Real
 * PostgreSQL, real SQLite files, each terminal logging in with its own terminal role.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CentralAlertSync } from '../../../electron/core/sync/central-alert-sync';
import type { CentralAlert } from '../../../shared/contract/sync.contract';
import { newId } from '../../../shared/ids';
import { CoreHarness } from '../../support/core-harness';
import { withCredentials } from '../../support/pg-database';
import { centralServers } from '../../support/pg-servers';
import { type SimTerminal, SyncChain } from '../../support/sync-chain';

const DAY_MS = 24 * 3_600_000;
const PERMISSION_DENIED = '42501';

/** The SQLSTATE a statement fails with, or 'ok'. */
async function sqlState(client: pg.Client, text: string): Promise<string> {
  try {
    await client.query(text);
    return 'ok';
  } catch (error) {
    return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : String(error);
  }
}

describe.each(centralServers())('on PostgreSQL %s', (label, adminUrl) => {
  let chain: SyncChain;
  let t01: SimTerminal;
  let t02: SimTerminal;
  let cable: { id: string };
  let stockAlertId = 0;

  /** What the sync worker does after push and pull: acknowledgements out, the store's alerts in. */
  const syncAlerts = (t: SimTerminal, nowMs?: () => number) =>
    new CentralAlertSync(t.sqlite, t.central, nowMs ? { nowMs } : {}).syncOnce();
  const alertsOf = async (t: SimTerminal): Promise<CentralAlert[]> => (await t.harness.ok('sync.alerts', {})).items;
  const outboxSize = (t: SimTerminal) =>
    (t.sqlite.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
  const centralAlert = async (id: number) =>
    (
      await chain.admin.query(
        'SELECT acknowledged_at, acknowledged_by, acknowledged_terminal, acknowledgement_note FROM techstore.alerts WHERE id = $1',
        [id],
      )
    ).rows[0];

  async function sell(t: SimTerminal, productId: string, quantity: number) {
    return t.harness.ok('sales.complete', {
      saleId: newId(),
      lines: [{ productId, quantity }],
      payment: { method: 'cash', tendered: 1_000_000_000 },
    });
  }

  beforeAll(async () => {
    chain = await SyncChain.create(adminUrl, `sync_alerts_${label}`);
    t01 = await chain.standalone('PAL', 'T01');
    cable = await t01.harness.createProduct({ sku: 'CAB-USB-C', name: 'Cable USB-C 1 m' });
    await t01.harness.ok('stock.adjust', { productId: cable.id, quantity: 1, reason: 'receipt' });
    await t01.engine.syncOnce();
    t02 = await chain.joined('PAL', 'T02');
  }, 120_000);

  afterAll(async () => {
    await chain?.close();
  });

  it('two terminals sell the last unit offline: after sync both list one negative-stock alert, by product', async () => {
    await sell(t01, cable.id, 1);
    await sell(t02, cable.id, 1);
    await chain.settle();
    for (const t of [t01, t02]) {
      expect((await t.harness.ok('sync.alerts', {})).asOf).toBeNull(); // never fetched yet: the panel says so
      await syncAlerts(t);
      const { asOf, items } = await t.harness.ok('sync.alerts', {});
      expect(asOf).not.toBeNull();
      expect(items).toEqual([
        expect.objectContaining({
          kind: 'negative_stock',
          product: { id: cable.id, sku: 'CAB-USB-C', name: 'Cable USB-C 1 m' },
          onHand: -1,
          acknowledgement: null,
        }),
      ]);
      expect((await t.harness.ok('sync.status', {})).openAlertCount).toBe(1);
      stockAlertId = items[0]?.id ?? 0;
    }
  });

  it('acknowledged on T01 offline, it survives a restart, reaches central on sync and clears on T02 after its sync', async () => {
    const before = outboxSize(t01);
    const item = await t01.harness.ok('sync.acknowledgeAlert', { id: stockAlertId, note: 'Recuento pedido' });
    expect(item.acknowledgement).toMatchObject({ by: 'Ana Admin', terminalCode: 'T01', pending: true });
    expect((await t01.harness.ok('sync.status', {})).openAlertCount).toBe(0);
    // Its one outbox mutation: the audit event, so central's history says who saw it.
    expect(outboxSize(t01)).toBe(before + 1);
    const audit = t01.sqlite.prepare("SELECT entity_id FROM audit_events WHERE action = 'alert.acknowledge'").all();
    expect(audit).toEqual([{ entity_id: String(stockAlertId) }]);
    expect((await centralAlert(stockAlertId))?.acknowledged_at).toBeNull();

    // The terminal restarts before it syncs: the acknowledgement is on disk, not in memory.
    const dir = t01.harness.dataDir;
    await t01.harness.close(false);
    t01.harness = await CoreHarness.open(dir);
    const admin = (await t01.harness.ok('users.listForLogin', {})).users.find((u) => u.name === 'Ana Admin');
    t01.harness.session = (await t01.harness.ok('users.login', { userId: admin?.id ?? '', pin: '1234' }, null)).token;
    expect((await alertsOf(t01))[0]?.acknowledgement?.pending).toBe(true);

    await t01.engine.syncOnce();
    expect(await syncAlerts(t01)).toMatchObject({ sent: 1 });
    expect(await centralAlert(stockAlertId)).toMatchObject({
      acknowledged_at: expect.any(Date),
      acknowledged_by: 'Ana Admin',
      acknowledged_terminal: 'T01',
      acknowledgement_note: 'Recuento pedido',
    });
    expect((await alertsOf(t01))[0]?.acknowledgement).toMatchObject({ pending: false, by: 'Ana Admin' });
    const audited = await chain.admin.query(
      "SELECT user_id FROM techstore.audit_events WHERE action = 'alert.acknowledge' AND entity_id = $1",
      [String(stockAlertId)],
    );
    expect(audited.rowCount).toBe(1);

    // T02 still shows it open until its own sync.
    expect((await alertsOf(t02))[0]?.acknowledgement).toBeNull();
    await t02.engine.syncOnce();
    await syncAlerts(t02);
    expect((await alertsOf(t02))[0]?.acknowledgement).toEqual({
      at: expect.any(String),
      by: 'Ana Admin',
      terminalCode: 'T01',
      note: 'Recuento pedido',
      pending: false,
    });
    expect((await t02.harness.ok('sync.status', {})).openAlertCount).toBe(0);
  });

  it('is idempotent on the terminal and on central, and refused to a cashier', async () => {
    const first = await centralAlert(stockAlertId);
    for (const t of [t01, t02]) {
      const before = outboxSize(t);
      const again = await t.harness.ok('sync.acknowledgeAlert', { id: stockAlertId });
      expect(again.acknowledgement).toMatchObject({ by: 'Ana Admin', terminalCode: 'T01', pending: false });
      expect(outboxSize(t)).toBe(before);
    }
    // Central: the first acknowledgement stands, whoever repeats it.
    const repeat = await t02.central.query<{ r: { found: boolean; acknowledged_by: string } }>(
      'SELECT sync_api.acknowledge_alert($1, $2, now(), NULL) AS r',
      [stockAlertId, 'Otro Encargado'],
    );
    expect(repeat.rows[0]?.r).toMatchObject({ found: true, acknowledged_by: 'Ana Admin' });
    expect(await centralAlert(stockAlertId)).toEqual(first);

    const cashier = await t01.harness.ok('users.create', { name: 'Carla Cajera', role: 'cashier', pin: '4321' });
    const session = (await t01.harness.ok('users.login', { userId: cashier.id, pin: '4321' }, null)).token;
    expect((await t01.harness.fails('sync.acknowledgeAlert', { id: stockAlertId }, session)).code).toBe('FORBIDDEN');
    expect((await t01.harness.fails('sync.alerts', {}, session)).code).toBe('FORBIDDEN');
    expect((await t01.harness.ok('sync.status', {}, session)).openAlertCount).toBe(0);
    expect((await t01.harness.fails('sync.acknowledgeAlert', { id: 999_999 })).code).toBe('NOT_FOUND');
  });

  it('raises a clock-skew alert for a terminal two days ahead, and one for a clock two days behind', async () => {
    const ahead = await chain.joined('PAL', 'T03', { now: () => new Date(Date.now() + 2 * DAY_MS) });
    await sell(ahead, cable.id, 1); // its sale's HLC is two days ahead: push records the skew
    await ahead.engine.syncOnce();
    const raisedByPush = await chain.admin.query(
      "SELECT details ->> 'terminal' AS terminal FROM techstore.alerts WHERE kind = 'clock_skew' AND acknowledged_at IS NULL",
    );
    expect(raisedByPush.rows).toEqual([{ terminal: 'T03' }]);
    await syncAlerts(ahead, () => Date.now() + 2 * DAY_MS);
    await syncAlerts(t01);
    const skewed = (await alertsOf(t01)).filter((a) => a.kind === 'clock_skew');
    expect(skewed).toEqual([expect.objectContaining({ terminalCode: 'T03', acknowledgement: null })]);
    expect(Math.abs((skewed[0]?.clockSkewMs ?? 0) - 2 * DAY_MS)).toBeLessThan(60_000);
    // Once: the open-once index keeps a second reading from raising another.
    await syncAlerts(ahead, () => Date.now() + 2 * DAY_MS);
    const open = await chain.admin.query(
      "SELECT count(*)::int AS n FROM techstore.alerts WHERE kind = 'clock_skew' AND details ->> 'terminal' = 'T03'",
    );
    expect(open.rows[0]?.n).toBe(1);
    // Seen by a manager, it does not come straight back on the next sync of a clock still off.
    await t01.harness.ok('sync.acknowledgeAlert', { id: skewed[0]?.id ?? 0 });
    await syncAlerts(t01);
    await syncAlerts(ahead, () => Date.now() + 2 * DAY_MS);
    await sell(ahead, cable.id, 1);
    await ahead.engine.syncOnce();
    const reopened = await chain.admin.query(
      "SELECT count(*)::int AS n FROM techstore.alerts WHERE kind = 'clock_skew' AND acknowledged_at IS NULL AND details ->> 'terminal' = 'T03'",
    );
    expect(reopened.rows[0]?.n).toBe(0);

    // Behind never shows in a pushed HLC (it merged central's): the wall clock reported with the alert fetch does.
    await syncAlerts(t02, () => Date.now() - 2 * DAY_MS);
    const behind = (await alertsOf(t02)).find((a) => a.kind === 'clock_skew' && a.terminalCode === 'T02');
    expect((behind?.clockSkewMs ?? 0) + 2 * DAY_MS).toBeLessThan(60_000);
  });

  it('opens the alert functions to terminal logins only, and no table or helper behind them', async () => {
    const role = `plain_alerts_${label}_${newId().slice(-8)}`;
    await chain.admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'probe-password'`);
    await chain.admin.query(
      `GRANT CONNECT ON DATABASE ${chain.admin.escapeIdentifier(chain.database.name)} TO ${role}`,
    );
    const plain = new pg.Client({ connectionString: withCredentials(chain.database.url, role, 'probe-password') });
    plain.on('error', () => undefined);
    await plain.connect();
    try {
      for (const call of ['SELECT sync_api.alerts(NULL)', "SELECT sync_api.acknowledge_alert(1, 'x', now(), NULL)"]) {
        expect(await sqlState(plain, call), call).toBe(PERMISSION_DENIED);
        expect(await sqlState(t01.central, call), call).toBe('ok');
      }
      for (const call of [
        'SELECT * FROM techstore.alerts',
        "UPDATE techstore.alerts SET acknowledged_by = 'x'",
        'SELECT sync_api._raise_clock_alert(t, 999999999) FROM techstore.terminals t',
        'SELECT sync_api._iso(now())',
      ]) {
        expect(await sqlState(t01.central, call), call).toBe(PERMISSION_DENIED);
      }
      const grants = await chain.admin.query<{ name: string; terminal: boolean; anyone: boolean }>(
        `SELECT p.proname AS name, has_function_privilege('pos_terminal', p.oid, 'EXECUTE') AS terminal,
                has_function_privilege('public', p.oid, 'EXECUTE') AS anyone
           FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
          WHERE n.nspname = 'sync_api' AND p.proname IN ('alerts', 'acknowledge_alert', '_raise_clock_alert',
                '_terminal_clock_alert', '_iso', '_alert_json') ORDER BY 1`,
      );
      expect(grants.rows).toEqual([
        { name: '_alert_json', terminal: false, anyone: false },
        { name: '_iso', terminal: false, anyone: false },
        { name: '_raise_clock_alert', terminal: false, anyone: false },
        { name: '_terminal_clock_alert', terminal: false, anyone: false },
        { name: 'acknowledge_alert', terminal: true, anyone: false },
        { name: 'alerts', terminal: true, anyone: false },
      ]);
    } finally {
      await plain.end();
      await chain.admin.query(
        `REVOKE ALL ON DATABASE ${chain.admin.escapeIdentifier(chain.database.name)} FROM ${role}`,
      );
      await chain.admin.query(`DROP ROLE ${role}`);
    }
  });

  it("never shows a store another store's alerts, nor lets it acknowledge them", async () => {
    const belgrano = await chain.standalone('BEL', 'T01');
    const mouse = await belgrano.harness.createProduct({ sku: 'MOU-1', name: 'Mouse inalámbrico' });
    await sell(belgrano, mouse.id, 2);
    await belgrano.engine.syncOnce();
    await syncAlerts(belgrano);
    const own = await alertsOf(belgrano);
    expect(own.map((a) => [a.kind, a.product?.sku])).toEqual([['negative_stock', 'MOU-1']]);
    const palermoIds = (await alertsOf(t01)).map((a) => a.id);
    expect(palermoIds).not.toContain(own[0]?.id);

    // As Belgrano's real terminal login: Palermo's alerts are neither listed nor acknowledgeable.
    const listed = await belgrano.central.query<{ r: { alerts: { id: number }[] } }>(
      'SELECT sync_api.alerts(NULL) AS r',
    );
    expect(listed.rows[0]?.r.alerts.map((a) => a.id)).toEqual([own[0]?.id]);
    const openPalermo = palermoIds.find((id) => id !== stockAlertId) ?? 0;
    const before = await centralAlert(openPalermo);
    const refused = await belgrano.central.query<{ r: { found: boolean } }>(
      'SELECT sync_api.acknowledge_alert($1, $2, now(), NULL) AS r',
      [openPalermo, 'Intruso'],
    );
    expect(refused.rows[0]?.r).toEqual({ id: openPalermo, found: false });
    expect(await centralAlert(openPalermo)).toEqual(before);
    // Even with the row-level security setting forged in its session.
    const palermoStore = (await chain.admin.query("SELECT id FROM techstore.stores WHERE code = 'PAL'")).rows[0]?.id;
    await belgrano.central.query(`SELECT set_config('techstore.store_id', $1, false)`, [palermoStore]);
    const forged = await belgrano.central.query<{ r: { alerts: { id: number }[] } }>(
      'SELECT sync_api.alerts(NULL) AS r',
    );
    expect(forged.rows[0]?.r.alerts.map((a) => a.id)).toEqual([own[0]?.id]);
    await belgrano.central.query('RESET techstore.store_id');
  });
});
