import { type Kysely, sql } from 'kysely';

/**
 * Customers and their cuenta corriente (issue 4):
 *
 * - `customers` is mutable like products: per-column clocks and the last central version from the start (see
 *   0002_sync_bookkeeping.ts). Tax ids are digits only. They are NOT unique in the schema: two terminals offline
 *   can register the same DNI, central keeps both, and a terminal must hold what central holds; the service
 *   refuses a duplicate among live customers instead, as it does for SKUs.
 * - `tax_dni` is the person's DNI whether registered by DNI or inside a person's CUIT/CUIL (the rule of
 *   dniFromCuit in shared/tax-id.ts, written in SQL). A generated column, so rows that arrive through sync (which
 *   writes only replicated columns) get it too; it feeds search and the duplicate check.
 * - `customers_fts` is search as for products (0001): accent- and case-insensitive prefix tokens, one FTS row per
 *   customer sharing its rowid, kept by triggers. Tax ids and phones are indexed as digits only, so `20-12345678-6`
 *   and `20123456786` find the same person; a phone also under its last 10 and 8 digits, so a number typed without
 *   the country code or area code is found too (and its last 7, the local number in most of the interior).
 * - `customer_account_entries` is the ledger: append-only like sales (repairable only inside the sync worker's
 *   digest repair), each row's signed effect on the balance with the sign the kind fixes (shared/account-balance.ts).
 *   `sale_id` has no foreign key on purpose: sales are store-scoped but the ledger is global, so an entry for a
 *   sale made in another store names a sale this terminal never holds.
 */
// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema of its own time, not today's.
type AnyDb = Kysely<any>;

/** Digits of a phone as people type it: spaces, dashes, dots, slashes, brackets and a plus dropped. */
const phoneDigits = (ref: string) =>
  `replace(replace(replace(replace(replace(replace(replace(${ref}.phone, ' ', ''), '-', ''), '.', ''), '/', ''), '(', ''), ')', ''), '+', '')`;

/**
 * The phone column of the search index: all its digits, then the last 10, 8 and 7 when longer (a number without
 * the country code; a local number of Buenos Aires, of most other cities).
 */
const phoneTerms = (ref: string) => {
  const d = phoneDigits(ref);
  return `trim(${d}
    || CASE WHEN length(${d}) > 10 THEN ' ' || substr(${d}, -10) ELSE '' END
    || CASE WHEN length(${d}) > 8 THEN ' ' || substr(${d}, -8) ELSE '' END
    || CASE WHEN length(${d}) > 7 THEN ' ' || substr(${d}, -7) ELSE '' END)`;
};

const taxTerms = (ref: string) =>
  `trim(coalesce(${ref}.tax_id, '') || CASE WHEN ${ref}.tax_dni IS NOT NULL AND ${ref}.tax_dni IS NOT ${ref}.tax_id
     THEN ' ' || ${ref}.tax_dni ELSE '' END)`;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('customers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('tax_id_kind', 'text', (c) => c.check(sql`tax_id_kind IN ('dni', 'cuit')`))
    .addColumn('tax_id', 'text', (c) => c.check(sql`tax_id GLOB '[0-9]*' AND tax_id NOT GLOB '*[^0-9]*'`))
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('credit_limit', 'integer', (c) => c.check(sql`credit_limit >= 0`))
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0).check(sql`archived IN (0, 1)`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('row_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('hlc', 'text', (c) => c.notNull())
    .addColumn('col_hlc', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('central_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('tax_dni', 'text', (c) =>
      c.generatedAlwaysAs(sql`CASE
        WHEN tax_id_kind = 'dni' THEN tax_id
        WHEN tax_id_kind = 'cuit' AND length(tax_id) = 11 AND substr(tax_id, 1, 2) IN ('20', '23', '24', '27')
             AND CAST(substr(tax_id, 3, 8) AS INTEGER) >= 1000000
          THEN CAST(CAST(substr(tax_id, 3, 8) AS INTEGER) AS TEXT)
      END`),
    )
    .addCheckConstraint('customers_tax_id_pair', sql`(tax_id_kind IS NULL) = (tax_id IS NULL)`)
    .execute();
  await db.schema.createIndex('customers_name').on('customers').column('name').execute();
  await db.schema.createIndex('customers_tax_id').on('customers').column('tax_id').execute();
  await db.schema.createIndex('customers_tax_dni').on('customers').column('tax_dni').execute();

  await sql`CREATE VIRTUAL TABLE customers_fts USING fts5(
      name, tax_ids, phone, email, address,
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '1 2 3'
    )`.execute(db);
  await sql`CREATE TRIGGER customers_fts_insert AFTER INSERT ON customers BEGIN
      INSERT INTO customers_fts (rowid, name, tax_ids, phone, email, address)
      VALUES (new.rowid, new.name, ${sql.raw(taxTerms('new'))}, ${sql.raw(phoneTerms('new'))}, new.email, new.address);
    END`.execute(db);
  await sql`CREATE TRIGGER customers_fts_update AFTER UPDATE OF name, tax_id_kind, tax_id, phone, email, address ON customers BEGIN
      UPDATE customers_fts SET name = new.name, tax_ids = ${sql.raw(taxTerms('new'))}, phone = ${sql.raw(phoneTerms('new'))},
             email = new.email, address = new.address
       WHERE rowid = new.rowid;
    END`.execute(db);

  await db.schema
    .createTable('customer_account_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('charge', 'payment', 'adjustment')`))
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.check(sql`method IN ('cash', 'debit_card', 'credit_card', 'transfer')`))
    .addColumn('reference', 'text')
    .addColumn('sale_id', 'text')
    .addColumn('repair_order_id', 'text')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('terminal_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('hlc', 'text', (c) => c.notNull())
    // The kind fixes the sign (shared/account-balance.ts): a payment can never be booked as a debt.
    .addCheckConstraint(
      'customer_account_entries_sign',
      sql`(kind = 'charge' AND amount > 0) OR (kind = 'payment' AND amount < 0) OR (kind = 'adjustment' AND amount <> 0)`,
    )
    .addCheckConstraint('customer_account_entries_method', sql`(kind = 'payment') = (method IS NOT NULL)`)
    .execute();
  await db.schema
    .createIndex('customer_account_entries_customer')
    .on('customer_account_entries')
    .columns(['customer_id', 'created_at'])
    .execute();
  // A customer's purchases for the statement screen.
  await db.schema
    .createIndex('sales_customer')
    .on('sales')
    .columns(['customer_id', 'created_at'])
    .where(sql.ref('customer_id'), 'is not', null)
    .execute();

  for (const [event, suffix] of [
    ['UPDATE', 'no_update'],
    ['DELETE', 'no_delete'],
  ] as const) {
    await sql`CREATE TRIGGER ${sql.id(`customer_account_entries_${suffix}`)} BEFORE ${sql.raw(event)}
      ON customer_account_entries
      WHEN (SELECT repairing FROM sync_state) = 0
      BEGIN SELECT RAISE(ABORT, 'customer_account_entries is append-only'); END`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('customers and their accounts are history once written');
}
