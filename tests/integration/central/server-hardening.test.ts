/**
 * What a stolen terminal credential can reach on the central PostgreSQL server beyond sync_api: other databases
 * (CONNECT, TEMPORARY), and the other terminals' login names, which every login can list. Tried as real terminal
 * logins on the run's PostgreSQL servers (18, and 15 when installed).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addStore, addTerminal, type StoreRecord, type TerminalLogin } from '../../../db/central/central-admin';
import { initCentral } from '../../../db/central/migrate-central';
import { newId } from '../../../shared/ids';
import { runCentralCli } from '../../support/central-cli-run';
import { createTestDatabase, type TestDatabase, withCredentials, withDatabase } from '../../support/pg-database';
import { startDebianPostgres15 } from '../../support/postgres-debian';
import { startEmbeddedPostgres, type TestPostgresServer } from '../../support/postgres-server';

const PERMISSION_DENIED = '42501';
/** Letters that are no hex digit: a random hex suffix can never spell a store code made of them. */
const NON_HEX = 'GHJKLMNPQRSTUVWXYZ';

function storeCode(): string {
  return `${Array.from(randomBytes(5), (byte) => NON_HEX[byte % NON_HEX.length]).join('')}`;
}

/** The SQLSTATE a statement or a connection fails with, or 'ok'. */
function stateOf(error: unknown): string {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : String(error);
}

/**
 * Servers of this file's own, never the run's shared ones: `init --lock-databases` changes who may enter the
 * server's `postgres` database, which must not leak into other files or into a developer's own server
 * (TECHSTORE_TEST_PG_URL).
 */
const servers: [label: string, start: () => Promise<TestPostgresServer>][] = [['18', startEmbeddedPostgres]];
if (inject('pg15AdminUrl')) servers.push(['15', startDebianPostgres15]);

