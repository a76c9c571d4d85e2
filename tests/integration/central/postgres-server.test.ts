import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase, withCredentials } from '../../support/pg-database';

async function query<Row extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(text, values)).rows;
  } finally {
    await client.end();
  }
}

// With TECHSTORE_TEST_PG_URL the suite runs on whatever server it names; only the embedded one is known to be 18.
const pg18Label = process.env.TECHSTORE_TEST_PG_URL ? /^PostgreSQL \d+/ : /^PostgreSQL 18\./;
const pg15Url = inject('pg15AdminUrl');
const servers: { label: string; version: RegExp; adminUrl: string }[] = [
  { label: 'PostgreSQL 18', version: pg18Label, adminUrl: inject('pgAdminUrl') },
  ...(pg15Url ? [{ label: 'PostgreSQL 15', version: /^PostgreSQL 15\./, adminUrl: pg15Url }] : []),
];

describe.each(servers)('the test server $label', ({ version, adminUrl }) => {
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    for (const database of databases.splice(0)) await database.drop();
  });

  it('is a real server of the expected version, in UTF-8', async () => {
    const [row] = await query<{ version: string; encoding: string }>(
      adminUrl,
      "SELECT version() AS version, current_setting('server_encoding') AS encoding",
    );
    expect(row?.version).toMatch(version);
    expect(row?.encoding).toBe('UTF8');
  });

  it('hands out 64-bit transaction ids from pg_current_xact_id()', async () => {
    const [row] = await query<{ xid: string; type: string }>(
      adminUrl,
      'SELECT pg_current_xact_id()::text AS xid, pg_typeof(pg_current_xact_id())::text AS type',
    );
    expect(row?.type).toBe('xid8');
    expect(BigInt(row?.xid ?? '0')).toBeGreaterThan(0n);
  });

  it('creates a database per test file and drops it even while a session is still open', async () => {
    const database = await createTestDatabase(adminUrl, 'pg_server_test');
    databases.push(database);
    expect(database.name).toMatch(/^pg_server_test_[0-9a-f]{12}$/);
    await query(database.url, 'CREATE TABLE probe (id int PRIMARY KEY)');
    await query(database.url, 'INSERT INTO probe VALUES (1)');
    expect(await query<{ n: number }>(database.url, 'SELECT count(*)::int AS n FROM probe')).toEqual([{ n: 1 }]);

    const forgotten = new pg.Client({ connectionString: database.url });
    forgotten.on('error', () => undefined);
    await forgotten.connect();
    await database.drop();
    const left = await query(adminUrl, 'SELECT 1 FROM pg_database WHERE datname = $1', [database.name]);
    expect(left).toEqual([]);
    await forgotten.end().catch(() => undefined);
  });

  it('lets a test connect as another role through withCredentials', async () => {
    const database = await createTestDatabase(adminUrl, 'pg_server_roles');
    databases.push(database);
    const role = `techstore_probe_role_${randomBytes(4).toString('hex')}`;
    const password = `p@ss:/${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      // CREATE ROLE takes no parameters: the password is quoted as a literal. Role names may not start with pg_.
      await admin.query(`CREATE ROLE ${admin.escapeIdentifier(role)} LOGIN PASSWORD ${admin.escapeLiteral(password)}`);
      const rows = await query<{ who: string; db: string }>(
        withCredentials(database.url, role, password),
        'SELECT current_user AS who, current_database() AS db',
      );
      expect(rows).toEqual([{ who: role, db: database.name }]);
    } finally {
      await database.drop();
      await admin.query(`DROP ROLE IF EXISTS ${admin.escapeIdentifier(role)}`);
      await admin.end();
    }
  });
});
