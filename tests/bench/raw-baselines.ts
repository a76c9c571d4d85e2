import type Database from 'better-sqlite3';
import { toFtsPrefixQuery } from '../../electron/core/services/catalog-search';
import { formatSaleNumber } from '../../shared/document-number';
import { HlcClock } from '../../shared/hlc';
import { newId } from '../../shared/ids';
import { computeSaleTotals } from '../../shared/sale-totals';
import { isIvaRate } from '../../shared/tax';
import type { BenchStore } from './bench-store';

/**
 * The floor each measurement is compared with: the same work as hand-written better-sqlite3 statements prepared
 * once, no validation, no query builder, no router. What the core adds on top of this is its overhead.
 */

/** Barcode -> product row + stock on hand, as one prepared point query. */
export function rawScan(raw: Database.Database): (code: string) => void {
  const statement = raw.prepare(
    `SELECT p.*, (SELECT coalesce(sum(m.quantity), 0) FROM stock_movements m WHERE m.product_id = p.id) AS on_hand
       FROM product_barcodes b JOIN products p ON p.id = b.product_id
      WHERE b.code = ? AND b.archived = 0`,
  );
  return (code) => {
    if (statement.get(code) === undefined) throw new Error(`baseline scan missed ${code}`);
  };
}

/** The naive search: FTS5 ranks every match and returns the best 20 products. */
export function rawSearch(raw: Database.Database): (text: string) => void {
  const statement = raw.prepare(
    `SELECT p.* FROM products_fts f JOIN products p ON p.rowid = f.rowid
      WHERE products_fts MATCH ? AND p.archived = 0 ORDER BY rank LIMIT 20`,
  );
  return (text) => {
    // The same MATCH expression the core builds, so both sides search for the same thing.
    const query = toFtsPrefixQuery(text);
    if (query !== null) statement.all(query);
  };
}

export interface CheckoutInput {
  saleId: string;
  productIds: readonly string[];
  tendered: number;
}

interface PriceRow {
  id: string;
  sku: string;
  name: string;
  price: number;
  iva_rate_bp: number;
}

/**
 * A 5-line cash sale by hand: the same rows the core writes (sale, lines, payment, stock movements, one outbox
 * mutation with the same payload), the same idempotency check and price read, in one BEGIN IMMEDIATE transaction.
 */
export function rawCheckout(store: BenchStore): (input: CheckoutInput) => void {
  const { raw, identity } = store;
  const hlc = new HlcClock(`${identity.terminalId}`, () => Date.now());
  const price = raw.prepare('SELECT id, sku, name, price, iva_rate_bp FROM products WHERE id = ? AND archived = 0');
  const existing = raw.prepare('SELECT 1 FROM sales WHERE id = ?');
  const nextNumber = raw.prepare(
    `INSERT INTO document_counters (series, last_value) VALUES ('sale', 1)
     ON CONFLICT (series) DO UPDATE SET last_value = last_value + 1 RETURNING last_value`,
  );
  const insertSale = raw.prepare(
    `INSERT INTO sales (id, number, sequence, store_id, terminal_id, terminal_code, user_id, customer_id, total,
                        created_at, hlc)
     VALUES (@id, @number, @sequence, @store_id, @terminal_id, @terminal_code, @user_id, NULL, @total, @created_at, @hlc)`,
  );
  const insertLine = raw.prepare(
    `INSERT INTO sale_lines (id, sale_id, line_no, product_id, sku, description, quantity, unit_price, line_total,
                             iva_rate_bp, line_net, line_iva)
     VALUES (@id, @sale_id, @line_no, @product_id, @sku, @description, @quantity, @unit_price, @line_total,
             @iva_rate_bp, @line_net, @line_iva)`,
  );
  const insertPayment = raw.prepare(
    `INSERT INTO payments (id, sale_id, method, amount, tendered, change, reference, created_at)
     VALUES (@id, @sale_id, @method, @amount, @tendered, @change, NULL, @created_at)`,
  );
  const insertMovement = raw.prepare(
    `INSERT INTO stock_movements (id, product_id, store_id, quantity, reason, sale_id, note, user_id, terminal_id,
                                  created_at, hlc)
     VALUES (@id, @product_id, @store_id, @quantity, @reason, @sale_id, '', @user_id, @terminal_id, @created_at, @hlc)`,
  );
  const insertOutbox = raw.prepare(
    'INSERT INTO outbox (mutation_id, kind, payload, hlc, created_at) VALUES (?, ?, ?, ?, ?)',
  );

  const sell = raw.transaction((input: CheckoutInput) => {
    if (existing.get(input.saleId) !== undefined) throw new Error('baseline sale ids are fresh');
    const priced = input.productIds.map((id) => {
      const row = price.get(id) as PriceRow | undefined;
      if (!row || !isIvaRate(row.iva_rate_bp)) throw new Error(`baseline product ${id} not sellable`);
      return { product: row, quantity: 1, unitPrice: row.price, ivaRateBp: row.iva_rate_bp };
    });
    const totals = computeSaleTotals(priced);
    const stamp = hlc.now();
    const now = new Date().toISOString();
    const { last_value: sequence } = nextNumber.get() as { last_value: number };
    const sale = {
      id: input.saleId,
      number: formatSaleNumber(identity.terminalCode, sequence),
      sequence,
      store_id: identity.storeId,
      terminal_id: identity.terminalId,
      terminal_code: identity.terminalCode,
      user_id: identity.userId,
      customer_id: null,
      total: totals.total,
      created_at: now,
      hlc: stamp,
    };
    const lines = totals.lines.map((line, index) => ({
      id: newId(),
      sale_id: sale.id,
      line_no: index + 1,
      product_id: line.product.id,
      sku: line.product.sku,
      description: line.product.name,
      quantity: line.quantity,
      unit_price: line.unitPrice,
      line_total: line.lineTotal,
      iva_rate_bp: line.ivaRateBp,
      line_net: line.lineNet,
      line_iva: line.lineIva,
    }));
    const payment = {
      id: newId(),
      sale_id: sale.id,
      method: 'cash',
      amount: totals.total,
      tendered: input.tendered,
      change: input.tendered - totals.total,
      reference: null,
      created_at: now,
    };
    const movements = lines.map((line) => ({
      id: newId(),
      product_id: line.product_id,
      store_id: identity.storeId,
      quantity: -line.quantity,
      reason: 'sale',
      sale_id: sale.id,
      note: '',
      user_id: identity.userId,
      terminal_id: identity.terminalId,
      created_at: now,
      hlc: stamp,
    }));
    insertSale.run(sale);
    for (const line of lines) insertLine.run(line);
    insertPayment.run(payment);
    for (const movement of movements) insertMovement.run(movement);
    const payload = { sales: [sale], sale_lines: lines, payments: [payment], stock_movements: movements };
    insertOutbox.run(newId(), 'sale.complete', JSON.stringify(payload), stamp, now);
  });
  return (input) => sell.immediate(input);
}
