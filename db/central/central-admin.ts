import { randomBytes } from 'node:crypto';
import type { Client } from 'pg';
import { newId } from '../../shared/ids';
import { quoteIdent, TERMINAL_GROUP } from './migrate-central';

/** What an admin does on central besides migrating: stores, terminal logins, and a look at their state. */
export class CentralAdminError extends Error {
  override name = 'CentralAdminError';
}

export const STORE_CODE_PATTERN = /^[A-Z0-9]{2,12}$/;
export const TERMINAL_CODE_PATTERN = /^[A-Z][A-Z0-9]{1,7}$/;

export interface StoreRecord {
  id: string;
  code: string;
  name: string;
}

export async function addStore(
  client: Client,
  input: { code: string; name: string; id?: string | undefined },
): Promise<StoreRecord> {
  const code = input.code.trim().toUpperCase();
  if (!STORE_CODE_PATTERN.test(code))
    throw new CentralAdminError(`store code must be 2-12 letters or digits: ${input.code}`);
  const name = input.name.trim();
  if (name.length === 0 || name.length > 80) throw new CentralAdminError('store name must be 1-80 characters');
  // A standalone terminal that becomes the first of a store keeps its store id: `--id` adopts it.
  const id = input.id ?? newId();
  const existing = await client.query<StoreRecord>('SELECT id, code, name FROM techstore.stores WHERE code = $1', [
    code,
  ]);
  if (existing.rows[0]) throw new CentralAdminError(`store ${code} already exists`);
  await client.query('INSERT INTO techstore.stores (id, code, name) VALUES ($1, $2, $3)', [id, code, name]);
  return { id, code, name };
}

export interface TerminalLogin {
  role: string;
  password: string;
  store: StoreRecord;
  terminalCode: string;
}

/**
 * Every login can list every role name on the server (pg_roles, pg_auth_members, `oid::regrole`,
 * pg_stat_activity: PostgreSQL cannot hide them), so a terminal's login name is random and says nothing of its
 * store; which store and terminal it is stays in techstore.terminals. Logins issued before keep their old names.
 */
function terminalLoginName(): string {
  return `ts_term_${randomBytes(8).toString('hex')}`;
}

/** CONNECT on this central's database alone: the pos_terminal group spans every database of the server. */
async function grantConnect(client: Client, role: string): Promise<void> {
  const database = (await client.query<{ db: string }>('SELECT current_database() AS db')).rows[0]?.db ?? '';
  await client.query(`GRANT CONNECT ON DATABASE ${quoteIdent(database)} TO ${quoteIdent(role)}`);
  const granted = await client.query<{ ok: boolean }>(
    "SELECT has_database_privilege($1, current_database(), 'CONNECT') AS ok",
    [role],
  );
  // A role that is neither the database's owner nor a superuser only gets a warning from GRANT.
  if (granted.rows[0]?.ok !== true)
    throw new CentralAdminError(
      `cannot let the new login connect to ${database}: run this as its owner or a superuser`,
    );
}

