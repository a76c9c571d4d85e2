/**
 * Issue 9, "a terminal reaches only its store": real terminals (their own SQLite files, cores, sync engines and
 * central logins) of two stores, and the central CLI. A terminal pulls only its store's people and the chain's
 * admins; what it pushes beyond its store (another store's user, a chain admin, a new admin, a promotion to admin)
 * is quarantined with a reason its screen can say, and reaches neither central nor any other terminal. Chain admins
 * come from `npm run central -- add-admin`; a standalone store's people come with `add-store --from`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPinAtCentral } from '../../../db/central/central-pin-hash';
import { runCli } from '../../../db/central/cli/central-cli';
import { verifyPin } from '../../../electron/core/auth/pin-hash';
import { checkAndRepairDigests } from '../../../electron/core/sync/digest-check';
import { encodeHlc } from '../../../shared/hlc';
import { newId } from '../../../shared/ids';
import { CoreHarness, makeTempDir } from '../../support/core-harness';
import { centralServers } from '../../support/pg-servers';
import { readIdentity, type SimTerminal, SyncChain } from '../../support/sync-chain';

interface CentralUser {
  name: string;
  role: string;
  pin_hash: string;
  store_id: string | null;
  archived: string;
  col_hlc: Record<string, string>;
}

/** The CLI as an admin runs it, in process: exit code and what it printed. */
async function central(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(
    args,
    {
      out: (text) => {
        out += text;
      },
      err: (text) => {
        err += text;
      },
    },
    {},
  );
  return { code, out, err };
}

let forgeCounter = 0;

/**
 * A mutation written straight into a terminal's outbox, as a tampered terminal (or anyone holding its file and
 * login) could: the terminal's real engine pushes it with its real login.
 */
