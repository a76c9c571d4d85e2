import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { initCentral } from '../../../db/central/migrate-central';
import { centralMigrations } from '../../../db/central/migrations/index';
import { ENTITIES } from '../../../shared/sync/entity-registry';
import { createTestDatabase, type TestDatabase } from '../../support/pg-database';

// The central schema must work on the stores' PostgreSQL 15 as well as on 18 (TOOLCHAIN.md).
const pg15Url = inject('pg15AdminUrl');
const servers = [
  { label: 'PostgreSQL 18', adminUrl: inject('pgAdminUrl') },
  ...(pg15Url ? [{ label: 'PostgreSQL 15', adminUrl: pg15Url }] : []),
];

/** How the registry's portable types are stored on central: integers are bigint so no amount can overflow. */
const CENTRAL_TYPE = { uuid: 'uuid', text: 'text', integer: 'bigint' } as const;

describe.each(servers)('the central schema on $label', ({ adminUrl }) => {
  let database: TestDatabase;
  let admin: pg.Client;
  let firstRun: string[];

  beforeAll(async () => {
    database = await createTestDatabase(adminUrl, 'central_schema');
    admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    firstRun = (await initCentral(admin)).applied;
  });
  afterAll(async () => {
    await admin?.end();
    await database?.drop();
  });

  it('applies every migration on a fresh database, in order, and none when run again', async () => {
    expect(firstRun).toEqual(centralMigrations.map(([name]) => name));
    expect((await initCentral(admin)).applied).toEqual([]);
    const recorded = await admin.query<{ name: string }>('SELECT name FROM techstore_admin.migrations ORDER BY name');
    expect(recorded.rows.map((r) => r.name)).toEqual(firstRun);
  });

  it('holds in techstore.sync_entities exactly the shared registry: table, kind, scope, columns, central-only values', async () => {
    const central = await admin.query<{
      table_name: string;
      kind: string;
      scope: string;
      columns: string[];
      central_only: Record<string, string[]>;
    }>('SELECT table_name, kind, scope, columns, central_only FROM techstore.sync_entities ORDER BY table_name');
    const registry = ENTITIES.map((e) => ({
      table_name: e.table,
      kind: e.kind,
      scope: e.scope,
      columns: e.columns.map((c) => c.name),
      central_only: 'centralOnly' in e ? e.centralOnly : {},
    })).sort((a, b) => a.table_name.localeCompare(b.table_name));
    expect(central.rows).toEqual(registry);
  });

  it('has every registry column in its central table, with the matching type and nullability', async () => {
    const columns = await admin.query<{
      table_name: string;
      column_name: string;
      data_type: string;
      is_nullable: string;
    }>(
      `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
        WHERE table_schema = 'techstore'`,
    );
    const byName = new Map(columns.rows.map((c) => [`${c.table_name}.${c.column_name}`, c]));
    const problems: string[] = [];
    for (const entity of ENTITIES) {
      for (const column of entity.columns) {
        const found = byName.get(`${entity.table}.${column.name}`);
        if (!found) {
          problems.push(`${entity.table}.${column.name} is missing`);
          continue;
        }
        if (found.data_type !== CENTRAL_TYPE[column.type])
          problems.push(`${entity.table}.${column.name} is ${found.data_type}, not ${CENTRAL_TYPE[column.type]}`);
        const nullable = 'nullable' in column && column.nullable === true;
        if ((found.is_nullable === 'YES') !== nullable)
          problems.push(`${entity.table}.${column.name} nullable=${found.is_nullable}, registry says ${nullable}`);
      }
      // Mutable rows carry central's bookkeeping; store rows carry the store row-level security filters on.
      if (entity.kind === 'mutable') {
        for (const extra of ['row_version', 'col_hlc'])
          if (!byName.has(`${entity.table}.${extra}`)) problems.push(`${entity.table}.${extra} is missing`);
      }
      if (entity.scope === 'store' && !byName.has(`${entity.table}.store_id`))
        problems.push(`${entity.table}.store_id is missing`);
      // A row of no store is the chain's: the column must exist and take NULL (sync_entities' CHECK keeps such
      // a table mutable).
      if (entity.scope === 'store_or_chain' && byName.get(`${entity.table}.store_id`)?.is_nullable !== 'YES')
        problems.push(`${entity.table}.store_id must be a nullable column`);
    }
    expect(problems).toEqual([]);
  });

  it('forces row-level security on every store-scoped table, owner included', async () => {
    const tables = await admin.query<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(
      `SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'techstore' AND c.relname = ANY ($1)`,
      [ENTITIES.filter((e) => e.scope === 'store').map((e) => e.table)],
    );
    expect(tables.rows).toHaveLength(ENTITIES.filter((e) => e.scope === 'store').length);
    for (const row of tables.rows)
      expect(row, row.relname).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true });
  });

  it('is owned by techstore_owner, which can neither log in nor bypass row-level security', async () => {
    const owner = await admin.query<{ rolcanlogin: boolean; rolsuper: boolean; rolbypassrls: boolean }>(
      "SELECT rolcanlogin, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = 'techstore_owner'",
    );
    expect(owner.rows).toEqual([{ rolcanlogin: false, rolsuper: false, rolbypassrls: false }]);
    const foreign = await admin.query<{ name: string; owner: string }>(
      `SELECT c.relname AS name, pg_get_userbyid(c.relowner) AS owner FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname IN ('techstore', 'sync_api') AND pg_get_userbyid(c.relowner) <> 'techstore_owner'
       UNION ALL
       SELECT p.proname, pg_get_userbyid(p.proowner) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname IN ('techstore', 'sync_api') AND pg_get_userbyid(p.proowner) <> 'techstore_owner'`,
    );
    expect(foreign.rows).toEqual([]);
  });
});
