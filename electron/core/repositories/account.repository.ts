import type { Insertable, Selectable } from 'kysely';
import type { LocalDatabase } from '../../../db/local/local-schema';
import type { LocalDb } from '../database/write-transaction';

export type AccountEntryRow = Selectable<LocalDatabase['customer_account_entries']>;
export type AccountEntryWithUser = AccountEntryRow & { user_name: string | null };

export async function insertAccountEntry(
  trx: LocalDb,
  row: Insertable<LocalDatabase['customer_account_entries']>,
): Promise<void> {
  await trx.insertInto('customer_account_entries').values(row).execute();
}

export async function findAccountEntry(db: LocalDb, id: string): Promise<AccountEntryWithUser | undefined> {
  return db
    .selectFrom('customer_account_entries as e')
    .leftJoin('users as u', 'u.id', 'e.user_id')
    .selectAll('e')
    .select('u.name as user_name')
    .where('e.id', '=', id)
    .executeTakeFirst();
}

/**
 * The charge a sale put on its customer's account, if it was paid (partly) on account. Looked up through the
 * customer, whose entries are indexed; sale_id is not.
 */
export async function findSaleCharge(
  db: LocalDb,
  customerId: string,
  saleId: string,
): Promise<AccountEntryRow | undefined> {
  return db
    .selectFrom('customer_account_entries')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('sale_id', '=', saleId)
    .where('kind', '=', 'charge')
    .executeTakeFirst();
}

/** Balances as sums of the ledger (ARCHITECTURE.md: never stored); customers without entries are absent. */
export async function balancesOf(db: LocalDb, customerIds: readonly string[]): Promise<Map<string, number>> {
  const balances = new Map<string, number>();
  if (customerIds.length === 0) return balances;
  const rows = await db
    .selectFrom('customer_account_entries')
    .select((eb) => ['customer_id', eb.fn.sum<number>('amount').as('balance')])
    .where('customer_id', 'in', customerIds)
    .groupBy('customer_id')
    .execute();
  for (const row of rows) balances.set(row.customer_id, Number(row.balance));
  return balances;
}

export async function balanceOf(db: LocalDb, customerId: string): Promise<number> {
  return (await balancesOf(db, [customerId])).get(customerId) ?? 0;
}

export async function countAccountEntries(db: LocalDb, customerId: string): Promise<number> {
  const row = await db
    .selectFrom('customer_account_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('customer_id', '=', customerId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Ledger order is (created_at, id): the same on every terminal, so every terminal prints the same statement.
 * A page newest first, from `offset`.
 */
export async function accountEntriesPage(
  db: LocalDb,
  customerId: string,
  limit: number,
  offset: number,
): Promise<AccountEntryWithUser[]> {
  return db
    .selectFrom('customer_account_entries as e')
    .leftJoin('users as u', 'u.id', 'e.user_id')
    .selectAll('e')
    .select('u.name as user_name')
    .where('e.customer_id', '=', customerId)
    .orderBy('e.created_at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** The balance before a page: the sum of every entry older than the `skip` newest ones. */
export async function balanceBefore(db: LocalDb, customerId: string, skip: number): Promise<number> {
  const older = db
    .selectFrom('customer_account_entries')
    .select('amount')
    .where('customer_id', '=', customerId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(-1)
    .offset(skip)
    .as('older');
  const row = await db
    .selectFrom(older)
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('older.amount'), eb.lit(0)).as('sum'))
    .executeTakeFirstOrThrow();
  return Number(row.sum);
}

/** The sum of a customer's entries after `entry` in ledger order. */
export async function sumAfterEntry(
  db: LocalDb,
  customerId: string,
  entry: Pick<AccountEntryRow, 'created_at' | 'id'>,
): Promise<number> {
  const row = await db
    .selectFrom('customer_account_entries')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.lit(0)).as('sum'))
    .where('customer_id', '=', customerId)
    .where((eb) =>
      eb.or([
        eb('created_at', '>', entry.created_at),
        eb.and([eb('created_at', '=', entry.created_at), eb('id', '>', entry.id)]),
      ]),
    )
    .executeTakeFirstOrThrow();
  return Number(row.sum);
}

/** The customer's purchases this terminal holds (sales are store-scoped: its own store's), newest first. */
export async function customerPurchases(db: LocalDb, customerId: string, limit: number, offset: number) {
  return db
    .selectFrom('sales')
    .select(['id', 'number', 'created_at', 'total'])
    .where('customer_id', '=', customerId)
    .orderBy('created_at', 'desc')
    .orderBy('sequence', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countCustomerPurchases(db: LocalDb, customerId: string): Promise<number> {
  const row = await db
    .selectFrom('sales')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('customer_id', '=', customerId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
