/**
 * One credit-limit alert per customer for the whole chain, seen and acknowledged from every store.
 *
 * A customer's cuenta corriente is one ledger across every store (0006: global scope), so going over the limit is
 * one event about the customer, not one per store. Until now the alert went to the store whose charge was over,
 * once per store: two stores offline that together took one customer over gave the chain's managers two alerts
 * for one event, and a store where the customer bought next did not hear of it at all.
 *
 * Now `credit_limit_exceeded` is the chain's: an alert with no store, which every store's terminals list and any
 * store's manager acknowledges (the first acknowledgement stands for every store, as within a store). While it is
 * open, a further over-limit charge from any store opens no second alert: it is recorded on the open one (the
 * balance central sees now, how many charges went over, which stores booked them, the last entry and terminal).
 * Once acknowledged, the next over-limit charge opens a new one. Other kinds of alert stay with their store.
 *
 * - Row-level security: an alert without a store is visible to, and may be written from, any store's session
 *   (alerts_by_store, 0004); a store's own alerts stay invisible to every other store.
 * - One open chain alert per customer: a partial unique index, since alerts_open_once (0001) treats the null
 *   store of two rows as different.
 * - Open per-store credit alerts that exist when this runs are folded per customer into one chain alert: the
 *   first found (stores by code, then oldest) becomes the chain's and records the stores and charges of the
 *   others, which are closed by `central` with a note naming the alert they went into.
 * - `sync_api._credit_limit_alert` (0006), `sync_api.alerts` and `sync_api.acknowledge_alert` (0004) are
 *   restated whole. Terminal codes repeat across stores, so a chain alert names a terminal as
 *   `<store>/<terminal>`: the one that booked a charge (`terminal`, `last_terminal`) and the one it was
 *   acknowledged from. A charge whose store is not found records no store (`stores` stays `[]`, not `[null]`).
 */
export const description = 'credit_limit_exceeded raised once per customer for the whole chain, seen by every store';

const definer = `SECURITY DEFINER SET search_path = pg_catalog, pg_temp`;

/** Details of an over-limit charge an open chain alert records (the first one's stay as they were). */
const ANOTHER_CHARGE = `jsonb_build_object(
         'balance', v_balance, 'credit_limit', c.credit_limit, 'customer', c.name,
         'charges', coalesce((x.details ->> 'charges')::bigint, 1) + 1,
         'stores', (SELECT coalesce(jsonb_agg(DISTINCT s.v ORDER BY s.v), '[]')
                      FROM jsonb_array_elements_text(coalesce(x.details -> 'stores', '[]') || coalesce(to_jsonb(v_store), '[]')) s(v)),
         'last_entry_id', NEW.id, 'last_terminal', v_terminal, 'last_store', v_store)`;

/**
 * Store by store, with the row-level security setting of each (the owner does not bypass it): the store's open
 * credit alerts, oldest first, either become the customer's chain alert or are folded into it.
 */
export const foldOpenStoreCreditAlerts = `DO $$
   DECLARE
     s techstore.stores;
     a techstore.alerts;
     v_chain bigint;
   BEGIN
     FOR s IN SELECT * FROM techstore.stores ORDER BY code LOOP
       PERFORM set_config('techstore.store_id', s.id::text, true);
       FOR a IN SELECT * FROM techstore.alerts x
                 WHERE x.store_id = s.id AND x.kind = 'credit_limit_exceeded' AND x.acknowledged_at IS NULL
                 ORDER BY x.id LOOP
         SELECT x.id INTO v_chain FROM techstore.alerts x
          WHERE x.store_id IS NULL AND x.kind = a.kind AND x.entity_table IS NOT DISTINCT FROM a.entity_table
            AND x.entity_id IS NOT DISTINCT FROM a.entity_id AND x.acknowledged_at IS NULL;
         IF NOT FOUND THEN
           UPDATE techstore.alerts x
              SET store_id = NULL,
                  details = x.details || jsonb_build_object('store', s.code, 'stores', jsonb_build_array(s.code),
                                                            'charges', 1,
                                                            'terminal', s.code || '/' || (x.details ->> 'terminal'))
            WHERE x.id = a.id;
         ELSE
           UPDATE techstore.alerts x
              SET details = x.details || jsonb_build_object(
                    'balance', greatest((x.details ->> 'balance')::bigint, (a.details ->> 'balance')::bigint),
                    'charges', coalesce((x.details ->> 'charges')::bigint, 1) + 1,
                    'stores', (SELECT coalesce(jsonb_agg(DISTINCT v ORDER BY v), '[]')
                                 FROM jsonb_array_elements_text(coalesce(x.details -> 'stores', '[]') || to_jsonb(s.code)) t(v)),
                    'last_entry_id', a.details -> 'entry_id',
                    'last_terminal', s.code || '/' || (a.details ->> 'terminal'), 'last_store', s.code)
            WHERE x.id = v_chain;
           UPDATE techstore.alerts x
              SET acknowledged_at = now(), acknowledged_by = 'central',
                  acknowledgement_note = 'merged into alert ' || v_chain || ': one credit alert per customer for the chain'
            WHERE x.id = a.id;
         END IF;
       END LOOP;
     END LOOP;
     PERFORM set_config('techstore.store_id', '', true);
   END $$`;

