/**
 * Every replicated table, declared once (SYNC.md: "Mutations, not rows"). Push, pull, apply and digests are
 * generic over this list; table and column names reach SQL only from here, never from a payload. Adding an
 * entity is a declaration here plus a migration on each side, and a test checks both sides agree with it.
 *
 * - ledger: append-only history; rows are inserted once and never change (insert-or-ignore everywhere).
 * - mutable: merged per column, last writer wins by hybrid logical clock; a delete is `archived = 1`.
 * - scope: `global` rows go to every terminal; `store` rows only to the terminals of that store; `store_or_chain`
 *   rows (a nullable `store_id`) to the terminals of their store, and rows with no store (the chain's own) to every
 *   terminal. A terminal may write only rows of its own store: never a chain row, never another store's.
 * - centralOnly: values of a column that only central may give a row (users: the admin role). A terminal may keep a
 *   row at such a value, but a write of its that would set one is refused.
 */
export type ColumnType = 'uuid' | 'text' | 'integer';

export interface EntityColumn {
  readonly name: string;
  readonly type: ColumnType;
  readonly nullable?: true;
}

export interface EntityDefinition {
  readonly table: string;
  readonly kind: 'ledger' | 'mutable';
  readonly scope: EntityScope;
  /** Replicated columns, `id` first. Bookkeeping (row_version, column clocks) is not listed. */
  readonly columns: readonly EntityColumn[];
  /** Column -> values only central may set (see the header). */
  readonly centralOnly?: Readonly<Record<string, readonly string[]>>;
}

export type EntityScope = 'global' | 'store' | 'store_or_chain';

const id: EntityColumn = { name: 'id', type: 'uuid' };
const uuid = (name: string, nullable?: true): EntityColumn =>
  nullable ? { name, type: 'uuid', nullable } : { name, type: 'uuid' };
const text = (name: string, nullable?: true): EntityColumn =>
  nullable ? { name, type: 'text', nullable } : { name, type: 'text' };
const integer = (name: string, nullable?: true): EntityColumn =>
  nullable ? { name, type: 'integer', nullable } : { name, type: 'integer' };

