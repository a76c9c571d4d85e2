/**
 * Repair orders and their timeline on central (issue 4, repair slice), with the conventions of 0001 and 0006: the
 * registry's columns and types, a change-feed trigger on each table, column clocks on the mutable one, no foreign
 * keys, row-level security by store on both (the store's benches only), append-only events.
 *
 * `repair_orders` is the first table that is both mutable and store-scoped. Nothing generic needed to change:
 * `_merge_row` writes it under the store's row-level security (WITH CHECK refuses a row of another store), pull,
 * snapshot and digests already filter store tables by `store_id`. Its origin (store, terminal) is stamped from the
 * login on insert as for ledgers (0006's `stamp_ledger_origin`), and an update never moves an order to another
 * store, terminal or number.
 *
 * Transition conflicts (SYNC.md property 3: what offline work breaks becomes an alert, never a refusal). Each status
 * change writes the `status` column and a status event (`to_status` set) with the same HLC, so the status central
 * merges (last writer wins per column) is always the `to_status` of the order's status event with the highest HLC.
 * The rule, applied once the whole push is in (a DEFERRED constraint trigger: a push inserts its ledger rows before
 * its mutable changes, and one push may carry several changes of one order):
 *
 *   Order an order's status events by HLC. An event whose `from_status` is not the `to_status` of the event just
 *   before it was made by a bench that had not seen that earlier change: the two benches forked. The bench that
 *   made the earlier event then sees its order jump from that event's `to_status` to this one's; when that jump
 *   is not a transition of the machine (this table: DOMAIN.md's, with diagnosing -> in_repair and every open
 *   status -> cancelled), central raises 'repair_transition_conflict' for the store, once while open.
 *
 * Both events stay in the timeline whatever happens. Forks that land on a move the machine allows (two benches
 * both starting the diagnosis; one cancelling what the other marked ready) raise nothing.
 */
export const description =
  'repair_orders (mutable, store) and repair_events (ledger, store), transition-conflict alert';

const definer = `SECURITY DEFINER SET search_path = pg_catalog, pg_temp`;

/** DOMAIN.md's status machine as pairs, frozen here (a migration imports no app code); a test compares it. */
const OPEN = [
  'received',
  'diagnosing',
  'awaiting_approval',
  'approved',
  'rejected',
  'in_repair',
  'waiting_parts',
  'repaired',
  'unrepairable',
  'ready_for_pickup',
];
const EDGES: readonly (readonly [string, string])[] = [
  ['received', 'diagnosing'],
  ['diagnosing', 'awaiting_approval'],
  ['diagnosing', 'in_repair'],
  ['diagnosing', 'unrepairable'],
  ['awaiting_approval', 'approved'],
  ['awaiting_approval', 'rejected'],
  ['approved', 'in_repair'],
  ['rejected', 'ready_for_pickup'],
  ['in_repair', 'waiting_parts'],
  ['in_repair', 'repaired'],
  ['in_repair', 'unrepairable'],
  ['waiting_parts', 'in_repair'],
  ['repaired', 'ready_for_pickup'],
  ['unrepairable', 'ready_for_pickup'],
  ['ready_for_pickup', 'delivered'],
  ...OPEN.map((from) => [from, 'cancelled'] as const),
];

