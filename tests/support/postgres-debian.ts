/**
 * PostgreSQL 15 from Debian's `postgresql-15` package, started as a throwaway cluster for the tests: the stores
 * run 15, so the central schema is checked against it whenever its binaries are on the machine.
 */
import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import { type PostgresBinaries, startPostgresCluster, type TestPostgresServer } from './postgres-cluster';
import { connectExternalPostgres } from './postgres-server';

export const DEBIAN_PG15_BIN = '/usr/lib/postgresql/15/bin';

function debianBinaries(env: NodeJS.ProcessEnv): PostgresBinaries {
  const dir = env.TECHSTORE_TEST_PG15_BIN ?? DEBIAN_PG15_BIN;
  return { initdb: path.join(dir, 'initdb'), pgCtl: path.join(dir, 'pg_ctl') };
}

/** True when initdb and pg_ctl of PostgreSQL 15 can be run (pg_ctl finds `postgres` next to itself). */
export async function debianPostgres15Available(env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const { initdb, pgCtl } = debianBinaries(env);
  try {
    const postgres = path.join(path.dirname(pgCtl), 'postgres');
    await Promise.all([initdb, pgCtl, postgres].map((file) => access(file, constants.X_OK)));
    return true;
  } catch {
    return false;
  }
}

/** initdb's a temporary PostgreSQL 15 cluster, starts it on a free port of 127.0.0.1, returns its superuser URL. */
export async function startDebianPostgres15(env: NodeJS.ProcessEnv = process.env): Promise<TestPostgresServer> {
  return startPostgresCluster(debianBinaries(env), 'pg15');
}

/**
 * PostgreSQL 15 for this run, or null: `TECHSTORE_TEST_PG15_URL` when set, Debian's binaries when present,
 * nothing when `TECHSTORE_TEST_PG15=off` or the binaries are missing.
 */
export async function startTestPostgres15(env: NodeJS.ProcessEnv = process.env): Promise<TestPostgresServer | null> {
  if (env.TECHSTORE_TEST_PG15 === 'off') return null;
  const external = env.TECHSTORE_TEST_PG15_URL;
  if (external) return connectExternalPostgres(external, 'TECHSTORE_TEST_PG15_URL');
  if (!(await debianPostgres15Available(env))) return null;
  return startDebianPostgres15(env);
}
