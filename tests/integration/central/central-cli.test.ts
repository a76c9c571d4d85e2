/**
 * The admin CLI as an admin runs it: a child process (`node --import tsx db/central/cli/central-cli.ts`) against a
 * real PostgreSQL, its output read the way a person or a script would read it.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CentralStatus } from '../../../db/central/central-admin';
import {
  ConnectionTextError,
  formatConnectionText,
  parseConnectionText,
} from '../../../db/central/cli/connection-text';
import { centralMigrations } from '../../../db/central/migrations/index';
import { newId } from '../../../shared/ids';
import { type CentralCliRun, runCentralCli } from '../../support/central-cli-run';
import { createTestDatabase, type TestDatabase } from '../../support/pg-database';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const CLI = 'db/central/cli/central-cli.ts';

type CliRun = CentralCliRun;

const outputs: string[] = [];

function central(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  // The admin URL is passed only where a test means to: the parent's environment might carry one.
  const { TECHSTORE_CENTRAL_ADMIN_URL: _ignored, ...parentEnv } = process.env;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', CLI, ...args],
      { cwd: ROOT, env: { ...parentEnv, ...env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        outputs.push(stdout, stderr);
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** The CLI's own entry function with captured output: what the child runs, minus the node start. */
async function centralInProcess(args: string[]): Promise<CliRun> {
  const run = await runCentralCli(args);
  outputs.push(run.stdout, run.stderr);
  return run;
}

/** What every refusal must look like: its exit code, one line on stderr, nothing on stdout, no stack. */
function expectOneLineError(run: CliRun, code: number, message: RegExp): void {
  expect(run.code, run.stderr).toBe(code);
  expect(run.stdout).toBe('');
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(/^central: /);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.stderr).toMatch(message);
}

let database: TestDatabase;
let adminUrl: string;
let adminPassword: string;
const clients: pg.Client[] = [];

beforeAll(async () => {
  database = await createTestDatabase(inject('pgAdminUrl'), 'central_cli');
  const url = new URL(database.url);
  // sslmode in the admin URL must reach the terminal's connection text.
  url.searchParams.set('sslmode', 'disable');
  adminUrl = url.toString();
  adminPassword = decodeURIComponent(url.password);
});

afterAll(async () => {
  for (const client of clients.splice(0)) await client.end().catch(() => undefined);
  await database?.drop();
});