function forge(t: SimTerminal, kind: string, payload: Record<string, unknown>): string {
  const mutationId = newId();
  const hlc = encodeHlc({ wallMs: Date.now() + 1, counter: ++forgeCounter, node: readIdentity(t.sqlite).terminalId });
  t.sqlite
    .prepare('INSERT INTO outbox (mutation_id, kind, payload, hlc, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(mutationId, kind, JSON.stringify(payload), hlc, new Date().toISOString());
  return mutationId;
}

function userRow(overrides: Record<string, unknown>): Record<string, unknown> {
  const now = new Date().toISOString();
  return { id: newId(), name: 'Intruso', pin_hash: 'x', archived: 0, created_at: now, updated_at: now, ...overrides };
}

const localIds = (t: SimTerminal) =>
  (t.sqlite.prepare('SELECT id FROM users ORDER BY id').all() as { id: string }[]).map((r) => r.id);

describe.each(centralServers())('users and their home store on PostgreSQL %s', (label, adminUrl) => {
  let chain: SyncChain;
  let pal1: SimTerminal;
  let pal2: SimTerminal;
  let bel1: SimTerminal;
  let bel2: SimTerminal;
  let palStore: string;
  let belStore: string;
  let carlaId: string;
  let betoId: string;
  let chainAdminId: string;

  const centralUser = async (id: string): Promise<CentralUser | undefined> =>
    (
      await chain.admin.query<CentralUser>(
        'SELECT name, role, pin_hash, store_id, archived::text, col_hlc FROM techstore.users WHERE id = $1',
        [id],
      )
    ).rows[0];
  const centralIds = async (where: string, values: unknown[] = []) =>
    (
      await chain.admin.query<{ id: string }>(`SELECT id FROM techstore.users WHERE ${where} ORDER BY id`, values)
    ).rows.map((r) => r.id);

  beforeAll(async () => {
    chain = await SyncChain.create(adminUrl, `users_scope_${label}`);
    pal1 = await chain.standalone('PAL', 'T01');
    carlaId = (await pal1.harness.ok('users.create', { name: 'Carla Cajera', role: 'cashier', pin: '5678' })).id;
    bel1 = await chain.standalone('BEL', 'T01');
    betoId = (await bel1.harness.ok('users.create', { name: 'Beto Técnico', role: 'technician', pin: '4321' })).id;
    palStore = readIdentity(pal1.sqlite).storeId;
    belStore = readIdentity(bel1.sqlite).storeId;
    await chain.settle();
    const made = await central([
      'add-admin',
      '--url',
      chain.database.url,
      '--name',
      'Dueña de la cadena',
      '--pin',
      '2468',
    ]);
    expect(made, made.err).toMatchObject({ code: 0, err: '' });
    chainAdminId = /\(id ([0-9a-f-]{36})\)/.exec(made.out)?.[1] ?? '';
    pal2 = await chain.joined('PAL', 'T02');
    bel2 = await chain.joined('BEL', 'T02');
    await chain.settle();
  }, 240_000);

  afterAll(async () => {
    await chain?.close();
  });

  it('a PIN the CLI hashes is one a terminal verifies', async () => {
    const hash = await hashPinAtCentral('2468');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPin('2468', hash)).toBe(true);
    expect(await verifyPin('2469', hash)).toBe(false);
  });

  it('a chain admin made with the CLI is listed and logs in on the terminals of both stores after sync', async () => {
    expect(await centralUser(chainAdminId)).toMatchObject({ role: 'admin', store_id: null, archived: '0' });
    for (const t of [pal1, pal2, bel1, bel2]) {
      const { users } = await t.harness.ok('users.listForLogin', {});
      expect(users).toContainEqual({ id: chainAdminId, name: 'Dueña de la cadena', role: 'admin' });
      const session = await t.harness.ok('users.login', { userId: chainAdminId, pin: '2468' }, null);
      expect(session.user).toEqual({ id: chainAdminId, name: 'Dueña de la cadena', role: 'admin' });
    }
  });

  it("a terminal holds its store's people and the chain's admins only, by pull and by snapshot, and digests agree", async () => {
    const pal = await centralIds('store_id = $1', [palStore]);
    const bel = await centralIds('store_id = $1', [belStore]);
    expect(pal).toContain(carlaId);
    expect(bel).toContain(betoId);
    for (const t of [pal1, pal2]) expect(localIds(t)).toEqual([...pal, chainAdminId].sort());
    for (const t of [bel1, bel2]) expect(localIds(t)).toEqual([...bel, chainAdminId].sort());
    const listed = (await bel2.harness.ok('users.listForLogin', {})).users.map((u) => u.id);
    expect(listed).not.toContain(carlaId);
    for (const t of [pal1, pal2, bel1, bel2]) {
      const repaired = await checkAndRepairDigests(t.sqlite, t.central);
      expect(repaired.filter((r) => r.table === 'users')).toEqual([]);
    }
  });

  it('refuses and quarantines whatever a terminal pushes beyond its store; none of it reaches central or the other terminals', async () => {
    const carlaBefore = await centralUser(carlaId);
    const chainAdminBefore = await centralUser(chainAdminId);
    const betoBefore = await centralUser(betoId);
    const stolenPin = await hashPinAtCentral('0000');
    const newPalUser = userRow({ role: 'cashier', store_id: palStore });
    const newChainUser = userRow({ role: 'manager', store_id: null });
    // A store's admin creating an admin: the core of a chain terminal refuses it (shared/user-management.ts), a
    // tampered terminal pushes it anyway.
    expect(await bel1.harness.fails('users.create', { name: 'Otro Admin', role: 'admin', pin: '1111' })).toMatchObject({
      code: 'FORBIDDEN',
    });
    const newAdmin = userRow({ name: 'Otro Admin', role: 'admin', store_id: belStore });
    const newAdminId = String(newAdmin.id);
    const refused: Record<string, string> = {
      [forge(bel1, 'user.create', { users: [newAdmin] })]: 'central_only',
      [forge(bel1, 'user.update', {
        changes: [{ table: 'users', id: carlaId, columns: { pin_hash: stolenPin, updated_at: 'x' } }],
      })]: 'other_store',
      [forge(bel1, 'user.update', {
        changes: [{ table: 'users', id: chainAdminId, columns: { pin_hash: stolenPin } }],
      })]: 'other_store',
      [forge(bel1, 'user.update', { changes: [{ table: 'users', id: betoId, columns: { role: 'admin' } }] })]:
        'central_only',
      [forge(bel1, 'user.update', { changes: [{ table: 'users', id: betoId, columns: { store_id: palStore } }] })]:
        'other_store',
      [forge(bel1, 'user.create', { users: [newPalUser] })]: 'other_store',
      [forge(bel1, 'user.create', { users: [newChainUser] })]: 'other_store',
    };
    const pushed = await bel1.engine.push();
    expect(pushed.quarantined).toBe(Object.keys(refused).length);

    // Nothing of it on central.
    expect(await centralUser(carlaId)).toEqual(carlaBefore);
    expect(await centralUser(chainAdminId)).toEqual(chainAdminBefore);
    expect(await centralUser(betoId)).toMatchObject({
      role: 'technician',
      store_id: belStore,
      pin_hash: betoBefore?.pin_hash,
    });
    for (const id of [newAdminId, String(newPalUser.id), String(newChainUser.id)])
      expect(await centralUser(id)).toBeUndefined();
    // Quarantined with its error and the usual alert to the store's managers.
    const quarantined = await chain.admin.query<{ mutation_id: string; error: string }>(
      'SELECT mutation_id, error FROM techstore.quarantined_mutations WHERE mutation_id = ANY ($1)',
      [Object.keys(refused)],
    );
    expect(quarantined.rows).toHaveLength(Object.keys(refused).length);
    for (const row of quarantined.rows) expect(row.error).toMatch(/^(beyond store|central only): users /);
    const alerts = await chain.admin.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM techstore.alerts
        WHERE kind = 'quarantined_mutation' AND store_id = $1 AND entity_id = ANY ($2)`,
      [belStore, Object.keys(refused)],
    );
    expect(alerts.rows[0]?.n).toBe(Object.keys(refused).length);

    // The terminal's screen lists each one with the reason it can say in Spanish.
    const { items } = await bel1.harness.ok('sync.quarantined', {});
    expect(Object.fromEntries(items.map((item) => [item.mutationId, item.reason]))).toEqual(refused);

    // Nor on any other terminal, after everyone synced.
    await chain.settle();
    for (const t of [pal1, pal2]) {
      const session = await t.harness.ok('users.login', { userId: carlaId, pin: '5678' }, null);
      expect(session.user.name).toBe('Carla Cajera');
      expect(await t.harness.fails('users.login', { userId: carlaId, pin: '0000' }, null)).toMatchObject({
        code: 'UNAUTHORIZED',
      });
      expect(localIds(t)).not.toContain(newPalUser.id);
    }
    for (const t of [pal1, pal2, bel1, bel2]) {
      expect(await t.harness.fails('users.login', { userId: chainAdminId, pin: '0000' }, null)).toMatchObject({
        code: 'UNAUTHORIZED',
      });
      expect(localIds(t)).not.toContain(newChainUser.id);
    }
    expect(localIds(bel2)).not.toContain(newAdminId);
    expect(bel2.sqlite.prepare('SELECT role, store_id FROM users WHERE id = ?').get(betoId)).toEqual({
      role: 'technician',
      store_id: belStore,
    });
  });

  it("lets a terminal change its own store's people: name, PIN, role short of admin, deactivation", async () => {
    const pin = await hashPinAtCentral('9999');
    forge(bel1, 'user.update', {
      changes: [{ table: 'users', id: betoId, columns: { name: 'Beto Encargado', role: 'manager', pin_hash: pin } }],
    });
    expect((await bel1.engine.push()).quarantined).toBe(0);
    await chain.settle();
    expect(await centralUser(betoId)).toMatchObject({ name: 'Beto Encargado', role: 'manager', store_id: belStore });
    const session = await bel2.harness.ok('users.login', { userId: betoId, pin: '9999' }, null);
    expect(session.user).toEqual({ id: betoId, name: 'Beto Encargado', role: 'manager' });

    forge(bel1, 'user.archive', { changes: [{ table: 'users', id: betoId, columns: { archived: 1 } }] });
    expect((await bel1.engine.push()).quarantined).toBe(0);
    await chain.settle();
    for (const t of [bel1, bel2]) {
      expect((await t.harness.ok('users.listForLogin', {})).users.map((u) => u.id)).not.toContain(betoId);
      expect(await t.harness.fails('users.login', { userId: betoId, pin: '9999' }, null)).toMatchObject({
        code: 'UNAUTHORIZED',
      });
    }
  });

  it("add-store --from adopts a standalone store's people: its admin keeps working once it connects", async () => {
    const harness = await CoreHarness.open(makeTempDir());
    await harness.setUp('1234', 'R01');
    const ritaId = (await harness.ok('users.create', { name: 'Rita Cajera', role: 'cashier', pin: '1357' })).id;
    const adminId = (await harness.ok('users.listForLogin', {})).users.find((u) => u.role === 'admin')?.id ?? '';
    const file = harness.inspect();
    const recStore = readIdentity(file).storeId;
    file.close();

    const adopted = await central([
      'add-store',
      '--url',
      chain.database.url,
      '--code',
      'REC',
      '--name',
      'Recoleta',
      '--id',
      recStore,
      '--from',
      harness.dataDir,
    ]);
    expect(adopted, adopted.err).toMatchObject({ code: 0, err: '' });
    expect(adopted.out).toMatch(/^store REC "Recoleta" added \(id [0-9a-f-]{36}\); 2 user\(s\) adopted\n$/);
    expect(await centralUser(adminId)).toMatchObject({ role: 'admin', store_id: recStore, archived: '0' });

    // It connects and pushes its whole history, its own setup (an admin's creation) included: nothing refused.
    const r01 = await chain.connect(harness, 'REC', 'R01');
    expect((await r01.engine.syncOnce()).quarantined).toBe(0);
    const local = r01.sqlite
      .prepare('SELECT name, role, pin_hash, store_id, col_hlc FROM users WHERE id = ?')
      .get(adminId) as { name: string; role: string; pin_hash: string; store_id: string; col_hlc: string };
    expect(await centralUser(adminId)).toMatchObject({
      name: local.name,
      role: 'admin',
      pin_hash: local.pin_hash,
      store_id: recStore,
      col_hlc: JSON.parse(local.col_hlc),
    });
    // Its admin logs in on it and on a terminal that joins the store, and its cashier is there too.
    const r02 = await chain.joined('REC', 'R02');
    await chain.settle();
    for (const t of [r01, r02]) {
      const session = await t.harness.ok('users.login', { userId: adminId, pin: '1234' }, null);
      expect(session.user.role).toBe('admin');
      expect((await t.harness.ok('users.listForLogin', {})).users.map((u) => u.id)).toEqual(
        expect.arrayContaining([adminId, ritaId, chainAdminId]),
      );
    }
    expect(localIds(r02)).toEqual((await centralIds('store_id = $1 OR store_id IS NULL', [recStore])).sort());
    expect((await r01.harness.ok('sync.quarantined', {})).items).toEqual([]);
  });
});