/** Creates the terminal's own login role in the pos_terminal group, with a generated password. */
export async function addTerminal(
  client: Client,
  input: { storeCode: string; terminalCode: string },
): Promise<TerminalLogin> {
  const storeCode = input.storeCode.trim().toUpperCase();
  const terminalCode = input.terminalCode.trim().toUpperCase();
  if (!TERMINAL_CODE_PATTERN.test(terminalCode)) {
    throw new CentralAdminError(`terminal code must be a letter then 1-7 letters or digits: ${input.terminalCode}`);
  }
  const store = (
    await client.query<StoreRecord>('SELECT id, code, name FROM techstore.stores WHERE code = $1', [storeCode])
  ).rows[0];
  if (!store) throw new CentralAdminError(`no store ${storeCode}; add it first`);
  // A revoked code stays taken (the table keeps it unique per store): document numbers are per terminal code,
  // so a second T01 would number its sales T01-00000001 again. A replacement machine gets a new code.
  const taken = await client.query<{ revoked: boolean }>(
    'SELECT revoked_at IS NOT NULL AS revoked FROM techstore.terminals WHERE store_id = $1 AND code = $2',
    [store.id, terminalCode],
  );
  const previous = taken.rows[0];
  if (previous?.revoked)
    throw new CentralAdminError(
      `terminal ${terminalCode} of store ${storeCode} was revoked and its code cannot be reused; give the new terminal another code`,
    );
  if (previous) throw new CentralAdminError(`terminal ${terminalCode} already exists in store ${storeCode}`);
  const role = terminalLoginName();
  const password = randomBytes(24).toString('base64url');
  await client.query('BEGIN');
  try {
    await client.query(
      `CREATE ROLE ${quoteIdent(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT NOBYPASSRLS
         PASSWORD ${quoteLiteral(password)} IN ROLE ${TERMINAL_GROUP}`,
    );
    await grantConnect(client, role);
    await client.query('INSERT INTO techstore.terminals (role_name, store_id, code) VALUES ($1, $2, $3)', [
      role,
      store.id,
      terminalCode,
    ]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
  return { role, password, store, terminalCode };
}

/** Takes effect at once: the role can no longer log in and its open connections are ended. */
export async function revokeTerminal(
  client: Client,
  input: { storeCode: string; terminalCode: string },
): Promise<string> {
  const row = (
    await client.query<{ role_name: string }>(
      `SELECT t.role_name FROM techstore.terminals t JOIN techstore.stores s ON s.id = t.store_id
        WHERE s.code = $1 AND t.code = $2 AND t.revoked_at IS NULL`,
      [input.storeCode.trim().toUpperCase(), input.terminalCode.trim().toUpperCase()],
    )
  ).rows[0];
  if (!row) throw new CentralAdminError(`no active terminal ${input.terminalCode} in store ${input.storeCode}`);
  await client.query('UPDATE techstore.terminals SET revoked_at = now() WHERE role_name = $1', [row.role_name]);
  await client.query(`ALTER ROLE ${quoteIdent(row.role_name)} NOLOGIN`);
  const database = (await client.query<{ db: string }>('SELECT current_database() AS db')).rows[0]?.db ?? '';
  await client.query(`REVOKE CONNECT ON DATABASE ${quoteIdent(database)} FROM ${quoteIdent(row.role_name)}`);
  await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [row.role_name]);
  return row.role_name;
}

export interface CentralStatus {
  terminals: {
    store: string;
    code: string;
    role: string;
    registered: boolean;
    ackedSeq: number;
    lastContactAt: string | null;
    clockSkewMs: number | null;
    revoked: boolean;
  }[];
  /** `store` is null for an alert of the whole chain, not of one store (credit_limit_exceeded, central 0010). */
  openAlerts: { id: number; store: string | null; kind: string; entityId: string | null; createdAt: string }[];
  /** `store` and `terminal` are the codes of the login that pushed it (null if its terminal row is gone). */
  quarantined: {
    mutationId: string;
    terminalRole: string;
    store: string | null;
    terminal: string | null;
    kind: string;
    error: string;
    createdAt: string;
  }[];
}

export async function centralStatus(client: Client): Promise<CentralStatus> {
  const terminals = await client.query(
    `SELECT s.code AS store, t.code, t.role_name, t.id IS NOT NULL AS registered, t.acked_seq, t.last_contact_at,
            t.clock_skew_ms, t.revoked_at IS NOT NULL AS revoked
       FROM techstore.terminals t JOIN techstore.stores s ON s.id = t.store_id ORDER BY s.code, t.code`,
  );
  const alerts = await client.query(
    // alerts.store_id has no foreign key: a store id with no store shows as the id, so null means the chain only.
    `SELECT a.id, CASE WHEN a.store_id IS NULL THEN NULL ELSE coalesce(s.code, a.store_id::text) END AS store,
            a.kind, a.entity_id, a.created_at
       FROM techstore.alerts a LEFT JOIN techstore.stores s ON s.id = a.store_id
      WHERE a.acknowledged_at IS NULL ORDER BY a.id`,
  );
  const quarantined = await client.query(
    `SELECT q.mutation_id, q.terminal_role, s.code AS store, t.code AS terminal, q.kind, q.error, q.created_at
       FROM techstore.quarantined_mutations q
       LEFT JOIN techstore.terminals t ON t.role_name = q.terminal_role
       LEFT JOIN techstore.stores s ON s.id = t.store_id
      WHERE q.resolved_at IS NULL ORDER BY q.created_at`,
  );
  return {
    terminals: terminals.rows.map((r) => ({
      store: String(r.store),
      code: String(r.code),
      role: String(r.role_name),
      registered: Boolean(r.registered),
      ackedSeq: Number(r.acked_seq),
      lastContactAt: r.last_contact_at ? new Date(r.last_contact_at).toISOString() : null,
      clockSkewMs: r.clock_skew_ms === null ? null : Number(r.clock_skew_ms),
      revoked: Boolean(r.revoked),
    })),
    openAlerts: alerts.rows.map((r) => ({
      id: Number(r.id),
      store: r.store === null ? null : String(r.store),
      kind: String(r.kind),
      entityId: r.entity_id === null ? null : String(r.entity_id),
      createdAt: new Date(r.created_at).toISOString(),
    })),
    quarantined: quarantined.rows.map((r) => ({
      mutationId: String(r.mutation_id),
      terminalRole: String(r.terminal_role),
      store: r.store === null ? null : String(r.store),
      terminal: r.terminal === null ? null : String(r.terminal),
      kind: String(r.kind),
      error: String(r.error),
      createdAt: new Date(r.created_at).toISOString(),
    })),
  };
}

function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
