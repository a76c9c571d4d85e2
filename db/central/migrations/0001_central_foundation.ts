/**
 * The first central schema (PostgreSQL 15 and later). Frozen once merged; later changes are new migrations.
 * It runs as the `techstore_owner` role (see migrate-central.ts), so the owner of every table and function is a
 * role without superuser or BYPASSRLS: row-level security applies even inside the sync_api functions.
 *
 * Types mirror the terminal's SQLite store so that a row's canonical text is the same on both sides: ids are
 * uuid, money and quantities bigint, times the ISO text the terminal wrote, booleans 0/1.
 */
export const description = 'schemas, replicated tables, change feed, sync bookkeeping';

export const statements: readonly string[] = [
  `CREATE SCHEMA techstore`,
  `CREATE SCHEMA sync_api`,

  `CREATE TABLE techstore.stores (
     id uuid PRIMARY KEY,
     code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9]{2,12}$'),
     name text NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE techstore.terminals (
     role_name text PRIMARY KEY,
     store_id uuid NOT NULL REFERENCES techstore.stores (id),
     code text NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9]{1,7}$'),
     id uuid UNIQUE,
     acked_seq bigint NOT NULL DEFAULT 0,
     last_contact_at timestamptz,
     last_hlc text,
     clock_skew_ms bigint,
     revoked_at timestamptz,
     created_at timestamptz NOT NULL DEFAULT now(),
     UNIQUE (store_id, code)
   )`,

  // Replicated mutable tables: row_version is incremented by central under the row lock; col_hlc holds the
  // winning HLC of every column.
  `CREATE TABLE techstore.users (
     id uuid PRIMARY KEY, name text NOT NULL, role text NOT NULL, pin_hash text NOT NULL,
     archived bigint NOT NULL DEFAULT 0, created_at text NOT NULL, updated_at text NOT NULL,
     row_version bigint NOT NULL DEFAULT 1, col_hlc jsonb NOT NULL DEFAULT '{}'
   )`,
  `CREATE TABLE techstore.products (
     id uuid PRIMARY KEY, sku text NOT NULL, name text NOT NULL, brand text NOT NULL, category text NOT NULL,
     price bigint NOT NULL, cost bigint NOT NULL, iva_rate_bp bigint NOT NULL, min_stock bigint NOT NULL,
     serial_tracked bigint NOT NULL, archived bigint NOT NULL DEFAULT 0, created_at text NOT NULL, updated_at text NOT NULL,
     row_version bigint NOT NULL DEFAULT 1, col_hlc jsonb NOT NULL DEFAULT '{}'
   )`,
  `CREATE INDEX products_sku ON techstore.products (sku)`,
  `CREATE TABLE techstore.product_barcodes (
     id uuid PRIMARY KEY, product_id uuid NOT NULL, code text NOT NULL, archived bigint NOT NULL DEFAULT 0,
     created_at text NOT NULL, updated_at text NOT NULL,
     row_version bigint NOT NULL DEFAULT 1, col_hlc jsonb NOT NULL DEFAULT '{}'
   )`,
  `CREATE INDEX product_barcodes_code ON techstore.product_barcodes (code)`,

  // Replicated ledgers. No foreign keys and no uniqueness beyond the id: central never refuses history;
  // what it breaks becomes an alert.
  `CREATE TABLE techstore.sales (
     id uuid PRIMARY KEY, number text NOT NULL, sequence bigint NOT NULL, store_id uuid NOT NULL,
     terminal_id uuid NOT NULL, terminal_code text NOT NULL, user_id uuid NOT NULL, customer_id uuid,
     total bigint NOT NULL, created_at text NOT NULL, hlc text NOT NULL
   )`,
  `CREATE TABLE techstore.sale_lines (
     id uuid PRIMARY KEY, store_id uuid NOT NULL, sale_id uuid NOT NULL, line_no bigint NOT NULL,
     product_id uuid NOT NULL, sku text NOT NULL, description text NOT NULL, quantity bigint NOT NULL,
     unit_price bigint NOT NULL, line_total bigint NOT NULL, iva_rate_bp bigint NOT NULL,
     line_net bigint NOT NULL, line_iva bigint NOT NULL
   )`,
  `CREATE TABLE techstore.payments (
     id uuid PRIMARY KEY, store_id uuid NOT NULL, sale_id uuid NOT NULL, method text NOT NULL, amount bigint NOT NULL,
     tendered bigint, change bigint, reference text, created_at text NOT NULL
   )`,
  `CREATE TABLE techstore.stock_movements (
     id uuid PRIMARY KEY, product_id uuid NOT NULL, store_id uuid NOT NULL, quantity bigint NOT NULL,
     reason text NOT NULL, sale_id uuid, note text NOT NULL, user_id uuid, terminal_id uuid NOT NULL,
     created_at text NOT NULL, hlc text NOT NULL
   )`,
  `CREATE INDEX stock_movements_product_store ON techstore.stock_movements (product_id, store_id)`,
  `CREATE TABLE techstore.audit_events (
     id uuid PRIMARY KEY, store_id uuid NOT NULL, user_id uuid, action text NOT NULL, entity_type text,
     entity_id text, details text NOT NULL, terminal_id uuid NOT NULL, created_at text NOT NULL, hlc text NOT NULL
   )`,

  // The registry, as central knows it: apply takes table and column names only from here.
  `CREATE TABLE techstore.sync_entities (
     table_name text PRIMARY KEY,
     kind text NOT NULL CHECK (kind IN ('ledger', 'mutable')),
     scope text NOT NULL CHECK (scope IN ('global', 'store')),
     columns text[] NOT NULL
   )`,
  `INSERT INTO techstore.sync_entities (table_name, kind, scope, columns) VALUES
     ('users', 'mutable', 'global', ARRAY['id','name','role','pin_hash','archived','created_at','updated_at']),
     ('products', 'mutable', 'global', ARRAY['id','sku','name','brand','category','price','cost','iva_rate_bp',
       'min_stock','serial_tracked','archived','created_at','updated_at']),
     ('product_barcodes', 'mutable', 'global', ARRAY['id','product_id','code','archived','created_at','updated_at']),
     ('sales', 'ledger', 'store', ARRAY['id','number','sequence','store_id','terminal_id','terminal_code','user_id',
       'customer_id','total','created_at','hlc']),
     ('sale_lines', 'ledger', 'store', ARRAY['id','sale_id','line_no','product_id','sku','description','quantity',
       'unit_price','line_total','iva_rate_bp','line_net','line_iva']),
     ('payments', 'ledger', 'store', ARRAY['id','sale_id','method','amount','tendered','change','reference','created_at']),
     ('stock_movements', 'ledger', 'store', ARRAY['id','product_id','store_id','quantity','reason','sale_id','note',
       'user_id','terminal_id','created_at','hlc']),
     ('audit_events', 'ledger', 'store', ARRAY['id','user_id','action','entity_type','entity_id','details',
       'terminal_id','created_at','hlc'])`,

  // Property 4: every change to a replicated table lands here, whatever path wrote it. The txid is the writer's
  // transaction id; pull reads it behind the snapshot's xmin watermark so no late commit is ever skipped.
  `CREATE TABLE techstore.change_feed (
     seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
     table_name text NOT NULL,
     row_id uuid NOT NULL,
     store_id uuid
   )`,
  `CREATE INDEX change_feed_cursor ON techstore.change_feed (txid, seq)`,
  `CREATE FUNCTION techstore.feed_global_row() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO techstore.change_feed (table_name, row_id, store_id) VALUES (TG_TABLE_NAME, NEW.id, NULL);
     RETURN NULL;
   END $$`,
  `CREATE FUNCTION techstore.feed_store_row() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO techstore.change_feed (table_name, row_id, store_id) VALUES (TG_TABLE_NAME, NEW.id, NEW.store_id);
     RETURN NULL;
   END $$`,
  ...['users', 'products', 'product_barcodes'].map(
    (t) =>
      `CREATE TRIGGER ${t}_feed AFTER INSERT OR UPDATE ON techstore.${t} FOR EACH ROW EXECUTE FUNCTION techstore.feed_global_row()`,
  ),
  ...['sales', 'sale_lines', 'payments', 'stock_movements', 'audit_events'].map(
    (t) =>
      `CREATE TRIGGER ${t}_feed AFTER INSERT OR UPDATE ON techstore.${t} FOR EACH ROW EXECUTE FUNCTION techstore.feed_store_row()`,
  ),
  `CREATE FUNCTION techstore.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
   END $$`,
  ...['sales', 'sale_lines', 'payments', 'stock_movements', 'audit_events'].map(
    (t) =>
      `CREATE TRIGGER ${t}_append_only BEFORE UPDATE OR DELETE ON techstore.${t} FOR EACH ROW EXECUTE FUNCTION techstore.refuse_change()`,
  ),

  // Exactly once in effect (property 2) and never blocking (property 3).
  `CREATE TABLE techstore.applied_mutations (
     mutation_id uuid PRIMARY KEY,
     terminal_role text NOT NULL,
     seq bigint NOT NULL,
     kind text NOT NULL,
     outcome text NOT NULL CHECK (outcome IN ('applied', 'quarantined')),
     applied_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE techstore.quarantined_mutations (
     mutation_id uuid PRIMARY KEY,
     terminal_role text NOT NULL,
     store_id uuid NOT NULL,
     seq bigint NOT NULL,
     kind text NOT NULL,
     payload jsonb NOT NULL,
     hlc text NOT NULL,
     error text NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now(),
     resolved_at timestamptz,
     resolved_by text
   )`,
  `CREATE TABLE techstore.alerts (
     id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     store_id uuid,
     kind text NOT NULL,
     entity_table text,
     entity_id uuid,
     details jsonb NOT NULL DEFAULT '{}',
     created_at timestamptz NOT NULL DEFAULT now(),
     acknowledged_at timestamptz,
     acknowledged_by text
   )`,
  `CREATE UNIQUE INDEX alerts_open_once ON techstore.alerts (kind, entity_table, entity_id, store_id)
     WHERE acknowledged_at IS NULL`,
  // Central's own clock: never behind any HLC it accepted, so every terminal that merges it moves forward.
  `CREATE TABLE techstore.central_clock (
     only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
     last_wall_ms bigint NOT NULL,
     last_counter bigint NOT NULL
   )`,
  `INSERT INTO techstore.central_clock (last_wall_ms, last_counter) VALUES (0, 0)`,

  // Row-level security by store, forced on the owner too: even a bug in a sync_api function cannot hand one
  // store's rows to another store's terminal. Each sync_api function sets techstore.store_id itself, from the
  // calling role's terminal row, overriding whatever the caller may have set. Superusers bypass it (the CLI).
  ...['sales', 'sale_lines', 'payments', 'stock_movements', 'audit_events'].flatMap((t) => [
    `ALTER TABLE techstore.${t} ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE techstore.${t} FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY ${t}_by_store ON techstore.${t}
       USING (store_id = nullif(current_setting('techstore.store_id', true), '')::uuid)
       WITH CHECK (store_id = nullif(current_setting('techstore.store_id', true), '')::uuid)`,
  ]),
];