describe('npm run central', () => {
  it('explains itself with --help and <command> --help', async () => {
    const main = await central(['--help']);
    expect(main.code).toBe(0);
    for (const command of ['init', 'add-store', 'add-terminal', 'revoke-terminal', 'status'])
      expect(main.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    const addTerminal = await central(['add-terminal', '--help']);
    expect(addTerminal.code).toBe(0);
    expect(addTerminal.stdout).toMatch(/--store <code>/);
    expect(addTerminal.stdout).toMatch(/--host <host>/);
  });

  it('refuses a wrong command line with exit code 2 and one line', async () => {
    const url = ['--url', adminUrl];
    const cases: [string[], RegExp][] = [
      [[], /missing command/],
      [['launch'], /unknown command "launch"/],
      [['add-store', ...url, '--code', 'PAL', '--name', 'Palermo', '--colour', 'red'], /unknown option --colour/],
      [['add-store', ...url, '--name', 'Palermo'], /missing --code/],
      [['add-store', ...url, '--code', '--name', 'Palermo'], /--code needs a value/],
      [['add-store', ...url, '--code', 'PAL', '--name', 'Palermo', '--id', 'not-a-uuid'], /--id must be a UUID/],
      [['status', 'extra'], /unexpected argument "extra"/],
      [['status', '--json=yes', ...url], /--json takes no value/],
      [['status'], /missing --url \(or TECHSTORE_CENTRAL_ADMIN_URL\)/],
      [['status', '--url', 'https://admin:hunter2@central.example/techstore'], /must start with postgresql:\/\//],
      [['status', '--url', 'postgresql://admin:hunter2@central.example'], /no database/],
      [['status', '--url', 'postgresql://admin:hunter2@[central/techstore'], /not a valid URL/],
      [['status', '--url', 'hunter2://central/techstore'], /must start with postgresql:\/\/ *\n$/],
      [['status', '--url', 'postgresql://admin:hunter2@central/%E0%A4'], /not a valid URL/],
      [['add-terminal', ...url, '--store', 'PAL', '--code', 'T01', '--port', '99999'], /--port must be 1-65535/],
      [['init', ...url, '--lock-databases', 'postgres,,template1'], /--lock-databases takes database names/],
    ];
    // Three as a real child (exit code and stderr end to end); the rest through the same runCli in-process,
    // since every node start costs about half a second and none of these reaches the server.
    const children = [0, 2, 8];
    const runs = await Promise.all(
      cases.map(([args], i) => (children.includes(i) ? central(args) : centralInProcess(args))),
    );
    for (const [i, run] of runs.entries()) expectOneLineError(run, 2, cases[i]?.[1] ?? /^$/);
    expect(outputs.join('')).not.toContain('hunter2');
  });

  it('fails with exit code 1 and one line when central cannot be reached, without printing the password', async () => {
    const url = new URL(adminUrl);
    url.port = '1';
    const run = await central(['status', '--url', url.toString()]);
    expectOneLineError(run, 1, /cannot connect to postgres(ql)?:\/\/.*:\*\*\*\*@127\.0\.0\.1:1\//);
    const verbose = await central(['status', '--url', url.toString(), '--verbose']);
    expect(verbose.code).toBe(1);
    expect(verbose.stderr).toMatch(/\n\s+at /);
  });

  describe('against a fresh central database', () => {
    let connectionText = '';

    it('init applies the migrations, then reports it is up to date (URL from the environment)', async () => {
      const first = await central(['init', '--url', adminUrl]);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toMatch(new RegExp(`applied ${centralMigrations.length} migration\\(s\\)`));
      expect(first.stdout).toMatch(/0001_central_foundation/);
      const second = await central(['init'], { TECHSTORE_CENTRAL_ADMIN_URL: adminUrl });
      expect(second.code, second.stderr).toBe(0);
      expect(second.stdout).toMatch(/already up to date/);
    });

    it('add-store adds a store once', async () => {
      const added = await central(['add-store', '--url', adminUrl, '--code', 'PAL', '--name', 'Palermo']);
      expect(added.code, added.stderr).toBe(0);
      expect(added.stdout).toMatch(/^store PAL "Palermo" added \(id [0-9a-f-]{36}\)\n$/);
      const again = await central(['add-store', '--url', adminUrl, '--code', 'pal', '--name', 'Palermo 2']);
      expectOneLineError(again, 1, /store PAL already exists/);
    });

    it('add-terminal prints one connection line a terminal can log in with', async () => {
      const run = await central(['add-terminal', '--url', adminUrl, '--store', 'PAL', '--code', 'T01']);
      expect(run.code, run.stderr).toBe(0);
      const lines = run.stdout.split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toBe('');
      connectionText = lines[0] ?? '';
      const admin = new URL(adminUrl);
      const parsed = parseConnectionText(connectionText);
      expect(parsed).toMatchObject({
        host: admin.hostname,
        port: Number(admin.port),
        database: database.name,
        sslmode: 'disable',
      });
      // An opaque name: the store and terminal it serves are central's to know (server-hardening.test.ts).
      expect(parsed.role).toMatch(/^ts_term_[0-9a-f]{16}$/);
      expect(parsed.password).not.toBe(adminPassword);
      expect(run.stderr).toMatch(/--host/); // 127.0.0.1 will not do for another machine: the CLI says so
      // A new store with no people: the login pad of its first terminal would be empty, and the CLI says so.
      expect(run.stderr).toMatch(/no admin can log in at store PAL yet.*add-admin/);

      const terminal = new pg.Client({ connectionString: connectionText });
      terminal.on('error', () => undefined);
      clients.push(terminal);
      await terminal.connect();
      const registered = await terminal.query<{ r: { store_code: string; terminal_code: string } }>(
        'SELECT sync_api.register($1, NULL, NULL) AS r',
        [newId()],
      );
      expect(registered.rows[0]?.r).toMatchObject({ store_code: 'PAL', terminal_code: 'T01' });
      // Something for status to show: a mutation central cannot apply is quarantined.
      await terminal.query('SELECT sync_api.push($1::jsonb, NULL)', [
        JSON.stringify([
          {
            seq: 1,
            mutation_id: newId(),
            kind: 'sale.complete',
            hlc: '000000000000001-000000-x',
            payload: { pg_authid: [] },
          },
        ]),
      ]);
    });

    it('add-terminal takes the host and port the terminal will reach', async () => {
      const run = await central([
        'add-terminal',
        '--url',
        adminUrl,
        '--store',
        'PAL',
        '--code',
        'T02',
        '--host',
        'central.techstore.example',
        '--port',
        '6543',
      ]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).not.toMatch(/--host/);
      expect(parseConnectionText(run.stdout)).toMatchObject({ host: 'central.techstore.example', port: 6543 });
    });

    it('status shows terminals, alerts and quarantined mutations, as a table or as JSON', async () => {
      // A credit-limit alert belongs to the whole chain (central 0010): it has no store.
      const customerId = newId();
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      try {
        await admin.query(
          `INSERT INTO techstore.alerts (store_id, kind, entity_table, entity_id, details)
           VALUES (NULL, 'credit_limit_exceeded', 'customers', $1, '{}')`,
          [customerId],
        );
      } finally {
        await admin.end();
      }

      const json = await central(['status', '--json', '--url', adminUrl]);
      expect(json.code, json.stderr).toBe(0);
      const status = JSON.parse(json.stdout) as CentralStatus;
      expect(status.terminals.map((t) => [t.store, t.code, t.registered, t.revoked])).toEqual([
        ['PAL', 'T01', true, false],
        ['PAL', 'T02', false, false],
      ]);
      expect(status.terminals[0]?.lastContactAt).not.toBeNull();
      expect(status.quarantined).toHaveLength(1);
      expect(status.quarantined[0]?.error).toMatch(/unknown table/);
      expect(status.quarantined[0]).toMatchObject({ store: 'PAL', terminal: 'T01' });
      expect(status.openAlerts.map((a) => [a.store, a.kind])).toEqual([
        ['PAL', 'quarantined_mutation'],
        [null, 'credit_limit_exceeded'],
      ]);

      const table = await central(['status', '--url', adminUrl]);
      expect(table.code, table.stderr).toBe(0);
      expect(table.stdout).toMatch(/^Terminals \(2\)$/m);
      expect(table.stdout).toMatch(/^PAL\s+T01\s+active\s+1\s+\d+ s ago/m);
      expect(table.stdout).toMatch(/^Open alerts \(2\)$/m);
      expect(table.stdout).toMatch(/^\d+\s+PAL\s+quarantined_mutation\s/m);
      expect(table.stdout).toMatch(
        new RegExp(`^\\d+\\s+chain\\s+credit_limit_exceeded\\s+${customerId}\\s+\\d+ s ago$`, 'm'),
      );
      expect(table.stdout).toMatch(/^Quarantined mutations \(1\)$/m);
      expect(table.stdout).toMatch(/^[0-9a-f-]{36}\s+\S+\s+PAL\/T01\s+\d+ s ago\s/m);
    });

    it('revoke-terminal ends the terminal session at once and its code stays taken', async () => {
      const run = await central(['revoke-terminal', '--url', adminUrl, '--store', 'PAL', '--code', 'T01']);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/terminal T01 of store PAL revoked/);
      const terminal = clients[0];
      await expect(terminal?.query('SELECT 1')).rejects.toThrow();
      const again = new pg.Client({ connectionString: connectionText });
      again.on('error', () => undefined);
      await expect(again.connect()).rejects.toMatchObject({ code: '28000' });
      await again.end().catch(() => undefined);
      const status = JSON.parse((await central(['status', '--json', '--url', adminUrl])).stdout) as CentralStatus;
      expect(status.terminals.find((t) => t.code === 'T01')?.revoked).toBe(true);
      const reuse = await central(['add-terminal', '--url', adminUrl, '--store', 'PAL', '--code', 'T01']);
      expectOneLineError(reuse, 1, /was revoked/);
      expectOneLineError(
        await central(['revoke-terminal', '--url', adminUrl, '--store', 'PAL', '--code', 'T01']),
        1,
        /no active terminal T01/,
      );
    });

    it('never printed the admin password', () => {
      expect(adminPassword.length).toBeGreaterThan(0);
      expect(outputs.join('')).not.toContain(adminPassword);
    });
  });
});

describe('connection text', () => {
  const login = {
    role: 'ts_pal_t01_0a1b2c3d',
    password: 'p@ss/w:rd%?#',
    host: '10.0.0.5',
    port: 5432,
    database: 'techstore',
  };

  it('round-trips every part, percent-encoding what needs it', () => {
    for (const connection of [
      login,
      { ...login, sslmode: 'require' },
      { ...login, host: '::1' },
      { ...login, host: 'central.example', port: 6543, database: 'tech store' },
    ]) {
      const text = formatConnectionText(connection);
      expect(text).toMatch(/^postgresql:\/\//);
      expect(parseConnectionText(`  ${text}\n`)).toEqual({ sslmode: undefined, ...connection });
    }
  });

  it.each([
    ['', /must start with postgresql:\/\//],
    ['https://a:b@host/db', /must start with postgresql:\/\//],
    ['postgresql://host:5432/db', /no login/],
    ['postgresql://role@host:5432/db', /no password/],
    ['postgresql://role:pw@host:5432/', /must end with \/DATABASE/],
    ['postgresql://role:pw@host:5432/db/extra', /must end with \/DATABASE/],
    ['postgresql://role:pw@host:0/db', /port must be 1-65535/],
    ['postgresql://role:pw@host:5432/db?sslmode=maybe', /unknown sslmode/],
    ['postgresql://role:pw@host:5432/db?options=-c%20role%3Dpostgres', /unexpected parameter "options"/],
    ['postgresql://role:%E0%A4%A@host/db', /not validly encoded/],
  ])('refuses %j with a clear error', (text, message) => {
    expect(() => parseConnectionText(text)).toThrow(ConnectionTextError);
    expect(() => parseConnectionText(text)).toThrow(message);
  });
});
