import { statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Client } from 'pg';
import { pinSchema } from '../../shared/contract/common.schemas';
import { newId } from '../../shared/ids';
import { ENTITIES } from '../../shared/sync/entity-registry';
import { LOCAL_DATABASE_FILE } from '../local/open-local-database';
import { addStore, CentralAdminError, type StoreRecord } from './central-admin';
import { hashPinAtCentral } from './central-pin-hash';

/**
 * The people central itself writes (issue 9: a terminal reaches only its store): admins, the chain's (who log in at
 * every store) or a store's, whom no terminal may create, and a standalone store's own users, adopted with the
 * store so its admin keeps working once it connects. Both are written as a push would write them, with column
 * clocks and through the change feed (its trigger), so they replicate like any row.
 */

const USER_COLUMNS = (ENTITIES.find((e) => e.table === 'users')?.columns ?? []).map((c) => c.name);
const ROLES = new Set(['admin', 'manager', 'cashier', 'technician']);
/** Central refuses a merge from a clock further ahead than this (0002, SYNC.md property 6). */
const AHEAD_LIMIT_MS = 300_000;

export interface CentralAdmin {
  id: string;
  name: string;
  /** The store's code for a store's own admin; null for the chain's. */
  store: string | null;
}

/**
 * An admin written at central: the chain's (no store: listed and let in at every store's terminals) or, with
 * `storeCode`, a store's own (the way a store that never had a terminal of its own gets one). Terminals can
 * create neither.
 */
export async function addAdmin(
  client: Client,
  input: { name: string; pin: string; storeCode?: string | undefined },
): Promise<CentralAdmin> {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 60) throw new CentralAdminError('admin name must be 1-60 characters');
  if (!pinSchema.safeParse(input.pin).success) throw new CentralAdminError('the PIN is 4 to 8 digits');
  const pinHash = await hashPinAtCentral(input.pin);
  const id = newId();
  const now = new Date().toISOString();
  const store = await inTransaction(client, async () => {
    let found: StoreRecord | null = null;
    if (input.storeCode !== undefined) {
      const code = input.storeCode.trim().toUpperCase();
      found =
        (await client.query<StoreRecord>('SELECT id, code, name FROM techstore.stores WHERE code = $1', [code]))
          .rows[0] ?? null;
      if (!found) throw new CentralAdminError(`no store ${code}; add it first`);
    }
    // Central's own clock, as for anything central writes: above every HLC it has accepted, so this write wins
    // each of its columns wherever it merges.
    const hlc = (await client.query<{ hlc: string }>('SELECT sync_api._advance_clock(NULL) AS hlc')).rows[0]?.hlc;
    if (!hlc) throw new CentralAdminError('central did not give a clock reading');
    const clocks = Object.fromEntries(USER_COLUMNS.filter((c) => c !== 'id').map((c) => [c, hlc]));
    await client.query(
      `INSERT INTO techstore.users (id, name, role, pin_hash, store_id, archived, created_at, updated_at, row_version, col_hlc)
       VALUES ($1, $2, 'admin', $3, $4, 0, $5, $5, 1, $6)`,
      [id, name, pinHash, found?.id ?? null, now, JSON.stringify(clocks)],
    );
    await client.query(`SELECT pg_notify('techstore_changes', '')`);
    return found;
  });
  return { id, name, store: store?.code ?? null };
}

/**
 * How many active admins could log in at a store's terminals: the store's own and the chain's. Zero means a
 * terminal joining it would show an empty login pad, since a terminal can create no admin.
 */
export async function countAdminsReachingStore(client: Client, storeCode: string): Promise<number> {
  const result = await client.query<{ n: string }>(
    `SELECT count(*) AS n FROM techstore.users u
      WHERE u.role = 'admin' AND u.archived = 0
        AND (u.store_id IS NULL OR u.store_id = (SELECT id FROM techstore.stores WHERE code = $1))`,
    [storeCode.trim().toUpperCase()],
  );
  return Number(result.rows[0]?.n ?? 0);
}

/** A user as a standalone terminal's file holds them. */
export interface StandaloneUser {
  id: string;
  name: string;
  role: string;
  pinHash: string;
  archived: number;
  createdAt: string;
  updatedAt: string;
  /** Column clocks as the terminal keeps them, so the terminal's own later push of the row merges as a no-op. */
  clocks: Record<string, string>;
}

export interface StandalonePeople {
  storeId: string;
  users: StandaloneUser[];
  /** Users the file holds of some other store (a folder that was in a chain before): never adopted. */
  otherStores: number;
}

function isUuid(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

function clocksOf(text: unknown): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = typeof text === 'string' ? JSON.parse(text) : {};
  } catch {
    parsed = {};
  }
  const clocks: Record<string, string> = {};
  if (parsed === null || typeof parsed !== 'object') return clocks;
  for (const [column, clock] of Object.entries(parsed))
    if (USER_COLUMNS.includes(column) && column !== 'id' && typeof clock === 'string') clocks[column] = clock;
  return clocks;
}

/**
 * Reads, read-only, the people of a standalone terminal: its data folder or its database file. The terminal need
 * not be running; if it is, what it committed is what is read.
 */