export const statements: readonly string[] = [
  `ALTER POLICY alerts_by_store ON techstore.alerts
     USING (store_id IS NULL OR store_id = nullif(current_setting('techstore.store_id', true), '')::uuid)
     WITH CHECK (store_id IS NULL OR store_id = nullif(current_setting('techstore.store_id', true), '')::uuid)`,
  `CREATE UNIQUE INDEX alerts_open_once_chain ON techstore.alerts (kind, entity_table, entity_id)
     WHERE acknowledged_at IS NULL AND store_id IS NULL`,

  foldOpenStoreCreditAlerts,

  // Runs at commit, inside the push that booked the entry (after _caller set the store): a failure here would
  // undo the whole push, and an alert is never worth a lost sale.
  `CREATE OR REPLACE FUNCTION sync_api._credit_limit_alert() RETURNS trigger LANGUAGE plpgsql ${definer} AS $$
   DECLARE
     c techstore.customers;
     v_balance bigint;
     v_store text;
     v_terminal text;
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
     BEGIN
       SELECT code INTO v_store FROM techstore.stores WHERE id = NEW.store_id;
       SELECT s.code || '/' || t.code INTO v_terminal
         FROM techstore.terminals t JOIN techstore.stores s ON s.id = t.store_id
        WHERE t.id = NEW.terminal_id;
       INSERT INTO techstore.alerts AS x (store_id, kind, entity_table, entity_id, details)
       VALUES (NULL, 'credit_limit_exceeded', 'customers', c.id,
               jsonb_build_object('balance', v_balance, 'credit_limit', c.credit_limit, 'customer', c.name,
                                  'entry_id', NEW.id, 'terminal', v_terminal, 'store', v_store,
                                  'stores', CASE WHEN v_store IS NULL THEN '[]'::jsonb
                                                 ELSE jsonb_build_array(v_store) END,
                                  'charges', 1))
       ON CONFLICT (kind, entity_table, entity_id) WHERE acknowledged_at IS NULL AND store_id IS NULL
       DO UPDATE SET details = x.details || ${ANOTHER_CHARGE};
     EXCEPTION WHEN OTHERS THEN
       RAISE WARNING 'credit_limit_exceeded alert for customer % not raised: %', c.id, SQLERRM;
     END;
     RETURN NULL;
   END $$`,

  // As in 0004, plus the chain's alerts (no store) in every store's list.
  `CREATE OR REPLACE FUNCTION sync_api.alerts(p_terminal_wall_ms bigint) RETURNS jsonb LANGUAGE plpgsql ${definer} AS $$
   DECLARE
     t techstore.terminals := sync_api._caller(false);
     v_alerts jsonb;
   BEGIN
     IF t.id IS NULL THEN
       RAISE EXCEPTION 'register this terminal before reading alerts' USING ERRCODE = 'invalid_parameter_value';
     END IF;
     PERFORM sync_api._raise_clock_alert(t, p_terminal_wall_ms - sync_api._now_ms());
     SELECT coalesce(jsonb_agg(sync_api._alert_json(a) ORDER BY a.acknowledged_at IS NULL DESC, a.id DESC), '[]')
       INTO v_alerts
       FROM (SELECT * FROM techstore.alerts x
              WHERE (x.store_id = t.store_id OR x.store_id IS NULL)
                AND (x.acknowledged_at IS NULL OR x.acknowledged_at > now() - interval '7 days')
              ORDER BY x.acknowledged_at IS NULL DESC, x.id DESC
              LIMIT 2000) a;
     RETURN jsonb_build_object('alerts', v_alerts, 'central_time', sync_api._iso(now()));
   END $$`,

  // As in 0004: idempotent, the first acknowledgement wins; a chain alert may be acknowledged from any store.
  `CREATE OR REPLACE FUNCTION sync_api.acknowledge_alert(p_id bigint, p_by text, p_at timestamptz, p_note text)
     RETURNS jsonb LANGUAGE plpgsql ${definer} AS $$
   DECLARE
     t techstore.terminals := sync_api._caller(false);
     a techstore.alerts;
   BEGIN
     IF p_by IS NULL OR btrim(p_by) = '' THEN
       RAISE EXCEPTION 'say who acknowledged the alert' USING ERRCODE = 'invalid_parameter_value';
     END IF;
     UPDATE techstore.alerts x
        SET acknowledged_at = least(greatest(coalesce(p_at, now()), x.created_at), now()),
            acknowledged_by = left(btrim(p_by), 120),
            acknowledged_terminal = CASE WHEN x.store_id IS NULL
                                         THEN (SELECT s.code FROM techstore.stores s WHERE s.id = t.store_id) || '/' || t.code
                                         ELSE t.code END,
            acknowledgement_note = left(nullif(btrim(p_note), ''), 500)
      WHERE x.id = p_id AND (x.store_id = t.store_id OR x.store_id IS NULL) AND x.acknowledged_at IS NULL
      RETURNING * INTO a;
     IF FOUND THEN
       PERFORM pg_notify('techstore_changes', ''); -- other terminals refresh their list
     ELSE
       SELECT * INTO a FROM techstore.alerts x WHERE x.id = p_id AND (x.store_id = t.store_id OR x.store_id IS NULL);
       IF NOT FOUND THEN
         RETURN jsonb_build_object('id', p_id, 'found', false);
       END IF;
     END IF;
     RETURN sync_api._alert_json(a) || jsonb_build_object('found', true);
   END $$`,
];
