import type { Insertable, Selectable } from 'kysely';
import type { LocalDatabase } from '../../../db/local/local-schema';
import type { LocalDb } from '../database/write-transaction';
import { type MutableChanges, updateMutableRow } from './mutable-row';

export type UserRow = Selectable<LocalDatabase['users']>;

export async function insertUser(trx: LocalDb, row: Insertable<LocalDatabase['users']>): Promise<void> {
  await trx.insertInto('users').values(row).execute();
}

export async function findUserById(db: LocalDb, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Whether a user may work at this store: its own people and the chain's admins (no home store). */
export function isOfStore(user: Pick<UserRow, 'store_id'>, storeId: string): boolean {
  return user.store_id === null || user.store_id === storeId;
}

/** The people who may log in at this store: its own active users and the chain's active admins. */
export async function listActiveUsers(db: LocalDb, storeId: string): Promise<Pick<UserRow, 'id' | 'name' | 'role'>[]> {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'role'])
    .where('archived', '=', 0)
    .where((eb) => eb.or([eb('store_id', 'is', null), eb('store_id', '=', storeId)]))
    .orderBy('name')
    .execute();
}

export async function countUsers(db: LocalDb): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The store's people for management: its own users, active or not, and the chain's admins; active first. */
export async function listStoreUsers(
  db: LocalDb,
  storeId: string,
): Promise<Pick<UserRow, 'id' | 'name' | 'role' | 'store_id' | 'archived'>[]> {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'role', 'store_id', 'archived'])
    .where((eb) => eb.or([eb('store_id', 'is', null), eb('store_id', '=', storeId)]))
    .orderBy('archived')
    .orderBy('name')
    .execute();
}

/** Active admins who may log in at this store (its own and the chain's), leaving one user out. */
export async function countActiveAdminsBesides(db: LocalDb, storeId: string, exceptId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('archived', '=', 0)
    .where('id', '!=', exceptId)
    .where((eb) => eb.or([eb('store_id', 'is', null), eb('store_id', '=', storeId)]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Whether any chain-wide admin (no home store) reached this terminal: only central makes them. */
export async function holdsChainAdmins(db: LocalDb): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('store_id', 'is', null).limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function updateUser(trx: LocalDb, id: string, changes: MutableChanges<'users'>): Promise<void> {
  await updateMutableRow(trx, 'users', id, changes);
}
