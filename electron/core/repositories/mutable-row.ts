import { sql, type Updateable } from 'kysely';
import type { LocalDatabase } from '../../../db/local/local-schema';
import type { LocalDb } from '../database/write-transaction';
import { columnClocks } from '../sync/column-clocks';

/** The replicated tables merged per column (shared/sync/entity-registry.ts, kind 'mutable') that services edit. */
export type MutableTable = 'products' | 'customers' | 'repair_orders' | 'store_profiles' | 'users';

export type MutableChanges<T extends MutableTable> = Updateable<LocalDatabase[T]> & { updated_at: string; hlc: string };

/**
 * Writes changed columns and stamps exactly those columns' clocks with the write's HLC (SYNC.md: per-column
 * merge), bumping the row's version. One statement for every mutable table, so no table can forget its clocks.
 */
export async function updateMutableRow<T extends MutableTable>(
  trx: LocalDb,
  table: T,
  id: string,
  changes: MutableChanges<T>,
): Promise<void> {
  const clocks = columnClocks(
    Object.keys(changes).filter((c) => c !== 'hlc'),
    changes.hlc,
  );
  // Kysely cannot follow a table name that is a type parameter; the column names come from the caller's typed
  // changes and the tables share the bookkeeping columns set here.
  await trx
    .updateTable(table as MutableTable)
    .set({
      ...(changes as Updateable<LocalDatabase['products']>),
      row_version: sql<number>`row_version + 1`,
      col_hlc: sql<string>`json_patch(col_hlc, ${clocks})`,
    })
    .where('id', '=', id)
    .execute();
}
