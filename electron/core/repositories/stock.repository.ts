import type { Insertable } from 'kysely';
import type { LocalDatabase } from '../../../db/local/local-schema';
import type { LocalDb } from '../database/write-transaction';

export type StockMovementRow = Insertable<LocalDatabase['stock_movements']>;

export async function insertStockMovements(trx: LocalDb, rows: StockMovementRow[]): Promise<void> {
  if (rows.length > 0) await trx.insertInto('stock_movements').values(rows).execute();
}

/** Stock on hand is the sum of the ledger: never a stored counter that could drift from it. */
export async function stockOnHand(db: LocalDb, productIds: readonly string[]): Promise<Map<string, number>> {
  const result = new Map<string, number>();
  if (productIds.length === 0) return result;
  const rows = await db
    .selectFrom('stock_movements')
    .select(['product_id', (eb) => eb.fn.sum<number>('quantity').as('on_hand')])
    .where('product_id', 'in', productIds)
    .groupBy('product_id')
    .execute();
  for (const row of rows) result.set(row.product_id, Number(row.on_hand));
  return result;
}
