/**
 * Customers and their cuenta corriente on central (issue 4), with the conventions of 0001: the same columns and
 * types as the registry (shared/sync/entity-registry.ts), a change-feed trigger on each table, column clocks on
 * the mutable one, no foreign keys and no uniqueness beyond the id (central never refuses history: two terminals
 * offline may both register one DNI, and both customers are kept).
 *
 * The ledger is the first of GLOBAL scope: a customer may buy on account at any store, so every terminal pulls
 * every entry (its feed rows carry no store, as for products). Nothing in push, pull, snapshot or digests needed
 * to change for that; two things did:
 *
 * - Origin from the login. Push overwrites store_id and terminal_id from the caller's login only for store-scoped
 *   ledgers. A global ledger that records where it was written gets the same guarantee from a BEFORE INSERT
 *   trigger (`techstore.stamp_ledger_origin`, generic over any table with those two columns), so no terminal can
 *   book an entry in another store's or terminal's name, whatever path inserts it. Writes by a role that is not a
 *   terminal (an admin, a migration) keep what they say.
 * - The credit-limit alert (SYNC.md property 3, DOMAIN.md: an offline sale over the limit raises an alert after
 *   sync). Checked once the whole push is applied, by a DEFERRED constraint trigger: a push applies its ledger
 *   rows before its mutable changes, so a customer created (or whose limit was raised) in the same push is only
 *   right at commit. Only an entry that raises the balance (a charge, a positive adjustment) can put a customer
 *   over; the alert goes to the store that booked it, once while open (alerts_open_once), with the balance and
 *   the limit central saw.
 */
export const description =
  'customers and customer_account_entries (global ledger), origin stamping, credit-limit alert';

const definer = `SECURITY DEFINER SET search_path = pg_catalog, pg_temp`;

export const statements: readonly string[] = [
  `CREATE TABLE techstore.customers (
     id uuid PRIMARY KEY, name text NOT NULL, tax_id_kind text, tax_id text, phone text NOT NULL, email text NOT NULL,
     address text NOT NULL, notes text NOT NULL, credit_limit bigint, archived bigint NOT NULL DEFAULT 0,
     created_at text NOT NULL, updated_at text NOT NULL,
     row_version bigint NOT NULL DEFAULT 1, col_hlc jsonb NOT NULL DEFAULT '{}'
   )`,
  `CREATE INDEX customers_tax_id ON techstore.customers (tax_id)`,
  `CREATE TABLE techstore.customer_account_entries (
     id uuid PRIMARY KEY, customer_id uuid NOT NULL, kind text NOT NULL, amount bigint NOT NULL, method text,
     reference text, sale_id uuid, repair_order_id uuid, note text NOT NULL, user_id uuid NOT NULL,
     store_id uuid NOT NULL, terminal_id uuid NOT NULL, created_at text NOT NULL, hlc text NOT NULL
   )`,
  // The balance is a sum over a customer's entries: the credit-limit check reads only this index.
  `CREATE INDEX customer_account_entries_customer ON techstore.customer_account_entries (customer_id, amount)`,

  `INSERT INTO techstore.sync_entities (table_name, kind, scope, columns) VALUES
     ('customers', 'mutable', 'global', ARRAY['id','name','tax_id_kind','tax_id','phone','email','address','notes',
       'credit_limit','archived','created_at','updated_at']),
     ('customer_account_entries', 'ledger', 'global', ARRAY['id','customer_id','kind','amount','method','reference',
       'sale_id','repair_order_id','note','user_id','store_id','terminal_id','created_at','hlc'])`,

  // Property 4: every change lands in the feed. Global rows carry no store, so every terminal pulls them.
  `CREATE TRIGGER customers_feed AFTER INSERT OR UPDATE ON techstore.customers
     FOR EACH ROW EXECUTE FUNCTION techstore.feed_global_row()`,
  `CREATE TRIGGER customer_account_entries_feed AFTER INSERT OR UPDATE ON techstore.customer_account_entries
     FOR EACH ROW EXECUTE FUNCTION techstore.feed_global_row()`,
  `CREATE TRIGGER customer_account_entries_append_only BEFORE UPDATE OR DELETE ON techstore.customer_account_entries
     FOR EACH ROW EXECUTE FUNCTION techstore.refuse_change()`,

  // The writer's store and terminal from its login (session_user stays the terminal's role inside the
  // SECURITY DEFINER sync_api functions), never from the payload.
  `CREATE FUNCTION techstore.stamp_ledger_origin() RETURNS trigger LANGUAGE plpgsql ${definer} AS $$
   DECLARE
     t techstore.terminals;
   BEGIN
     SELECT * INTO t FROM techstore.terminals WHERE role_name = session_user;
     IF FOUND THEN
       NEW := jsonb_populate_record(NEW, jsonb_build_object('store_id', t.store_id, 'terminal_id', t.id));
     END IF;
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER customer_account_entries_origin BEFORE INSERT ON techstore.customer_account_entries
     FOR EACH ROW EXECUTE FUNCTION techstore.stamp_ledger_origin()`,

  `CREATE FUNCTION sync_api._credit_limit_alert() RETURNS trigger LANGUAGE plpgsql ${definer} AS $$
   DECLARE
     c techstore.customers;
     v_balance bigint;
   BEGIN
     SELECT * INTO c FROM techstore.customers WHERE id = NEW.customer_id;
     IF NOT FOUND OR c.credit_limit IS NULL THEN
       RETURN NULL;
     END IF;
     SELECT coalesce(sum(amount), 0) INTO v_balance FROM techstore.customer_account_entries
      WHERE customer_id = NEW.customer_id;
     IF v_balance <= c.credit_limit THEN
       RETURN NULL;
     END IF;
     -- Runs at commit: a failure here would undo the whole push, and an alert is never worth a lost sale.
     BEGIN
       INSERT INTO techstore.alerts (store_id, kind, entity_table, entity_id, details)
       VALUES (NEW.store_id, 'credit_limit_exceeded', 'customers', c.id,
               jsonb_build_object('balance', v_balance, 'credit_limit', c.credit_limit, 'customer', c.name,
                                  'entry_id', NEW.id, 'terminal', (SELECT code FROM techstore.terminals WHERE id = NEW.terminal_id)))
       ON CONFLICT (kind, entity_table, entity_id, store_id) WHERE acknowledged_at IS NULL DO NOTHING;
     EXCEPTION WHEN OTHERS THEN
       RAISE WARNING 'credit_limit_exceeded alert for customer % not raised: %', c.id, SQLERRM;
     END;
     RETURN NULL;
   END $$`,
  `CREATE CONSTRAINT TRIGGER customer_account_entries_credit_limit AFTER INSERT ON techstore.customer_account_entries
     DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.amount > 0)
     EXECUTE FUNCTION sync_api._credit_limit_alert()`,

  `REVOKE ALL ON FUNCTION techstore.stamp_ledger_origin(), sync_api._credit_limit_alert() FROM PUBLIC`,
];
