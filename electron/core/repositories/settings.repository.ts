import type { z } from 'zod';
import type { LocalDb } from '../database/write-transaction';

export async function readSetting<S extends z.ZodType>(
  db: LocalDb,
  key: string,
  schema: S,
): Promise<z.output<S> | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? schema.parse(JSON.parse(row.value)) : null;
}

export async function writeSetting(db: LocalDb, key: string, value: unknown, updatedAt: string): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key, value: json, updated_at: updatedAt })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: updatedAt }))
    .execute();
}
