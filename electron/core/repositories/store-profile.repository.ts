import type { Insertable, Selectable } from 'kysely';
import type { LocalDatabase } from '../../../db/local/local-schema';
import type { LocalDb } from '../database/write-transaction';
import { type MutableChanges, updateMutableRow } from './mutable-row';

export type StoreProfileRow = Selectable<LocalDatabase['store_profiles']>;

export async function findStoreProfile(db: LocalDb, storeId: string): Promise<StoreProfileRow | undefined> {
  return db.selectFrom('store_profiles').selectAll().where('id', '=', storeId).executeTakeFirst();
}

export async function insertStoreProfile(
  trx: LocalDb,
  row: Insertable<LocalDatabase['store_profiles']>,
): Promise<void> {
  await trx.insertInto('store_profiles').values(row).execute();
}

/** Writes changed columns with their clocks (mutable-row.ts). */
export async function updateStoreProfile(
  trx: LocalDb,
  storeId: string,
  changes: MutableChanges<'store_profiles'>,
): Promise<void> {
  await updateMutableRow(trx, 'store_profiles', storeId, changes);
}