describe.each(servers)('central init on PostgreSQL %s', (_label, startServer) => {
  let server: TestPostgresServer;
  let serverUrl: string;
  const clients: pg.Client[] = [];
  let chain: TestDatabase;
  let otherChain: TestDatabase;
  let otherApp: TestDatabase;
  let admin: pg.Client;
  let otherAdmin: pg.Client;
  let appRole: string;
  const appPassword = randomBytes(12).toString('hex');
  let north: StoreRecord;
  let south: StoreRecord;
  let northTill: TerminalLogin;
  let southTill: TerminalLogin;
  let otherChainTill: TerminalLogin;

  async function connect(url: string): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => undefined);
    await client.connect();
    clients.push(client);
    return client;
  }

  /** 'ok' when the login gets a session on `database`, else the SQLSTATE of the refusal. */
  async function tryConnect(database: string, role: string, password: string): Promise<string> {
    const client = new pg.Client({
      connectionString: withCredentials(withDatabase(serverUrl, database), role, password),
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return 'ok';
    } catch (error) {
      return stateOf(error);
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  async function sqlState(client: pg.Client, text: string, values: unknown[] = []): Promise<string> {
    try {
      await client.query(text, values);
      return 'ok';
    } catch (error) {
      return stateOf(error);
    }
  }

  beforeAll(async () => {
    server = await startServer();
    serverUrl = server.adminUrl;
    chain = await createTestDatabase(serverUrl, 'central_hardening');
    otherChain = await createTestDatabase(serverUrl, 'central_hardening_other');
    otherApp = await createTestDatabase(serverUrl, 'other_app');
    // Another application already on the server: its login reaches its database and `postgres` through PUBLIC.
    appRole = `other_app_${randomBytes(4).toString('hex')}`;
    admin = await connect(chain.url);
    await admin.query(`CREATE ROLE ${appRole} LOGIN PASSWORD ${admin.escapeLiteral(appPassword)}`);
    await initCentral(admin);
    north = await addStore(admin, { code: storeCode(), name: 'Norte' });
    south = await addStore(admin, { code: storeCode(), name: 'Sur' });
    northTill = await addTerminal(admin, { storeCode: north.code, terminalCode: 'T01' });
    southTill = await addTerminal(admin, { storeCode: south.code, terminalCode: 'T01' });
    otherAdmin = await connect(otherChain.url);
    await initCentral(otherAdmin);
    await addStore(otherAdmin, { code: storeCode(), name: 'Otra cadena' });
    const otherStore = (await otherAdmin.query<{ code: string }>('SELECT code FROM techstore.stores')).rows[0];
    otherChainTill = await addTerminal(otherAdmin, { storeCode: otherStore?.code ?? '', terminalCode: 'T01' });
  });

  afterAll(async () => {
    for (const client of clients.splice(0)) await client.end().catch(() => undefined);
    await server?.stop();
  });

  it('closes the databases it is told to, and names the ones terminal logins can still enter', async () => {
    const locked = await runCentralCli(['init', '--url', chain.url, '--lock-databases', `postgres,${otherApp.name}`]);
    expect(locked.code, locked.stderr).toBe(0);
    expect(locked.stdout).toMatch(/database postgres: closed to terminal logins/);
    expect(locked.stdout).toContain(`database ${otherApp.name}: closed to terminal logins`);
    const again = await runCentralCli(['init', '--url', chain.url]);
    expect(again.code, again.stderr).toBe(0);
    const open = /terminal logins can still connect to (\S+)/.exec(again.stderr)?.[1]?.split(',') ?? [];
    expect(open).toContain('template1');
    expect(open).not.toContain('postgres');
    expect(open).not.toContain(otherApp.name);
    expect(open).not.toContain(chain.name);
  });

  it('fails with one line when told to close a database the server does not have', async () => {
    const run = await runCentralCli(['init', '--url', chain.url, '--lock-databases', 'no_such_database_here']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('central: no database "no_such_database_here" on this server\n');
  });

  it("refuses a terminal login on the server's postgres database and on a database init closed", async () => {
    expect(await tryConnect(chain.name, northTill.role, northTill.password)).toBe('ok');
    expect(await tryConnect('postgres', northTill.role, northTill.password)).toBe(PERMISSION_DENIED);
    expect(await tryConnect(otherApp.name, northTill.role, northTill.password)).toBe(PERMISSION_DENIED);
  });

  it('leaves the roles that used those databases before as they were, temporary tables included', async () => {
    expect(await tryConnect('postgres', appRole, appPassword)).toBe('ok');
    const app = await connect(withCredentials(otherApp.url, appRole, appPassword));
    expect(await sqlState(app, 'CREATE TEMPORARY TABLE scratch (id int)')).toBe('ok');
  });

  it('gives a terminal login no TEMPORARY on the central database, nor on any database init closed', async () => {
    const till = await connect(withCredentials(chain.url, northTill.role, northTill.password));
    expect(await sqlState(till, 'CREATE TEMPORARY TABLE probe (id int)')).toBe(PERMISSION_DENIED);
    const temporary = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname = ANY ($2) AND has_database_privilege($1, oid, 'TEMPORARY')`,
      [northTill.role, ['postgres', otherApp.name, chain.name]],
    );
    expect(temporary.rows).toEqual([]);
  });

  it("refuses a terminal login of one chain on another chain's central database on the same server", async () => {
    expect(await tryConnect(otherChain.name, otherChainTill.role, otherChainTill.password)).toBe('ok');
    expect(await tryConnect(chain.name, otherChainTill.role, otherChainTill.password)).toBe(PERMISSION_DENIED);
    expect(await tryConnect(otherChain.name, northTill.role, northTill.password)).toBe(PERMISSION_DENIED);
  });

  it("names terminal logins so that no login reveals another store's or terminal's code", async () => {
    const till = await connect(withCredentials(chain.url, northTill.role, northTill.password));
    // Every login can list every role (pg_roles, pg_auth_members, oid::regrole): the names must say nothing.
    const seen = await till.query<{ name: string }>(
      `SELECT m.member::regrole::text AS name FROM pg_auth_members m WHERE m.roleid = 'pos_terminal'::regrole`,
    );
    const names = seen.rows.map((row) => row.name);
    expect(names).toEqual(expect.arrayContaining([northTill.role, southTill.role]));
    for (const name of names) {
      expect(name.toLowerCase()).not.toContain(south.code.toLowerCase());
      expect(name.toLowerCase()).not.toContain(north.code.toLowerCase());
    }
    for (const login of [northTill, southTill, otherChainTill]) expect(login.role).toMatch(/^ts_term_[0-9a-f]{16}$/);
    // Which store and terminal a login is stays in central's own table, which no terminal can read.
    const mapped = await admin.query<{ code: string; store: string }>(
      `SELECT t.code, s.code AS store FROM techstore.terminals t JOIN techstore.stores s ON s.id = t.store_id
        WHERE t.role_name = $1`,
      [southTill.role],
    );
    expect(mapped.rows).toEqual([{ code: 'T01', store: south.code }]);
    expect(await sqlState(till, 'SELECT role_name FROM techstore.terminals')).toBe(PERMISSION_DENIED);
  });

  it('keeps a terminal whose login was issued before, with its old name, working after init', async () => {
    // What add-terminal made before: a login named after its store, reaching the database through the group.
    const legacy = `ts_${north.code.toLowerCase()}_t09_${randomBytes(4).toString('hex')}`;
    const password = randomBytes(24).toString('base64url');
    await admin.query(`CREATE ROLE ${legacy} LOGIN PASSWORD ${admin.escapeLiteral(password)} IN ROLE pos_terminal`);
    await admin.query('INSERT INTO techstore.terminals (role_name, store_id, code) VALUES ($1, $2, $3)', [
      legacy,
      north.id,
      'T09',
    ]);
    await admin.query(`GRANT CONNECT ON DATABASE ${admin.escapeIdentifier(chain.name)} TO pos_terminal`);
    const rerun = await runCentralCli(['init', '--url', chain.url]);
    expect(rerun.code, rerun.stderr).toBe(0);
    const till = await connect(withCredentials(chain.url, legacy, password));
    const registered = await till.query<{ r: { store_code: string; terminal_code: string } }>(
      'SELECT sync_api.register($1, NULL, NULL) AS r',
      [newId()],
    );
    expect(registered.rows[0]?.r).toMatchObject({ store_code: north.code, terminal_code: 'T09' });
    const pushed = await till.query<{ r: { acked_seq: number } }>("SELECT sync_api.push('[]'::jsonb, NULL) AS r");
    expect(pushed.rows[0]?.r).toMatchObject({ acked_seq: 0 });
  });
});
