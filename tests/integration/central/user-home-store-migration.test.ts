/**
 * Central migration 0011 on a chain whose users were pushed before users had a home store (STYLE: a migration that
 * writes data is tested on data). Each user gets the store of the terminal whose write created them, or of the
 * audit event of their creation; one central cannot place is deactivated with no store, never a chain-wide admin.
 * Every terminal learns it through the feed: a terminal that pulled every store's users (users were global) and
 * whose local migration 0007 guessed its own store for all of them ends with central's stores, and lets in only
 * its own people.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStore, addTerminal, type StoreRecord } from '../../../db/central/central-admin';
import { initCentral } from '../../../db/central/migrate-central';
import { checkAndRepairDigests } from '../../../electron/core/sync/digest-check';
import { SyncEngine } from '../../../electron/core/sync/sync-engine';
import { encodeHlc } from '../../../shared/hlc';
import { newId } from '../../../shared/ids';
import { CoreHarness } from '../../support/core-harness';
import { createTestDatabase, type TestDatabase, withCredentials } from '../../support/pg-database';
import { centralServers } from '../../support/pg-servers';
import { readIdentity } from '../../support/sync-chain';

interface RawTerminal {
  client: pg.Client;
  id: string;
  seq: number;
}

const USER_COLUMNS = ['id', 'name', 'role', 'pin_hash', 'archived', 'created_at', 'updated_at'];
const AT = '2026-06-01T12:00:00.000Z';

describe.each(centralServers())('central migration 0011 on PostgreSQL %s', (label, adminUrl) => {
  let database: TestDatabase;
  let admin: pg.Client;
  const clients: pg.Client[] = [];
  let palermo: StoreRecord;
  let belgrano: StoreRecord;
  let bel: CoreHarness;
  let belSqlite: Database.Database;
  let belEngine: SyncEngine;
  let belCentral: pg.Client;
  const ids = { ana: newId(), carla: newId(), diego: newId(), ghost: newId(), belAdmin: '' };

  async function connect(url: string): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => undefined);
    await client.connect();
    clients.push(client);
    return client;
  }

  async function rawTerminal(store: StoreRecord, code: string): Promise<RawTerminal> {
    const login = await addTerminal(admin, { storeCode: store.code, terminalCode: code });
    const client = await connect(withCredentials(database.url, login.role, login.password));
    const id = newId();
    await client.query('SELECT sync_api.register($1, $2, $3)', [id, code, store.id]);
    return { client, id, seq: 0 };
  }

  /** A user's creation as a terminal of the time pushed it: the row without a store, and its audit event. */
  async function pushUser(t: RawTerminal, user: { id: string; name: string; role: string }, node = t.id) {
    const hlc = encodeHlc({ wallMs: Date.now(), counter: t.seq, node });
    t.seq += 1;
    const row = { ...user, pin_hash: 'scrypt$1$1$1$x$y', archived: 0, created_at: AT, updated_at: AT };
    const audit = {
      id: newId(),
      user_id: null,
      action: 'users.create',
      entity_type: 'user',
      entity_id: user.id,
      details: '{}',
      terminal_id: t.id,
      created_at: AT,
      hlc,
    };
    const mutation = {
      seq: t.seq,
      mutation_id: newId(),
      kind: 'user.create',
      hlc,
      payload: { users: [row], audit_events: [audit] },
    };
    const result = await t.client.query<{ r: { quarantined: unknown[] } }>('SELECT sync_api.push($1::jsonb, $2) AS r', [
      JSON.stringify([mutation]),
      hlc,
    ]);
    expect(result.rows[0]?.r.quarantined).toEqual([]);
  }

  const centralUsers = async () =>
    Object.fromEntries(
      (
        await admin.query<{ id: string; store: string | null; archived: string; row_version: string; clock: string }>(
          `SELECT u.id, s.code AS store, u.archived::text, u.row_version::text, u.col_hlc ->> 'store_id' AS clock
             FROM techstore.users u LEFT JOIN techstore.stores s ON s.id = u.store_id`,
        )
      ).rows.map((r) => [r.id, r]),
    );

  beforeAll(async () => {
    database = await createTestDatabase(adminUrl, `user_home_store_${label}`);
    admin = await connect(database.url);
    await initCentral(admin, { through: '0010_credit_alert_per_chain' });

    // Belgrano's first terminal sold on its own, then joined: a real core on a real file.
    bel = await CoreHarness.open();
    await bel.setUp('1234', 'T01');
    belSqlite = new Database(bel.core.databaseFile);
    belSqlite.pragma('busy_timeout = 5000');
    const identity = readIdentity(belSqlite);
    belgrano = await addStore(admin, { code: 'BEL', name: 'Belgrano', id: identity.storeId });
    palermo = await addStore(admin, { code: 'PAL', name: 'Palermo' });
    const belLogin = await addTerminal(admin, { storeCode: 'BEL', terminalCode: 'T01' });
    belCentral = await connect(withCredentials(database.url, belLogin.role, belLogin.password));
    belEngine = new SyncEngine(belSqlite, belCentral, identity);
    await belEngine.register();
    ids.belAdmin = (await bel.ok('users.listForLogin', {})).users[0]?.id ?? '';

    // Palermo's terminal made its admin and a cashier; Belgrano's second terminal a technician whose creating
    // write's clock names no terminal central knows (only the audit event tells); central's admin wrote a user by
    // hand, of whom nothing tells.
    const pal = await rawTerminal(palermo, 'T01');
    await pushUser(pal, { id: ids.ana, name: 'Ana Palermo', role: 'admin' });
    await pushUser(pal, { id: ids.carla, name: 'Carla Cajera', role: 'cashier' });
    const bel2 = await rawTerminal(belgrano, 'T02');
    await pushUser(bel2, { id: ids.diego, name: 'Diego Técnico', role: 'technician' }, 'a-reinstalled-terminal');
    await admin.query(
      `INSERT INTO techstore.users (id, name, role, pin_hash, archived, created_at, updated_at, col_hlc)
       VALUES ($1, 'Usuario sin origen', 'cashier', 'x', 0, $2, $2, $3)`,
      [ids.ghost, AT, JSON.stringify({ created_at: encodeHlc({ wallMs: Date.now(), counter: 0, node: 'seed' }) })],
    );

    // Belgrano's terminal syncs with that central: its setup goes up, and it catches up with the feed.
    expect((await belEngine.syncOnce()).quarantined).toBe(0);
    // Its own users keep their store when an image without one arrives: no one here became chain-wide.
    expect(belSqlite.prepare('SELECT count(*) AS n FROM users WHERE store_id IS NULL').get()).toEqual({ n: 0 });
    // Users were global, and local migration 0007 gave every user the terminal held this terminal's store: the
    // other store's people included. That is the state an upgraded terminal starts from.
    const insert = belSqlite.prepare(
      `INSERT OR REPLACE INTO users (${USER_COLUMNS.join(', ')}, store_id, row_version, hlc, col_hlc, central_version)
       VALUES (${USER_COLUMNS.map(() => '?').join(', ')}, ?, ?, '', ?, ?)`,
    );
    const rows = await admin.query<Record<string, unknown>>(
      `SELECT ${USER_COLUMNS.join(', ')}, row_version, col_hlc FROM techstore.users WHERE id <> $1`,
      [ids.belAdmin],
    );
    for (const row of rows.rows) {
      insert.run(
        ...USER_COLUMNS.map((c) => (c === 'archived' ? Number(row[c]) : row[c])),
        belgrano.id,
        Number(row.row_version),
        JSON.stringify(row.col_hlc),
        Number(row.row_version),
      );
    }
  }, 120_000);

  afterAll(async () => {
    belSqlite?.close();
    await bel?.close();
    for (const client of clients.splice(0)) await client.end().catch(() => undefined);
    await database?.drop();
  });

  it("gives each user the store of the write that created them; one it cannot place is deactivated, never the chain's", async () => {
    const before = Object.fromEntries(
      (
        await admin.query<{ id: string; row_version: string }>('SELECT id, row_version::text FROM techstore.users')
      ).rows.map((r) => [r.id, r]),
    );
    expect(Object.keys(before)).toHaveLength(5);
    expect((await initCentral(admin)).applied[0]).toBe('0011_user_home_store');
    const after = await centralUsers();
    expect(Object.fromEntries(Object.entries(after).map(([id, u]) => [id, [u.store, u.archived]]))).toEqual({
      [ids.ana]: ['PAL', '0'],
      [ids.carla]: ['PAL', '0'],
      [ids.belAdmin]: ['BEL', '0'],
      [ids.diego]: ['BEL', '0'],
      [ids.ghost]: [null, '1'],
    });
    for (const [id, user] of Object.entries(after)) {
      // A new version, and central's clock on the store it decided: every terminal takes it over its own guess.
      expect(Number(user.row_version), id).toBe(Number(before[id]?.row_version) + 1);
      expect(user.clock, id).toMatch(/-central$/);
    }
  });

  it('reaches a terminal already in sync through the feed, which corrects its guess and lets in only its own people', async () => {
    await belEngine.pull();
    const local = Object.fromEntries(
      (
        belSqlite.prepare('SELECT id, store_id, archived FROM users').all() as {
          id: string;
          store_id: string | null;
          archived: number;
        }[]
      ).map((r) => [r.id, [r.store_id, r.archived]]),
    );
    expect(local).toEqual({
      [ids.ana]: [palermo.id, 0],
      [ids.carla]: [palermo.id, 0],
      [ids.belAdmin]: [belgrano.id, 0],
      [ids.diego]: [belgrano.id, 0],
      [ids.ghost]: [null, 1],
    });
    const listed = (await bel.ok('users.listForLogin', {})).users.map((u) => u.id).sort();
    expect(listed).toEqual([ids.belAdmin, ids.diego].sort());
    expect(await bel.fails('users.login', { userId: ids.carla, pin: '1234' }, null)).toMatchObject({
      code: 'UNAUTHORIZED',
    });
    // The other store's people it still holds are not its to count: its digests agree with central's.
    const repaired = await checkAndRepairDigests(belSqlite, belCentral);
    expect(repaired.filter((r) => r.table === 'users')).toEqual([]);
  });
});
