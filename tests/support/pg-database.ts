/**
 * A fresh PostgreSQL database per test file, on the run's server (`inject('pgAdminUrl')`).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestDatabase {
  /** Superuser URL of the new database. */
  readonly url: string;
  readonly name: string;
  /** Ends every session on the database, then drops it. */
  drop(): Promise<void>;
}

/** Database names are identifiers: the prefix is checked, not quoted, so a test cannot smuggle SQL in. */
const PREFIX_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

/** The same server and database as `url`, with another role and password. */
export function withCredentials(url: string, user: string, password: string): string {
  const next = new URL(url);
  next.username = encodeURIComponent(user);
  next.password = encodeURIComponent(password);
  return next.toString();
}

/** The same server and credentials as `url`, another database. */
export function withDatabase(url: string, database: string): string {
  const next = new URL(url);
  next.pathname = `/${encodeURIComponent(database)}`;
  return next.toString();
}

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates `<prefix>_<random>` on the server of `adminUrl`; call `drop()` in `afterAll`. */
export async function createTestDatabase(adminUrl: string, prefix: string): Promise<TestDatabase> {
  if (!PREFIX_PATTERN.test(prefix)) {
    throw new Error(`Database prefix must match ${PREFIX_PATTERN}: ${JSON.stringify(prefix)}`);
  }
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`));
  let dropped = false;
  return {
    url: withDatabase(adminUrl, name),
    name,
    async drop() {
      if (dropped) return;
      dropped = true;
      await withAdmin(adminUrl, async (client) => {
        // A pool a test forgot to end would otherwise make DROP DATABASE fail with "is being accessed"; the
        // timeout (PostgreSQL 14+) waits until each session has really gone.
        await client.query('SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE datname = $1', [name]);
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)}`);
      });
    },
  };
}
