import { type Insertable, type Selectable, sql } from 'kysely';
import type { LocalDatabase } from '../../../db/local/local-schema';
import type { LocalDb } from '../database/write-transaction';
import { type MutableChanges, updateMutableRow } from './mutable-row';

export type CustomerRow = Selectable<LocalDatabase['customers']>;

export async function insertCustomer(trx: LocalDb, row: Insertable<LocalDatabase['customers']>): Promise<void> {
  await trx.insertInto('customers').values(row).execute();
}

/** Writes changed columns with their clocks (mutable-row.ts). */
export async function updateCustomer(trx: LocalDb, id: string, changes: MutableChanges<'customers'>): Promise<void> {
  await updateMutableRow(trx, 'customers', id, changes);
}

export async function findCustomerById(db: LocalDb, id: string): Promise<CustomerRow | undefined> {
  return db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Live customers with this tax id, or whose DNI (their own, or the one inside their CUIT) is `dni`: one person
 * registered once by DNI and again by CUIT is a duplicate too. Indexed on both columns.
 */
export async function findLiveCustomersByTaxIdentity(
  db: LocalDb,
  taxId: string,
  dni: string | null,
): Promise<CustomerRow[]> {
  return db
    .selectFrom('customers')
    .selectAll()
    .where('archived', '=', 0)
    .where((eb) =>
      dni === null ? eb('tax_id', '=', taxId) : eb.or([eb('tax_id', '=', taxId), eb('tax_dni', '=', dni)]),
    )
    .execute();
}

/**
 * Candidate customers for a full-text query, unranked, as searchProductCandidates: the caller ranks a bounded
 * set, so a one-letter query stays fast however many customers there are.
 */
export async function searchCustomerCandidates(
  db: LocalDb,
  ftsQuery: string,
  includeArchived: boolean,
  limit: number,
): Promise<CustomerRow[]> {
  const archivedFilter = includeArchived ? sql`` : sql`AND c.archived = 0`;
  const result = await sql<CustomerRow>`
    SELECT c.* FROM customers_fts f JOIN customers c ON c.rowid = f.rowid
     WHERE customers_fts MATCH ${ftsQuery} ${archivedFilter}
     LIMIT ${limit}`.execute(db);
  return result.rows;
}

export async function listCustomersByName(
  db: LocalDb,
  includeArchived: boolean,
  limit: number,
): Promise<CustomerRow[]> {
  let query = db.selectFrom('customers').selectAll().orderBy('name').limit(limit);
  if (!includeArchived) query = query.where('archived', '=', 0);
  return query.execute();
}
