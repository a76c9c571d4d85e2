/**
 * `add-admin` and `add-store --from` as an admin runs them (the CLI's own entry, output captured), against a real
 * PostgreSQL: what they write at central, and how they refuse. That terminals accept what they write is
 * tests/integration/sync/users-store-scope.test.ts.
 */
import { rmSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { initCentral } from '../../../db/central/migrate-central';
import { newId } from '../../../shared/ids';
import { runCentralCli } from '../../support/central-cli-run';
import { CoreHarness } from '../../support/core-harness';
import { createTestDatabase, type TestDatabase } from '../../support/pg-database';
import { readIdentity } from '../../support/sync-chain';

let database: TestDatabase;
let admin: pg.Client;
let standalone: CoreHarness;
let storeId: string;

beforeAll(async () => {
  database = await createTestDatabase(inject('pgAdminUrl'), 'central_people_cli');
  admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  await initCentral(admin);
  standalone = await CoreHarness.open();
  await standalone.setUp('1234', 'T01');
  await standalone.ok('users.create', { name: 'Rita Cajera', role: 'cashier', pin: '1357' });
  const file = standalone.inspect();
  storeId = readIdentity(file).storeId;
  file.close();
});

afterAll(async () => {
  await standalone?.close();
  await admin?.end();
  await database?.drop();
});

describe('npm run central -- add-admin', () => {
  it('is listed and explained in the help', async () => {
    expect((await runCentralCli(['--help'])).stdout).toMatch(/add-admin\s+add an admin at central: the chain's/);
    const help = await runCentralCli(['add-admin', '--help']);
    expect(help.stdout).toContain('--pin <pin>');
    expect(help.stdout).toContain('Terminals can neither create admins nor change this one.');
  });

  it('writes an admin of no store, with central clocks on every column, into the feed; never prints the PIN', async () => {
    const made = await runCentralCli([
      'add-admin',
      '--url',
      database.url,
      '--name',
      '  Laura Gómez ',
      '--pin',
      '80604020',
    ]);
    expect(made).toMatchObject({ code: 0, stderr: '' });
    expect(made.stdout).not.toContain('80604020');
    const id = /\(id ([0-9a-f-]{36})\)/.exec(made.stdout)?.[1];
    const row = (
      await admin.query(
        'SELECT name, role, store_id, archived::int, row_version::int, col_hlc, pin_hash FROM techstore.users WHERE id = $1',
        [id],
      )
    ).rows[0];
    expect(row).toMatchObject({ name: 'Laura Gómez', role: 'admin', store_id: null, archived: 0, row_version: 1 });
    expect(Object.keys(row.col_hlc).sort()).toEqual(
      ['archived', 'created_at', 'name', 'pin_hash', 'role', 'store_id', 'updated_at'].sort(),
    );
    for (const clock of Object.values(row.col_hlc)) expect(clock).toMatch(/^\d{15}-\d{6}-central$/);
    expect(row.pin_hash).not.toContain('80604020');
    const fed = await admin.query(
      "SELECT store_id FROM techstore.change_feed WHERE table_name = 'users' AND row_id = $1",
      [id],
    );
    expect(fed.rows).toEqual([{ store_id: null }]);
  });

  it('refuses a PIN that is not 4 to 8 digits, an empty name and a missing PIN, in one line each', async () => {
    for (const [args, code, message] of [
      [['--name', 'Laura', '--pin', '12'], 1, /the PIN is 4 to 8 digits/],
      [['--name', 'Laura', '--pin', '12ab'], 1, /the PIN is 4 to 8 digits/],
      [['--name', '   ', '--pin', '1234'], 1, /admin name must be 1-60 characters/],
      [['--name', 'Laura'], 2, /missing --pin/],
    ] as const) {
      const run = await runCentralCli(['add-admin', '--url', database.url, ...args]);
      expect(run.code).toBe(code);
      expect(run.stdout).toBe('');
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(message);
    }
  });
});

describe('npm run central -- add-store --from', () => {
  it("refuses a folder that holds no terminal and an --id that is not the folder's store, adding nothing", async () => {
    const empty = `${standalone.dataDir}-missing`;
    const missing = await runCentralCli([
      'add-store',
      '--url',
      database.url,
      '--code',
      'NUN',
      '--name',
      'Núñez',
      '--from',
      empty,
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read .*: no such folder or file/);
    const other = newId();
    const wrongId = await runCentralCli([
      ...['add-store', '--url', database.url, '--code', 'NUN', '--name', 'Núñez'],
      ...['--id', other, '--from', standalone.dataDir],
    ]);
    expect(wrongId.code).toBe(1);
    expect(wrongId.stderr).toMatch(/is not the store of/);
    expect((await admin.query('SELECT 1 FROM techstore.stores')).rowCount).toBe(0);
    rmSync(empty, { recursive: true, force: true });
  });

  it("adds the folder's store with its people; run again on that store it adopts only people not yet there", async () => {
    const first = await runCentralCli([
      ...['add-store', '--url', database.url, '--code', 'nun', '--name', 'Núñez'],
      ...['--from', standalone.dataDir],
    ]);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toBe(`store NUN "Núñez" added (id ${storeId}); 2 user(s) adopted\n`);
    const people = await admin.query(
      'SELECT name, role, store_id, row_version::int FROM techstore.users WHERE store_id = $1 ORDER BY name',
      [storeId],
    );
    expect(people.rows).toEqual([
      { name: 'Ana Admin', role: 'admin', store_id: storeId, row_version: 1 },
      { name: 'Rita Cajera', role: 'cashier', store_id: storeId, row_version: 1 },
    ]);

    await standalone.ok('users.create', { name: 'Tito Técnico', role: 'technician', pin: '2468' });
    const again = await runCentralCli([
      ...['add-store', '--url', database.url, '--code', 'NUN', '--name', 'Núñez'],
      ...['--from', standalone.dataDir],
    ]);
    expect(again.stdout).toBe(
      `store NUN "Núñez" was already there (id ${storeId}); 1 user(s) adopted, 2 already at central\n`,
    );
    const elsewhere = await runCentralCli([
      ...['add-store', '--url', database.url, '--code', 'OTRA', '--name', 'Otra'],
      ...['--from', standalone.dataDir],
    ]);
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toMatch(/is already on central as NUN/);
  });

  it("add-admin --store makes that store's own admin, in its feed only; an unknown store is refused", async () => {
    const made = await runCentralCli([
      'add-admin',
      '--url',
      database.url,
      '--name',
      'Nora Núñez',
      '--pin',
      '1234',
      '--store',
      'nun',
    ]);
    expect(made).toMatchObject({ code: 0, stderr: '' });
    expect(made.stdout).toMatch(/^admin of store NUN "Nora Núñez" added \(id [0-9a-f-]{36}\)/);
    const id = /\(id ([0-9a-f-]{36})\)/.exec(made.stdout)?.[1];
    expect((await admin.query('SELECT role, store_id FROM techstore.users WHERE id = $1', [id])).rows).toEqual([
      { role: 'admin', store_id: storeId },
    ]);
    const fed = await admin.query(
      "SELECT store_id FROM techstore.change_feed WHERE table_name = 'users' AND row_id = $1",
      [id],
    );
    expect(fed.rows).toEqual([{ store_id: storeId }]);
    const unknown = await runCentralCli([
      'add-admin',
      '--url',
      database.url,
      '--name',
      'X',
      '--pin',
      '1234',
      '--store',
      'ZZZ',
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no store ZZZ; add it first/);
  });
});

describe('npm run central -- add-terminal, for a store with no people', () => {
  // A central of its own: the chain admin made above would reach every store of this one.
  let fresh: TestDatabase;
  beforeAll(async () => {
    fresh = await createTestDatabase(inject('pgAdminUrl'), 'central_people_new_store');
    const client = new pg.Client({ connectionString: fresh.url });
    await client.connect();
    try {
      await initCentral(client);
    } finally {
      await client.end();
    }
  });
  afterAll(async () => {
    await fresh?.drop();
  });

  it('add-terminal warns while no admin could log in at the store, and not once its own admin exists', async () => {
    expect((await runCentralCli(['add-store', '--url', fresh.url, '--code', 'QQQ', '--name', 'Nueva'])).code).toBe(0);
    const first = await runCentralCli(['add-terminal', '--url', fresh.url, '--store', 'QQQ', '--code', 'T01']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/no admin can log in at store QQQ yet; .*run add-admin \(--store QQQ/);
    const made = await runCentralCli([
      'add-admin',
      '--url',
      fresh.url,
      '--name',
      'Quique',
      '--pin',
      '2468',
      '--store',
      'QQQ',
    ]);
    expect(made.code, made.stderr).toBe(0);
    const second = await runCentralCli(['add-terminal', '--url', fresh.url, '--store', 'QQQ', '--code', 'T02']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).not.toMatch(/no admin/);
  });
});