export function readStandalonePeople(from: string): StandalonePeople {
  let file = from;
  try {
    if (statSync(from).isDirectory()) file = path.join(from, LOCAL_DATABASE_FILE);
  } catch {
    throw new CentralAdminError(`cannot read ${from}: no such folder or file`);
  }
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new CentralAdminError(`cannot open the terminal's database ${file}: ${(error as Error).message}`);
  }
  try {
    const store = readStoreId(sqlite, file);
    // A file from before users had a home store (local migration 0007) holds only its own store's people.
    const hasStore = (sqlite.prepare('PRAGMA table_info(users)').all() as { name: string }[]).some(
      (c) => c.name === 'store_id',
    );
    const rows = sqlite
      .prepare(
        `SELECT id, name, role, pin_hash, archived, created_at, updated_at, col_hlc${hasStore ? ', store_id' : ''} FROM users`,
      )
      .all() as Record<string, unknown>[];
    const users: StandaloneUser[] = [];
    let otherStores = 0;
    for (const row of rows) {
      const home = row.store_id ?? null;
      if (home !== null && home !== store) {
        otherStores++;
        continue;
      }
      if (!isUuid(row.id) || typeof row.role !== 'string' || !ROLES.has(row.role))
        throw new CentralAdminError(`the terminal's user ${String(row.id)} is not one central can take`);
      users.push({
        id: row.id,
        name: String(row.name),
        role: row.role,
        pinHash: String(row.pin_hash),
        archived: Number(row.archived) === 1 ? 1 : 0,
        createdAt: String(row.created_at),
        updatedAt: String(row.updated_at),
        clocks: clocksOf(row.col_hlc),
      });
    }
    return { storeId: store, users, otherStores };
  } catch (error) {
    if (error instanceof CentralAdminError) throw error;
    throw new CentralAdminError(`${file} is not a TechStore terminal's database: ${(error as Error).message}`);
  } finally {
    sqlite.close();
  }
}

function readStoreId(sqlite: Database.Database, file: string): string {
  const row = sqlite.prepare("SELECT json_extract(value, '$.id') AS id FROM settings WHERE key = 'store'").get() as
    | { id: unknown }
    | undefined;
  if (!isUuid(row?.id)) throw new CentralAdminError(`${file} holds no set-up store`);
  return row.id;
}

export interface AdoptedStore {
  store: StoreRecord;
  /** True when the store was already on central under this id and code: only its people were added. */
  existed: boolean;
  adopted: number;
  /** The terminal's users central already held (a second adoption, say): left as central has them. */
  alreadyThere: number;
  otherStores: number;
}

/**
 * `add-store --from`: adds the store under the standalone terminal's own store id (or finds it there already, under
 * the same code) and writes its people at central with that store and the terminal's own column clocks, in one
 * transaction. When the terminal connects and pushes its history, its setup and user creations merge as no-ops,
 * admins included: a terminal may never create an admin, but these are central's now.
 */
export async function adoptStandaloneStore(
  client: Client,
  input: { code: string; name: string; id?: string | undefined; from: string },
): Promise<AdoptedStore> {
  const people = readStandalonePeople(input.from);
  if (input.id !== undefined && input.id.toLowerCase() !== people.storeId)
    throw new CentralAdminError(`--id ${input.id} is not the store of ${input.from} (${people.storeId})`);
  return inTransaction(client, async () => {
    const found = (
      await client.query<StoreRecord>('SELECT id, code, name FROM techstore.stores WHERE id = $1', [people.storeId])
    ).rows[0];
    if (found && found.code !== input.code.trim().toUpperCase())
      throw new CentralAdminError(`store ${people.storeId} is already on central as ${found.code}`);
    const store = found ?? (await addStore(client, { code: input.code, name: input.name, id: people.storeId }));
    // Property 6: no clock more than 5 minutes ahead of central's wins a merge. A terminal whose clock ran ahead
    // would otherwise keep its people's columns out of everyone's reach until that time came; central's own
    // clock stands in for such a column's (the terminal's push of it is refused for being ahead anyway).
    const clock = (
      await client.query<{ hlc: string; now_ms: string }>(
        'SELECT sync_api._advance_clock(NULL) AS hlc, sync_api._now_ms() AS now_ms',
      )
    ).rows[0];
    const latest = Number(clock?.now_ms ?? 0) + AHEAD_LIMIT_MS;
    const bounded = (clocks: Record<string, string>) =>
      Object.fromEntries(
        Object.entries(clocks).map(([column, hlc]) => [
          column,
          Number(hlc.slice(0, 15)) > latest ? (clock?.hlc ?? hlc) : hlc,
        ]),
      );
    const rows = people.users.map((u) => ({
      id: u.id,
      name: u.name,
      role: u.role,
      pin_hash: u.pinHash,
      archived: u.archived,
      created_at: u.createdAt,
      updated_at: u.updatedAt,
      col_hlc: bounded(u.clocks),
    }));
    const inserted = await client.query(
      `INSERT INTO techstore.users (id, name, role, pin_hash, store_id, archived, created_at, updated_at, row_version, col_hlc)
       SELECT u.id, u.name, u.role, u.pin_hash, $1, u.archived, u.created_at, u.updated_at, 1, u.col_hlc
         FROM jsonb_to_recordset($2::jsonb) AS u(id uuid, name text, role text, pin_hash text, archived bigint,
              created_at text, updated_at text, col_hlc jsonb)
       ON CONFLICT (id) DO NOTHING`,
      [store.id, JSON.stringify(rows)],
    );
    if ((inserted.rowCount ?? 0) > 0) await client.query(`SELECT pg_notify('techstore_changes', '')`);
    return {
      store,
      existed: found !== undefined,
      adopted: inserted.rowCount ?? 0,
      alreadyThere: rows.length - (inserted.rowCount ?? 0),
      otherStores: people.otherStores,
    };
  });
}

async function inTransaction<T>(client: Client, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
