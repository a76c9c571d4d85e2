import type { ExpressionBuilder, Insertable, Selectable } from 'kysely';
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
 * The entries a sale wrote on its customer's account, in ledger order: the charge of a part paid on account, or
 * a repair delivery's credit of señas over the price. Looked up through the customer, whose entries are indexed;
 * sale_id is not.
 */
export async function findSaleEntries(db: LocalDb, customerId: string, saleId: string): Promise<AccountEntryRow[]> {
  return db
    .selectFrom('customer_account_entries')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('sale_id', '=', saleId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
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

/** A place in ledger order: (created_at, id), the same on every terminal, so every terminal prints one statement. */
export type LedgerPosition = Pick<AccountEntryRow, 'created_at' | 'id'>;

type LedgerEntries = Pick<LocalDatabase, 'customer_account_entries'>;

/** Entries strictly before `at` in ledger order (older), or strictly after it (newer). */
function beyond(at: LedgerPosition, side: 'older' | 'newer') {
  const op = side === 'older' ? '<' : '>';
  return (eb: ExpressionBuilder<LedgerEntries, 'customer_account_entries'>) =>
    eb.or([
      eb('customer_account_entries.created_at', op, at.created_at),
      eb.and([
        eb('customer_account_entries.created_at', '=', at.created_at),
        eb('customer_account_entries.id', op, at.id),
      ]),
    ]);
}

/**
 * Up to `limit` entries newest first, older than `before` when given (keyset paging: an entry that arrives while
 * someone pages moves no other entry from one page to another).
 */
export async function accountEntriesPage(
  db: LocalDb,
  customerId: string,
  limit: number,
  before: LedgerPosition | null,
): Promise<AccountEntryWithUser[]> {
  let query = db
    .selectFrom('customer_account_entries')
    .leftJoin('users as u', 'u.id', 'customer_account_entries.user_id')
    .selectAll('customer_account_entries')
    .select('u.name as user_name')
    .where('customer_account_entries.customer_id', '=', customerId);
  if (before) query = query.where(beyond(before, 'older'));
  return query
    .orderBy('customer_account_entries.created_at', 'desc')
    .orderBy('customer_account_entries.id', 'desc')
    .limit(limit)
    .execute();
}

/** The sum of a customer's entries before `entry` in ledger order: the balance right before it. */
export async function sumBeforeEntry(db: LocalDb, customerId: string, entry: LedgerPosition): Promise<number> {
  return sumBeyond(db, customerId, entry, 'older');
}

/** The sum of a customer's entries after `entry` in ledger order. */
export async function sumAfterEntry(db: LocalDb, customerId: string, entry: LedgerPosition): Promise<number> {
  return sumBeyond(db, customerId, entry, 'newer');
}

async function sumBeyond(
  db: LocalDb,
  customerId: string,
  entry: LedgerPosition,
  side: 'older' | 'newer',
): Promise<number> {
  const row = await db
    .selectFrom('customer_account_entries')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.lit(0)).as('sum'))
    .where('customer_id', '=', customerId)
    .where(beyond(entry, side))
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
