import type { Client } from 'pg';
import { centralMigrations } from './migrations/index';

/** Owns every central object; no LOGIN, no SUPERUSER, no BYPASSRLS, so row-level security binds it. */
export const OWNER_ROLE = 'techstore_owner';
/** The group of every terminal login; holds EXECUTE on the public sync_api functions and nothing else. */
export const TERMINAL_GROUP = 'pos_terminal';

export interface CentralInitResult {
  applied: string[];
  database: string;
}

async function ensureRole(client: Client, role: string): Promise<void> {
  const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  if (exists.rowCount === 0) {
    // Role names are constants of this module, never input.
    await client.query(`CREATE ROLE ${role} NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT`);
  }
}

/**
 * CONNECT on this database goes to each active terminal login, never to the pos_terminal group: the group is
 * the server's, and through it a terminal of one central could connect to another central's database on the
 * same server. Logins issued while the group held CONNECT get their own here, before the group loses it.
 */
async function connectTerminalLoginsOnly(client: Client, database: string): Promise<void> {
  const logins = await client.query<{ role: string }>(
    `SELECT t.role_name AS role FROM techstore.terminals t JOIN pg_catalog.pg_roles r ON r.rolname = t.role_name
      WHERE t.revoked_at IS NULL ORDER BY 1`,
  );
  const names = logins.rows.map((row) => quoteIdent(row.role));
  if (names.length > 0) await client.query(`GRANT CONNECT ON DATABASE ${quoteIdent(database)} TO ${names.join(', ')}`);
  await client.query(`REVOKE CONNECT ON DATABASE ${quoteIdent(database)} FROM ${TERMINAL_GROUP}`);
}

/**
 * Creates the roles, schemas and functions, or brings an older schema to the latest migration. Safe to run
 * again: an advisory lock serialises concurrent runs and each migration applies once, in one transaction with
 * its record. Needs a connection as a role that can create roles (the server's admin).
 */
export async function initCentral(
  client: Client,
  options: {
    /** Stop after this migration: a test builds an older central, fills it, then migrates it the rest of the way. */
    through?: string;
  } = {},
): Promise<CentralInitResult> {
  const database = (await client.query<{ db: string }>('SELECT current_database() AS db')).rows[0]?.db ?? '';
  await client.query('SELECT pg_advisory_lock(727274)');
  try {
    // Roles belong to the whole server while the advisory lock above is per database: two databases of one
    // server initialised at once (a test run, two admins) would both see no role and one CREATE ROLE would
    // fail. A lock on the shared pg_authid catalog serialises the role setup server-wide; it is held for
    // milliseconds.
    await client.query('BEGIN');
    try {
      await client.query('LOCK TABLE pg_catalog.pg_authid IN SHARE ROW EXCLUSIVE MODE');
      await ensureRole(client, OWNER_ROLE);
      await ensureRole(client, TERMINAL_GROUP);
      await client.query(`GRANT ${OWNER_ROLE} TO current_user`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
    await client.query(`GRANT CREATE, CONNECT ON DATABASE ${quoteIdent(database)} TO ${OWNER_ROLE}`);
    // PUBLIC holds CONNECT and TEMPORARY on every new database: without TEMPORARY a terminal login cannot
    // create even a temporary table or function (SYNC.md property 8: it calls sync_api and nothing else).
    await client.query(`REVOKE CONNECT, TEMPORARY ON DATABASE ${quoteIdent(database)} FROM PUBLIC`);
    await client.query(`GRANT CONNECT ON DATABASE ${quoteIdent(database)} TO current_user`);
    await client.query('CREATE SCHEMA IF NOT EXISTS techstore_admin');
    await client.query(
      `CREATE TABLE IF NOT EXISTS techstore_admin.migrations (
         name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    await client.query('REVOKE ALL ON SCHEMA techstore_admin FROM PUBLIC');
    const done = new Set(
      (await client.query<{ name: string }>('SELECT name FROM techstore_admin.migrations')).rows.map((r) => r.name),
    );
    const applied: string[] = [];
    for (const [name, migration] of centralMigrations) {
      if (done.has(name)) continue;
      await client.query('BEGIN');
      try {
        await client.query(`SET LOCAL ROLE ${OWNER_ROLE}`);
        for (const statement of migration.statements) await client.query(statement);
        await client.query('RESET ROLE');
        await client.query('INSERT INTO techstore_admin.migrations (name) VALUES ($1)', [name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`central migration ${name} failed: ${error instanceof Error ? error.message : String(error)}`, {
          cause: error,
        });
      }
      applied.push(name);
      if (name === options.through) break;
    }
    await connectTerminalLoginsOnly(client, database);
    return { applied, database };
  } finally {
    await client.query('SELECT pg_advisory_unlock(727274)');
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