export const ENTITIES = [
  {
    // A user's home store (store_id) holds them to it: its terminals list them, let them log in and may change
    // them; no store is a chain-wide admin, made at central (`npm run central -- add-admin`) and seen everywhere.
    table: 'users',
    kind: 'mutable',
    scope: 'store_or_chain',
    centralOnly: { role: ['admin'] },
    columns: [
      id,
      text('name'),
      text('role'),
      text('pin_hash'),
      uuid('store_id', true),
      integer('archived'),
      text('created_at'),
      text('updated_at'),
    ],
  },
  {
    table: 'products',
    kind: 'mutable',
    scope: 'global',
    columns: [
      id,
      text('sku'),
      text('name'),
      text('brand'),
      text('category'),
      integer('price'),
      integer('cost'),
      integer('iva_rate_bp'),
      integer('min_stock'),
      integer('serial_tracked'),
      integer('archived'),
      text('created_at'),
      text('updated_at'),
    ],
  },
  {
    table: 'product_barcodes',
    kind: 'mutable',
    scope: 'global',
    columns: [id, uuid('product_id'), text('code'), integer('archived'), text('created_at'), text('updated_at')],
  },
  {
    table: 'customers',
    kind: 'mutable',
    scope: 'global',
    columns: [
      id,
      text('name'),
      text('tax_id_kind', true),
      text('tax_id', true),
      text('phone'),
      text('email'),
      text('address'),
      text('notes'),
      integer('credit_limit', true),
      integer('archived'),
      text('created_at'),
      text('updated_at'),
    ],
  },
  {
    // One row per store (id = the store's id): its name and contact for the papers it prints, and its repair
    // terms and warranty window. Store-scoped so each store's terminals carry only their own.
    table: 'store_profiles',
    kind: 'mutable',
    scope: 'store',
    columns: [
      id,
      uuid('store_id'),
      text('name'),
      text('address'),
      text('phone'),
      text('email'),
      text('tax_id'),
      text('repair_terms'),
      integer('warranty_days'),
      integer('archived'),
      text('created_at'),
      text('updated_at'),
    ],
  },
  {
    table: 'sales',
    kind: 'ledger',
    scope: 'store',
    columns: [
      id,
      text('number'),
      integer('sequence'),
      uuid('store_id'),
      uuid('terminal_id'),
      text('terminal_code'),
      uuid('user_id'),
      uuid('customer_id', true),
      integer('total'),
      text('created_at'),
      text('hlc'),
    ],
  },
  {
    table: 'sale_lines',
    kind: 'ledger',
    scope: 'store',
    columns: [
      id,
      uuid('sale_id'),
      integer('line_no'),
      uuid('product_id'),
      text('sku'),
      text('description'),
      integer('quantity'),
      integer('unit_price'),
      integer('line_total'),
      integer('iva_rate_bp'),
      integer('line_net'),
      integer('line_iva'),
    ],
  },
  {
    table: 'payments',
    kind: 'ledger',
    scope: 'store',
    columns: [
      id,
      uuid('sale_id'),
      text('method'),
      integer('amount'),
      integer('tendered', true),
      integer('change', true),
      text('reference', true),
      text('created_at'),
    ],
  },
  {
    table: 'stock_movements',
    kind: 'ledger',
    scope: 'store',
    columns: [
      id,
      uuid('product_id'),
      uuid('store_id'),
      integer('quantity'),
      text('reason'),
      uuid('sale_id', true),
      text('note'),
      uuid('user_id', true),
      uuid('terminal_id'),
      text('created_at'),
      text('hlc'),
    ],
  },
  {
    table: 'audit_events',
    kind: 'ledger',
    scope: 'store',
    columns: [
      id,
      uuid('user_id', true),
      text('action'),
      text('entity_type', true),
      text('entity_id', true),
      text('details'),
      uuid('terminal_id'),
      text('created_at'),
      text('hlc'),
    ],
  },
  {
    // Global: a customer may buy on account at any store, and the balance must be right on every terminal. The
    // rows still say where they were written (store_id, terminal_id); central takes those from the login.
    table: 'customer_account_entries',
    kind: 'ledger',
    scope: 'global',
    columns: [
      id,
      uuid('customer_id'),
      text('kind'),
      integer('amount'),
      text('method', true),
      text('reference', true),
      uuid('sale_id', true),
      uuid('repair_order_id', true),
      text('note'),
      uuid('user_id'),
      uuid('store_id'),
      uuid('terminal_id'),
      text('created_at'),
      text('hlc'),
    ],
  },
  {
    // Store-scoped and mutable: the store's benches share their orders; two benches changing one order while
    // apart merge per column. Status changes also stand in repair_events, which decide conflicts (0008_repairs).
    table: 'repair_orders',
    kind: 'mutable',
    scope: 'store',
    columns: [
      id,
      text('number'),
      uuid('store_id'),
      uuid('terminal_id'),
      uuid('customer_id'),
      text('device_type'),
      text('brand'),
      text('model'),
      text('imei', true),
      text('serial', true),
      text('accessories'),
      text('condition_notes'),
      text('reported_fault'),
      text('unlock_secret', true),
      integer('estimate', true),
      integer('estimate_pre_approved'),
      integer('final_price', true),
      text('diagnosis'),
      text('status'),
      uuid('technician_id', true),
      text('promised_at', true),
      uuid('warranty_of', true),
      text('cancel_reason'),
      uuid('delivered_sale_id', true),
      integer('archived'),
      text('created_at'),
      text('updated_at'),
    ],
  },
  {
    table: 'repair_events',
    kind: 'ledger',
    scope: 'store',
    columns: [
      id,
      uuid('repair_order_id'),
      text('kind'),
      text('from_status', true),
      text('to_status', true),
      text('details'),
      uuid('user_id'),
      uuid('terminal_id'),
      uuid('store_id'),
      text('created_at'),
      text('hlc'),
    ],
  },
] as const satisfies readonly EntityDefinition[];

export type EntityTable = (typeof ENTITIES)[number]['table'];

const byTable = new Map<string, EntityDefinition>(ENTITIES.map((e) => [e.table, e]));

export function entityOf(table: string): EntityDefinition | undefined {
  return byTable.get(table);
}

/** Whether a row with this store (null: none) is in the scope of a terminal of `storeId`. */
export function isInScope(entity: Pick<EntityDefinition, 'scope'>, rowStoreId: unknown, storeId: string): boolean {
  switch (entity.scope) {
    case 'global':
      return true;
    case 'store':
      return rowStoreId === storeId;
    case 'store_or_chain':
      return rowStoreId === null || rowStoreId === undefined || rowStoreId === storeId;
  }
}
