import type { Insertable, Selectable } from 'kysely';
import type { LocalDatabase } from '../../../db/local/local-schema';
import type { LocalDb } from '../database/write-transaction';

export type UserRow = Selectable<LocalDatabase['users']>;

export async function insertUser(trx: LocalDb, row: Insertable<LocalDatabase['users']>): Promise<void> {
  await trx.insertInto('users').values(row).execute();
}

export async function findUserById(db: LocalDb, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listActiveUsers(db: LocalDb): Promise<Pick<UserRow, 'id' | 'name' | 'role'>[]> {
  return db.selectFrom('users').select(['id', 'name', 'role']).where('archived', '=', 0).orderBy('name').execute();
}

export async function countUsers(db: LocalDb): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
