import type { Product, ProductSummary } from '../../../shared/contract/catalog.contract';
import type { LocalDb } from '../database/write-transaction';
import { liveBarcodes, type ProductRow } from '../repositories/product.repository';
import { stockOnHand } from '../repositories/stock.repository';

export function toProductSummary(row: ProductRow, onHand: number): ProductSummary {
  return {
    id: row.id,
    sku: row.sku,
    name: row.name,
    brand: row.brand,
    price: row.price,
    ivaRateBp: row.iva_rate_bp,
    stockOnHand: onHand,
    archived: row.archived === 1,
  };
}

export async function toProductSummaries(db: LocalDb, rows: readonly ProductRow[]): Promise<ProductSummary[]> {
  const onHand = await stockOnHand(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => toProductSummary(row, onHand.get(row.id) ?? 0));
}

export async function loadProductView(db: LocalDb, row: ProductRow): Promise<Product> {
  const [onHand, barcodes] = await Promise.all([stockOnHand(db, [row.id]), liveBarcodes(db, row.id)]);
  return {
    ...toProductSummary(row, onHand.get(row.id) ?? 0),
    category: row.category,
    cost: row.cost,
    minStock: row.min_stock,
    serialTracked: row.serial_tracked === 1,
    barcodes: barcodes.map((b) => b.code),
    rowVersion: row.row_version,
  };
}
