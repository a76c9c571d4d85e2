import { type Kysely, sql } from 'kysely';

/**
 * The first local schema: what the first sale needs and what sync will need. Frozen once merged: later
 * changes are new migrations. Imports no app code, so its meaning never changes under it.
 */
// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema of its own time, not today's.
type AnyDb = Kysely<any>;

const nowDefault = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull().check(sql`json_valid(value)`))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(nowDefault))
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role IN ('admin', 'manager', 'cashier', 'technician')`))
    .addColumn('pin_hash', 'text', (c) => c.notNull())
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0).check(sql`archived IN (0, 1)`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('row_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('hlc', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('products')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('brand', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('category', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('price', 'integer', (c) => c.notNull().check(sql`price >= 0`))
    .addColumn('cost', 'integer', (c) => c.notNull().defaultTo(0).check(sql`cost >= 0`))
    .addColumn('iva_rate_bp', 'integer', (c) => c.notNull().check(sql`iva_rate_bp IN (0, 1050, 2100, 2700)`))
    .addColumn('min_stock', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('serial_tracked', 'integer', (c) => c.notNull().defaultTo(0).check(sql`serial_tracked IN (0, 1)`))
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0).check(sql`archived IN (0, 1)`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('row_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('hlc', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('products_sku_unique').on('products').column('sku').unique().execute();
  await db.schema.createIndex('products_name').on('products').column('name').execute();

  await db.schema
    .createTable('product_barcodes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0).check(sql`archived IN (0, 1)`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('row_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('hlc', 'text', (c) => c.notNull())
    .execute();
  // One live product per barcode; an archived barcode may be reused on another product.
  await db.schema
    .createIndex('product_barcodes_code_live')
    .on('product_barcodes')
    .column('code')
    .unique()
    .where(sql.ref('archived'), '=', 0)
    .execute();
  await db.schema.createIndex('product_barcodes_product').on('product_barcodes').column('product_id').execute();

  await db.schema
    .createTable('sales')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('sequence', 'integer', (c) => c.notNull().check(sql`sequence > 0`))
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('terminal_id', 'text', (c) => c.notNull())
    .addColumn('terminal_code', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('customer_id', 'text')
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('hlc', 'text', (c) => c.notNull())
    .addUniqueConstraint('sales_terminal_sequence', ['terminal_id', 'sequence'])
    .execute();
  await db.schema.createIndex('sales_created_at').on('sales').column('created_at').execute();

  await db.schema
    .createTable('sale_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sale_id', 'text', (c) => c.notNull().references('sales.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity <> 0`))
    .addColumn('unit_price', 'integer', (c) => c.notNull())
    .addColumn('line_total', 'integer', (c) => c.notNull())
    .addColumn('iva_rate_bp', 'integer', (c) => c.notNull())
    .addColumn('line_net', 'integer', (c) => c.notNull())
    .addColumn('line_iva', 'integer', (c) => c.notNull())
    .addUniqueConstraint('sale_lines_sale_line_no', ['sale_id', 'line_no'])
    .execute();

  await db.schema
    .createTable('payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sale_id', 'text', (c) => c.notNull().references('sales.id'))
    .addColumn('method', 'text', (c) =>
      c.notNull().check(sql`method IN ('cash', 'debit_card', 'credit_card', 'transfer', 'customer_account')`),
    )
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('tendered', 'integer')
    .addColumn('change', 'integer')
    .addColumn('reference', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('payments_sale').on('payments').column('sale_id').execute();

  await db.schema
    .createTable('stock_movements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity <> 0`))
    .addColumn('reason', 'text', (c) =>
      c.notNull().check(sql`reason IN ('sale', 'return', 'receipt', 'adjustment', 'transfer', 'repair_part', 'count')`),
    )
    .addColumn('sale_id', 'text', (c) => c.references('sales.id'))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('user_id', 'text')
    .addColumn('terminal_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('hlc', 'text', (c) => c.notNull())
    .execute();
  // Covering index: stock on hand is a SUM over this ledger and never reads the table itself.
  await db.schema
    .createIndex('stock_movements_product_quantity')
    .on('stock_movements')
    .columns(['product_id', 'quantity'])
    .execute();
  await db.schema.createIndex('stock_movements_sale').on('stock_movements').column('sale_id').execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text')
    .addColumn('entity_id', 'text')
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}').check(sql`json_valid(details)`))
    .addColumn('terminal_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('hlc', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('mutation_id', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull().check(sql`json_valid(payload)`))
    .addColumn('hlc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('quarantined', 'integer', (c) => c.notNull().defaultTo(0).check(sql`quarantined IN (0, 1)`))
    .execute();

  await db.schema
    .createTable('document_counters')
    .addColumn('series', 'text', (c) => c.primaryKey())
    .addColumn('last_value', 'integer', (c) => c.notNull().check(sql`last_value >= 0`))
    .execute();

  // History is append-only: corrections are new compensating rows, never edits (ARCHITECTURE.md).
  for (const table of ['sales', 'sale_lines', 'payments', 'stock_movements', 'audit_events']) {
    await sql`CREATE TRIGGER ${sql.id(`${table}_no_update`)} BEFORE UPDATE ON ${sql.id(table)}
      BEGIN SELECT RAISE(ABORT, ${sql.lit(`${table} is append-only`)}); END`.execute(db);
    await sql`CREATE TRIGGER ${sql.id(`${table}_no_delete`)} BEFORE DELETE ON ${sql.id(table)}
      BEGIN SELECT RAISE(ABORT, ${sql.lit(`${table} is append-only`)}); END`.execute(db);
  }

  // Catalog search: accent- and case-insensitive tokens, prefix indexes for search-as-you-type. The FTS row of
  // a product shares the product's rowid and is kept current by triggers, so no service can forget it.
  await sql`CREATE VIRTUAL TABLE products_fts USING fts5(
      name, brand, sku, barcodes,
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '1 2 3'
    )`.execute(db);
  await sql`CREATE TRIGGER products_fts_insert AFTER INSERT ON products BEGIN
      INSERT INTO products_fts (rowid, name, brand, sku, barcodes) VALUES (new.rowid, new.name, new.brand, new.sku, '');
    END`.execute(db);
  await sql`CREATE TRIGGER products_fts_update AFTER UPDATE OF name, brand, sku ON products BEGIN
      UPDATE products_fts SET name = new.name, brand = new.brand, sku = new.sku WHERE rowid = new.rowid;
    END`.execute(db);
  const refreshBarcodes = (ref: 'new' | 'old') =>
    sql.raw(`
      UPDATE products_fts
         SET barcodes = coalesce((SELECT group_concat(code, ' ') FROM product_barcodes
                                   WHERE product_id = ${ref}.product_id AND archived = 0), '')
       WHERE rowid = (SELECT rowid FROM products WHERE id = ${ref}.product_id);`);
  await sql`CREATE TRIGGER products_fts_barcode_insert AFTER INSERT ON product_barcodes BEGIN ${refreshBarcodes('new')} END`.execute(
    db,
  );
  await sql`CREATE TRIGGER products_fts_barcode_update AFTER UPDATE ON product_barcodes BEGIN ${refreshBarcodes('new')} ${refreshBarcodes('old')} END`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('the foundation migration cannot be reverted: the data it holds is history');
}
