import type { Insertable, Selectable } from 'kysely';
import type { LocalDatabase } from '../../../db/local/local-schema';
import type { LocalDb } from '../database/write-transaction';

export type SaleRow = Selectable<LocalDatabase['sales']>;
export type SaleLineRow = Selectable<LocalDatabase['sale_lines']>;
export type PaymentRow = Selectable<LocalDatabase['payments']>;

export interface SaleRecord {
  sale: SaleRow;
  lines: SaleLineRow[];
  payments: PaymentRow[];
}

/**
 * Takes the next number of a series inside the caller's transaction: the number and the document it numbers
 * commit together or not at all, so the sequence has no gaps.
 */
export async function takeNextNumber(trx: LocalDb, series: string): Promise<number> {
  const row = await trx
    .insertInto('document_counters')
    .values({ series, last_value: 1 })
    .onConflict((oc) =>
      oc.column('series').doUpdateSet((eb) => ({ last_value: eb('document_counters.last_value', '+', 1) })),
    )
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return row.last_value;
}

export async function insertSaleRecord(
  trx: LocalDb,
  record: {
    sale: Insertable<LocalDatabase['sales']>;
    lines: Insertable<LocalDatabase['sale_lines']>[];
    payments: Insertable<LocalDatabase['payments']>[];
  },
): Promise<void> {
  await trx.insertInto('sales').values(record.sale).execute();
  await trx.insertInto('sale_lines').values(record.lines).execute();
  // A repair delivered with its seña covering the whole price is a ticket of 0 with no payment.
  if (record.payments.length > 0) await trx.insertInto('payments').values(record.payments).execute();
}

export async function findSaleRecord(db: LocalDb, id: string): Promise<SaleRecord | null> {
  const sale = await db.selectFrom('sales').selectAll().where('id', '=', id).executeTakeFirst();
  if (!sale) return null;
  const lines = await db.selectFrom('sale_lines').selectAll().where('sale_id', '=', id).orderBy('line_no').execute();
  const payments = await db.selectFrom('payments').selectAll().where('sale_id', '=', id).orderBy('id').execute();
  return { sale, lines, payments };
}

/** Left join: a sale made here by someone of another store before users had a home store stays listed, nameless. */
export async function recentSales(db: LocalDb, limit: number) {
  return db
    .selectFrom('sales as s')
    .leftJoin('users as u', 'u.id', 's.user_id')
    .select((eb) => [
      's.id',
      's.number',
      's.created_at',
      's.total',
      eb.fn.coalesce('u.name', eb.val('')).as('cashier_name'),
      eb
        .selectFrom('sale_lines as l')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('l.sale_id', '=', 's.id')
        .as('line_count'),
    ])
    .orderBy('s.created_at', 'desc')
    .orderBy('s.sequence', 'desc')
    .limit(limit)
    .execute();
}
