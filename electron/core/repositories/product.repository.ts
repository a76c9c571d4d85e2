import { type Expression, type Insertable, type Selectable, sql } from 'kysely';
import type { LocalDatabase } from '../../../db/local/local-schema';
import type { LocalDb } from '../database/write-transaction';
import { columnClocks } from '../sync/column-clocks';
import { type MutableChanges, updateMutableRow } from './mutable-row';

export type ProductRow = Selectable<LocalDatabase['products']>;
export type BarcodeRow = Selectable<LocalDatabase['product_barcodes']>;

export async function insertProduct(trx: LocalDb, row: Insertable<LocalDatabase['products']>): Promise<void> {
  await trx.insertInto('products').values(row).execute();
}

/** Writes changed columns with their clocks (mutable-row.ts). */
export async function updateProduct(trx: LocalDb, id: string, changes: MutableChanges<'products'>): Promise<void> {
  await updateMutableRow(trx, 'products', id, changes);
}

export async function findProductById(db: LocalDb, id: string): Promise<ProductRow | undefined> {
  return db.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findProductsByIds(db: LocalDb, ids: readonly string[]): Promise<ProductRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('products').selectAll().where('id', 'in', ids).execute();
}

export async function findProductBySku(db: LocalDb, sku: string): Promise<ProductRow | undefined> {
  return db.selectFrom('products').selectAll().where('sku', '=', sku).executeTakeFirst();
}

export type ProductWithStock = ProductRow & { on_hand: number };

/**
 * The scan path: a live barcode first, failing that a SKU typed or scanned from a shelf label; the product row
 * and its stock on hand in one statement each, because this runs on every beep of the scanner.
 */
export async function findProductByCode(db: LocalDb, code: string): Promise<ProductWithStock | undefined> {
  const byBarcode = await db
    .selectFrom('product_barcodes as b')
    .innerJoin('products as p', 'p.id', 'b.product_id')
    .selectAll('p')
    .select((eb) => stockOnHandOf(eb.ref('p.id')).as('on_hand'))
    .where('b.code', '=', code)
    .where('b.archived', '=', 0)
    .executeTakeFirst();
  if (byBarcode) return byBarcode;
  return db
    .selectFrom('products as p')
    .selectAll('p')
    .select((eb) => stockOnHandOf(eb.ref('p.id')).as('on_hand'))
    .where('p.sku', '=', code.toUpperCase())
    .executeTakeFirst();
}

function stockOnHandOf(productId: Expression<string>) {
  return sql<number>`(SELECT coalesce(sum(quantity), 0) FROM stock_movements WHERE product_id = ${productId})`;
}

export async function liveBarcodes(db: LocalDb, productId: string): Promise<BarcodeRow[]> {
  return db
    .selectFrom('product_barcodes')
    .selectAll()
    .where('product_id', '=', productId)
    .where('archived', '=', 0)
    .orderBy('created_at')
    .execute();
}

/** The live owner of each code, for codes a product wants to claim. */
export async function barcodeOwners(db: LocalDb, codes: readonly string[]): Promise<Map<string, string>> {
  const owners = new Map<string, string>();
  if (codes.length === 0) return owners;
  const rows = await db
    .selectFrom('product_barcodes')
    .select(['code', 'product_id'])
    .where('code', 'in', codes)
    .where('archived', '=', 0)
    .execute();
  for (const row of rows) owners.set(row.code, row.product_id);
  return owners;
}

export async function insertBarcodes(
  trx: LocalDb,
  rows: Insertable<LocalDatabase['product_barcodes']>[],
): Promise<void> {
  if (rows.length > 0) await trx.insertInto('product_barcodes').values(rows).execute();
}

export async function archiveBarcodes(
  trx: LocalDb,
  ids: readonly string[],
  updatedAt: string,
  hlc: string,
): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .updateTable('product_barcodes')
    .set({
      archived: 1,
      updated_at: updatedAt,
      hlc,
      row_version: sql<number>`row_version + 1`,
      col_hlc: sql<string>`json_patch(col_hlc, ${columnClocks(['archived', 'updated_at'], hlc)})`,
    })
    .where('id', 'in', ids)
    .execute();
}

/**
 * Candidate products for a full-text query, in rowid (creation) order. Deliberately unranked: asking FTS5 for
 * `ORDER BY rank` scores every match, which is what makes a one-letter prefix slow on a large catalog. The
 * caller ranks this bounded candidate set instead.
 */
export async function searchProductCandidates(
  db: LocalDb,
  ftsQuery: string,
  includeArchived: boolean,
  limit: number,
): Promise<ProductRow[]> {
  const archivedFilter = includeArchived ? sql`` : sql`AND p.archived = 0`;
  const result = await sql<ProductRow>`
    SELECT p.* FROM products_fts f JOIN products p ON p.rowid = f.rowid
     WHERE products_fts MATCH ${ftsQuery} ${archivedFilter}
     LIMIT ${limit}`.execute(db);
  return result.rows;
}

export async function listProductsByName(db: LocalDb, includeArchived: boolean, limit: number): Promise<ProductRow[]> {
  let query = db.selectFrom('products').selectAll().orderBy('name').limit(limit);
  if (!includeArchived) query = query.where('archived', '=', 0);
  return query.execute();
}