export const statements: readonly string[] = [
  `CREATE TABLE techstore.repair_orders (
     id uuid PRIMARY KEY, number text NOT NULL, store_id uuid NOT NULL, terminal_id uuid NOT NULL,
     customer_id uuid NOT NULL, device_type text NOT NULL, brand text NOT NULL, model text NOT NULL, imei text,
     serial text, accessories text NOT NULL, condition_notes text NOT NULL, reported_fault text NOT NULL,
     unlock_secret text, estimate bigint, estimate_pre_approved bigint NOT NULL, final_price bigint,
     diagnosis text NOT NULL, status text NOT NULL, technician_id uuid, promised_at text, warranty_of uuid,
     cancel_reason text NOT NULL, delivered_sale_id uuid, archived bigint NOT NULL DEFAULT 0,
     created_at text NOT NULL, updated_at text NOT NULL,
     row_version bigint NOT NULL DEFAULT 1, col_hlc jsonb NOT NULL DEFAULT '{}'
   )`,
  `CREATE INDEX repair_orders_store ON techstore.repair_orders (store_id)`,
  `CREATE TABLE techstore.repair_events (
     id uuid PRIMARY KEY, repair_order_id uuid NOT NULL, kind text NOT NULL, from_status text, to_status text,
     details text NOT NULL, user_id uuid NOT NULL, terminal_id uuid NOT NULL, store_id uuid NOT NULL,
     created_at text NOT NULL, hlc text NOT NULL
   )`,
  // The conflict rule reads an order's status events in HLC order.
  `CREATE INDEX repair_events_order ON techstore.repair_events (repair_order_id, hlc COLLATE "C", id)
     WHERE to_status IS NOT NULL`,

  `INSERT INTO techstore.sync_entities (table_name, kind, scope, columns) VALUES
     ('repair_orders', 'mutable', 'store', ARRAY['id','number','store_id','terminal_id','customer_id','device_type',
       'brand','model','imei','serial','accessories','condition_notes','reported_fault','unlock_secret','estimate',
       'estimate_pre_approved','final_price','diagnosis','status','technician_id','promised_at','warranty_of',
       'cancel_reason','delivered_sale_id','archived','created_at','updated_at']),
     ('repair_events', 'ledger', 'store', ARRAY['id','repair_order_id','kind','from_status','to_status','details',
       'user_id','terminal_id','store_id','created_at','hlc'])`,

  ...['repair_orders', 'repair_events'].map(
    (t) =>
      `CREATE TRIGGER ${t}_feed AFTER INSERT OR UPDATE ON techstore.${t} FOR EACH ROW EXECUTE FUNCTION techstore.feed_store_row()`,
  ),
  `CREATE TRIGGER repair_events_append_only BEFORE UPDATE OR DELETE ON techstore.repair_events
     FOR EACH ROW EXECUTE FUNCTION techstore.refuse_change()`,

  // Where an order was taken in comes from the login, as for ledgers; it never changes afterwards.
  `CREATE TRIGGER repair_orders_origin BEFORE INSERT ON techstore.repair_orders
     FOR EACH ROW EXECUTE FUNCTION techstore.stamp_ledger_origin()`,
  `CREATE FUNCTION techstore.keep_repair_order_origin() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     NEW.store_id := OLD.store_id;
     NEW.terminal_id := OLD.terminal_id;
     NEW.number := OLD.number;
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER repair_orders_keep_origin BEFORE UPDATE ON techstore.repair_orders
     FOR EACH ROW EXECUTE FUNCTION techstore.keep_repair_order_origin()`,

  ...['repair_orders', 'repair_events'].flatMap((t) => [
    `ALTER TABLE techstore.${t} ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE techstore.${t} FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY ${t}_by_store ON techstore.${t}
       USING (store_id = nullif(current_setting('techstore.store_id', true), '')::uuid)
       WITH CHECK (store_id = nullif(current_setting('techstore.store_id', true), '')::uuid)`,
  ]),

  `CREATE TABLE techstore.repair_transitions (
     from_status text NOT NULL, to_status text NOT NULL, PRIMARY KEY (from_status, to_status)
   )`,
  `INSERT INTO techstore.repair_transitions (from_status, to_status) VALUES
     ${EDGES.map(([from, to]) => `('${from}', '${to}')`).join(', ')}`,

  // One adjacent pair of status events (earlier, later by HLC): the rule of the header.
  `CREATE FUNCTION sync_api._repair_fork_check(p_earlier techstore.repair_events, p_later techstore.repair_events)
     RETURNS void LANGUAGE plpgsql ${definer} AS $$
   BEGIN
     IF p_later.from_status IS NOT DISTINCT FROM p_earlier.to_status OR p_later.to_status = p_earlier.to_status
        OR EXISTS (SELECT 1 FROM techstore.repair_transitions r
                    WHERE r.from_status = p_earlier.to_status AND r.to_status = p_later.to_status) THEN
       RETURN;
     END IF;
     INSERT INTO techstore.alerts (store_id, kind, entity_table, entity_id, details)
     VALUES (p_later.store_id, 'repair_transition_conflict', 'repair_orders', p_later.repair_order_id,
             jsonb_build_object(
               'number', (SELECT o.number FROM techstore.repair_orders o WHERE o.id = p_later.repair_order_id),
               'seen', p_earlier.to_status, 'became', p_later.to_status,
               'earlier_event_id', p_earlier.id, 'later_event_id', p_later.id,
               'earlier_terminal', (SELECT code FROM techstore.terminals WHERE id = p_earlier.terminal_id),
               'later_terminal', (SELECT code FROM techstore.terminals WHERE id = p_later.terminal_id)))
     ON CONFLICT (kind, entity_table, entity_id, store_id) WHERE acknowledged_at IS NULL DO NOTHING;
   END $$`,
  `CREATE FUNCTION sync_api._repair_transition_alert() RETURNS trigger LANGUAGE plpgsql ${definer} AS $$
   DECLARE
     v_other techstore.repair_events;
   BEGIN
     -- Runs at commit: a failure here would undo the whole push, and an alert is never worth lost work.
     BEGIN
       SELECT * INTO v_other FROM techstore.repair_events e
        WHERE e.repair_order_id = NEW.repair_order_id AND e.to_status IS NOT NULL
          AND (e.hlc COLLATE "C" < NEW.hlc COLLATE "C" OR (e.hlc = NEW.hlc AND e.id < NEW.id))
        ORDER BY e.hlc COLLATE "C" DESC, e.id DESC LIMIT 1;
       IF FOUND THEN
         PERFORM sync_api._repair_fork_check(v_other, NEW);
       END IF;
       SELECT * INTO v_other FROM techstore.repair_events e
        WHERE e.repair_order_id = NEW.repair_order_id AND e.to_status IS NOT NULL
          AND (e.hlc COLLATE "C" > NEW.hlc COLLATE "C" OR (e.hlc = NEW.hlc AND e.id > NEW.id))
        ORDER BY e.hlc COLLATE "C", e.id LIMIT 1;
       IF FOUND THEN
         PERFORM sync_api._repair_fork_check(NEW, v_other);
       END IF;
     EXCEPTION WHEN OTHERS THEN
       RAISE WARNING 'repair_transition_conflict check for order % failed: %', NEW.repair_order_id, SQLERRM;
     END;
     RETURN NULL;
   END $$`,
  `CREATE CONSTRAINT TRIGGER repair_events_transition_conflict AFTER INSERT ON techstore.repair_events
     DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.to_status IS NOT NULL)
     EXECUTE FUNCTION sync_api._repair_transition_alert()`,

  `REVOKE ALL ON TABLE techstore.repair_orders, techstore.repair_events, techstore.repair_transitions FROM PUBLIC`,
  `REVOKE ALL ON FUNCTION techstore.keep_repair_order_origin(), sync_api._repair_transition_alert(),
     sync_api._repair_fork_check(techstore.repair_events, techstore.repair_events) FROM PUBLIC`,
];
