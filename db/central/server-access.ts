import type { Client } from 'pg';
import { CentralAdminError } from './central-admin';
import { OWNER_ROLE, quoteIdent, TERMINAL_GROUP } from './migrate-central';

/**
 * What a terminal login can reach on the server besides its central database. PostgreSQL gives PUBLIC, and so
 * every role, CONNECT and TEMPORARY on each database it creates (`postgres`, `template1`, other applications'),
 * and has no way to deny one role what PUBLIC holds. initCentral closes the central's own database; the others
 * belong to whoever runs the server, so they are closed only when the admin names them (`init --lock-databases`),
 * or by pg_hba.conf lines the DBA adds (README).
 */

/** The roles that keep what PUBLIC held on a database closed to terminal logins: every role but those logins. */
export const PUBLIC_EXCEPT_TERMINALS = 'public_except_terminals';

/** Other databases of the server that a terminal login may connect to, by name. */
export async function databasesOpenToTerminals(client: Client): Promise<string[]> {
  // The group's privileges include PUBLIC's; a login holds nothing of its own beyond its central's CONNECT.
  const open = await client.query<{ name: string }>(
    `SELECT datname AS name FROM pg_catalog.pg_database
      WHERE datallowconn AND datname <> current_database() AND has_database_privilege($1::name, oid, 'CONNECT')
      ORDER BY datname`,
    [TERMINAL_GROUP],
  );
  return open.rows.map((row) => row.name);
}

export interface ClosedDatabase {
  readonly name: string;
  /** What PUBLIC lost there (empty: it held nothing, the database was closed already). */
  readonly privileges: readonly ('CONNECT' | 'TEMPORARY')[];
}

async function ensureKeeperRole(client: Client): Promise<void> {
  const exists = await client.query('SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1', [PUBLIC_EXCEPT_TERMINALS]);
  if (exists.rowCount === 0) await client.query(`CREATE ROLE ${PUBLIC_EXCEPT_TERMINALS} NOLOGIN`);
}

/**
 * Takes CONNECT and TEMPORARY on `name` from PUBLIC and gives them to public_except_terminals, of which every
 * existing role except terminal logins, superusers and PostgreSQL's own pg_* roles becomes a member: no one loses
 * what they had, terminal logins lose it, and a role created later gets it with `GRANT public_except_terminals TO
 * <role>`. A role with NOINHERIT would not use the membership, so it gets the privileges itself. Undo:
 * `GRANT CONNECT, TEMPORARY ON DATABASE <name> TO PUBLIC`.
 */
export async function closeDatabaseToTerminals(client: Client, name: string): Promise<ClosedDatabase> {
  await client.query('BEGIN');
  try {
    // Serialises with CREATE and DROP ROLE: the member list below is complete, and no member vanishes under it.
    await client.query('LOCK TABLE pg_catalog.pg_authid IN SHARE ROW EXCLUSIVE MODE');
    const found = await client.query<{ connect: boolean; temporary: boolean }>(
      `SELECT has_database_privilege('public', oid, 'CONNECT') AS connect,
              has_database_privilege('public', oid, 'TEMPORARY') AS temporary
         FROM pg_catalog.pg_database WHERE datname = $1`,
      [name],
    );
    const row = found.rows[0];
    if (!row) throw new CentralAdminError(`no database ${JSON.stringify(name)} on this server`);
    const privileges = [...(row.connect ? ['CONNECT' as const] : []), ...(row.temporary ? ['TEMPORARY' as const] : [])];
    if (privileges.length > 0) {
      const list = privileges.join(', ');
      const database = quoteIdent(name);
      await ensureKeeperRole(client);
      const roles = await client.query<{ role: string; inherits: boolean }>(
        `SELECT r.rolname AS role, r.rolinherit AS inherits FROM pg_catalog.pg_roles r
          WHERE NOT r.rolsuper AND r.rolname !~ '^pg_' AND r.rolname <> ALL ($1)
            AND NOT pg_has_role(r.oid, $2::name, 'USAGE')
            AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_auth_members m
                             WHERE m.member = r.oid AND m.roleid = $3::regrole)
          ORDER BY 1`,
        [[TERMINAL_GROUP, OWNER_ROLE, PUBLIC_EXCEPT_TERMINALS], TERMINAL_GROUP, PUBLIC_EXCEPT_TERMINALS],
      );
      const members = roles.rows.filter((r) => r.inherits).map((r) => quoteIdent(r.role));
      const direct = roles.rows.filter((r) => !r.inherits).map((r) => quoteIdent(r.role));
      if (members.length > 0) await client.query(`GRANT ${PUBLIC_EXCEPT_TERMINALS} TO ${members.join(', ')}`);
      await client.query(`GRANT ${list} ON DATABASE ${database} TO ${[PUBLIC_EXCEPT_TERMINALS, ...direct].join(', ')}`);
      await client.query(`REVOKE ${list} ON DATABASE ${database} FROM PUBLIC`);
      // REVOKE by a role that is neither the owner nor a superuser is only a warning: check it took.
      const after = await client.query<{ open: boolean }>(
        `SELECT has_database_privilege('public', oid, 'CONNECT') OR has_database_privilege('public', oid, 'TEMPORARY')
            AS open FROM pg_catalog.pg_database WHERE datname = $1`,
        [name],
      );
      if (after.rows[0]?.open !== false)
        throw new CentralAdminError(`cannot close database ${name}: run this as its owner or a superuser`);
    }
    await client.query('COMMIT');
    return { name, privileges };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
