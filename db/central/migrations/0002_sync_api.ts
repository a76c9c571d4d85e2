/**
 * The sync_api functions that write: register and push (SYNC.md properties 2, 3, 5, 6). The read side is
 * 0003_sync_api_read.ts. These are the only door a terminal has into central. All are SECURITY DEFINER with a
 * pinned search_path; the caller's terminal is always `session_user`'s row, so no terminal can act as another.
 * Helpers whose names start with `_` are never granted to terminals.
 */
export const description = 'sync_api: register and push, with quarantine and per-column merge';

const definer = `SECURITY DEFINER SET search_path = pg_catalog, pg_temp`;

export const statements: readonly string[] = [
  `CREATE FUNCTION sync_api._now_ms() RETURNS bigint LANGUAGE sql ${definer} AS $$
     SELECT floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint
   $$`,
  `CREATE FUNCTION sync_api._hlc_wall(p_hlc text) RETURNS bigint LANGUAGE sql IMMUTABLE ${definer} AS $$
     SELECT CASE WHEN p_hlc ~ '^[0-9]{15}-[0-9]{6}-.+$' THEN substr(p_hlc, 1, 15)::bigint END
   $$`,
  `CREATE FUNCTION sync_api._encode_hlc(p_wall bigint, p_counter bigint) RETURNS text LANGUAGE sql IMMUTABLE ${definer} AS $$
     SELECT lpad(p_wall::text, 15, '0') || '-' || lpad(p_counter::text, 6, '0') || '-central'
   $$`,

  // Central's clock moves past every HLC it accepts; pull only reads it (its transaction is read-only).
  `CREATE FUNCTION sync_api._advance_clock(p_seen_wall bigint) RETURNS text LANGUAGE plpgsql ${definer} AS $$
   DECLARE
     c techstore.central_clock;
     v_wall bigint;
     v_counter bigint;
   BEGIN
     SELECT * INTO c FROM techstore.central_clock FOR UPDATE;
     -- A clock far ahead is accepted on a sale but never adopted: central would drag every terminal with it.
     v_wall := greatest(sync_api._now_ms(), c.last_wall_ms,
       CASE WHEN p_seen_wall <= sync_api._now_ms() + 300000 THEN p_seen_wall ELSE 0 END);
     v_counter := CASE WHEN v_wall = c.last_wall_ms THEN c.last_counter + 1 ELSE 0 END;
     UPDATE techstore.central_clock SET last_wall_ms = v_wall, last_counter = v_counter;
     RETURN sync_api._encode_hlc(v_wall, v_counter);
   END $$`,
  `CREATE FUNCTION sync_api._read_clock() RETURNS text LANGUAGE sql STABLE ${definer} AS $$
     SELECT sync_api._encode_hlc(greatest(sync_api._now_ms(), c.last_wall_ms), c.last_counter + 1)
       FROM techstore.central_clock c
   $$`,

  // The calling terminal, from the login role. Sets the store for row-level security, overriding anything the
  // caller set in its session.
  `CREATE FUNCTION sync_api._caller(p_lock boolean) RETURNS techstore.terminals LANGUAGE plpgsql ${definer} AS $$
   DECLARE
     t techstore.terminals;
   BEGIN
     IF p_lock THEN
       SELECT * INTO t FROM techstore.terminals WHERE role_name = session_user FOR UPDATE;
     ELSE
       SELECT * INTO t FROM techstore.terminals WHERE role_name = session_user;
     END IF;
     IF NOT FOUND OR t.revoked_at IS NOT NULL THEN
       RAISE EXCEPTION 'this login is not an active terminal' USING ERRCODE = 'insufficient_privilege';
     END IF;
     PERFORM set_config('techstore.store_id', t.store_id::text, true);
     RETURN t;
   END $$`,

  `CREATE FUNCTION sync_api._entity(p_table text) RETURNS techstore.sync_entities LANGUAGE plpgsql STABLE ${definer} AS $$
   DECLARE
     e techstore.sync_entities;
   BEGIN
     SELECT * INTO e FROM techstore.sync_entities WHERE table_name = p_table;
     IF NOT FOUND THEN
       RAISE EXCEPTION 'unknown table %', left(p_table, 64) USING ERRCODE = 'invalid_parameter_value';
     END IF;
     RETURN e;
   END $$`,

  // Ledger rows: insert or ignore. Store-scoped rows always get the caller's store, whatever the payload said.
  `CREATE FUNCTION sync_api._insert_ledger(t techstore.terminals, e techstore.sync_entities, p_rows jsonb)
     RETURNS void LANGUAGE plpgsql ${definer} AS $$
   DECLARE
     v_columns text[] := e.columns;
     v_list text;
     v_rows jsonb := p_rows;
   BEGIN
     IF jsonb_typeof(p_rows) <> 'array' THEN
       RAISE EXCEPTION '% rows must be an array', e.table_name;
     END IF;
     IF e.scope = 'store' THEN
       IF NOT 'store_id' = ANY (v_columns) THEN
         v_columns := array_append(v_columns, 'store_id');
       END IF;
       -- Store and terminal always come from the login, never from the payload: no terminal can write history
       -- in another store's or another terminal's name.
       SELECT coalesce(jsonb_agg(r || jsonb_build_object('store_id', t.store_id)
                                   || CASE WHEN r ? 'terminal_id' THEN jsonb_build_object('terminal_id', t.id) ELSE '{}' END
                                   || CASE WHEN r ? 'terminal_code' THEN jsonb_build_object('terminal_code', t.code) ELSE '{}' END),
                       '[]') INTO v_rows
         FROM jsonb_array_elements(p_rows) r;
     END IF;
     SELECT string_agg(quote_ident(c), ', ') INTO v_list FROM unnest(v_columns) c;
     EXECUTE format(
       'INSERT INTO techstore.%I (%s) SELECT %s FROM jsonb_populate_recordset(NULL::techstore.%I, $1) ON CONFLICT (id) DO NOTHING',
       e.table_name, v_list, v_list, e.table_name)
     USING v_rows;
   END $$`,

  // Mutable rows: per column, the higher HLC wins (ties cannot happen between distinct writes: the HLC text
  // ends with the writer's terminal id). A create of a row that exists is a merge like any other.
  `CREATE FUNCTION sync_api._merge_row(e techstore.sync_entities, p_id uuid, p_image jsonb, p_hlc text, p_create boolean)
     RETURNS void LANGUAGE plpgsql ${definer} AS $$
   DECLARE
     v_columns text[];
     v_winners text[];
     v_clocks jsonb;
     v_new_clocks jsonb;
     v_list text;
     v_found boolean;
   BEGIN
     IF e.kind <> 'mutable' THEN
       RAISE EXCEPTION '% is not mutable', e.table_name;
     END IF;
     -- Property 6: a clock far ahead would win every merge for as long as it is ahead. Only merges are at
     -- stake: ledger rows (a sale, a stock movement) do not depend on their HLC and are always accepted.
     IF sync_api._hlc_wall(p_hlc) > sync_api._now_ms() + 300000 THEN
       RAISE EXCEPTION 'HLC % is more than 5 minutes ahead of central', p_hlc USING ERRCODE = 'invalid_parameter_value';
     END IF;
     IF jsonb_typeof(p_image) <> 'object' THEN
       RAISE EXCEPTION 'a % change must be an object', e.table_name;
     END IF;
     SELECT coalesce(array_agg(c), '{}') INTO v_columns FROM unnest(e.columns) c WHERE c <> 'id' AND p_image ? c;
     IF cardinality(v_columns) = 0 THEN
       RETURN;
     END IF;
     EXECUTE format('SELECT col_hlc FROM techstore.%I WHERE id = $1 FOR UPDATE', e.table_name) INTO v_clocks USING p_id;
     v_found := v_clocks IS NOT NULL;
     IF NOT v_found THEN
       IF NOT p_create THEN
         RAISE EXCEPTION '% % does not exist', e.table_name, p_id USING ERRCODE = 'no_data_found';
       END IF;
       SELECT jsonb_object_agg(c, p_hlc) INTO v_new_clocks FROM unnest(v_columns) c;
       SELECT string_agg(quote_ident(c), ', ') INTO v_list FROM unnest(v_columns) c;
       EXECUTE format(
         'INSERT INTO techstore.%I (id, %s, row_version, col_hlc) SELECT $1, %s, 1, $3 FROM jsonb_populate_record(NULL::techstore.%I, $2)',
         e.table_name, v_list, v_list, e.table_name)
       USING p_id, p_image, v_new_clocks;
       RETURN;
     END IF;
     SELECT coalesce(array_agg(c), '{}') INTO v_winners FROM unnest(v_columns) c WHERE p_hlc > coalesce(v_clocks ->> c, '');
     IF cardinality(v_winners) = 0 THEN
       -- The write lost every column, so the writer holds values central does not. A new version puts the row
       -- back in the feed, and the writer's next pull brings it central's winning values.
       EXECUTE format('UPDATE techstore.%I SET row_version = row_version + 1 WHERE id = $1', e.table_name) USING p_id;
       RETURN;
     END IF;
     SELECT jsonb_object_agg(c, p_hlc) INTO v_new_clocks FROM unnest(v_winners) c;
     SELECT string_agg(quote_ident(c), ', ') INTO v_list FROM unnest(v_winners) c;
     EXECUTE format(
       'UPDATE techstore.%I AS x SET (%s) = (SELECT %s FROM jsonb_populate_record(NULL::techstore.%I, $2)),
          row_version = x.row_version + 1, col_hlc = x.col_hlc || $3 WHERE x.id = $1',
       e.table_name, v_list, v_list, e.table_name)
     USING p_id, p_image, v_new_clocks;
   END $$`,

  `CREATE FUNCTION sync_api._apply_mutation(t techstore.terminals, p_mutation jsonb, p_ledger boolean)
     RETURNS void LANGUAGE plpgsql ${definer} AS $$
   DECLARE
     v_hlc text := p_mutation ->> 'hlc';
     v_payload jsonb := p_mutation -> 'payload';
     v_key text;
     v_value jsonb;
     v_item jsonb;
     e techstore.sync_entities;
   BEGIN
     IF sync_api._hlc_wall(v_hlc) IS NULL THEN
       RAISE EXCEPTION 'malformed HLC';
     END IF;
     IF jsonb_typeof(v_payload) <> 'object' THEN
       RAISE EXCEPTION 'payload must be an object';
     END IF;
     FOR v_key, v_value IN SELECT key, value FROM jsonb_each(v_payload) LOOP
       CASE v_key
         WHEN 'store', 'terminal' THEN
           CONTINUE; -- stores and terminals are created by an admin on central, not by a terminal
         WHEN 'changes' THEN
           FOR v_item IN SELECT value FROM jsonb_array_elements(v_value) LOOP
             PERFORM sync_api._merge_row(sync_api._entity(v_item ->> 'table'), (v_item ->> 'id')::uuid,
               v_item -> 'columns', v_hlc, false);
           END LOOP;
         ELSE
           e := sync_api._entity(v_key);
           IF e.kind = 'ledger' THEN
             IF p_ledger THEN
               PERFORM sync_api._insert_ledger(t, e, v_value);
             END IF;
           ELSE
             FOR v_item IN SELECT value FROM jsonb_array_elements(v_value) LOOP
               PERFORM sync_api._merge_row(e, (v_item ->> 'id')::uuid, v_item, v_hlc, true);
             END LOOP;
           END IF;
       END CASE;
     END LOOP;
   END $$`,

  // The common case, fast: a whole batch of good mutations, each ledger table written with one INSERT for all
  // of them, then the mutable changes one mutation at a time in outbox order. Any error leaves it to push's
  // one-by-one path, which finds and quarantines the culprit.
  `CREATE FUNCTION sync_api._apply_batch(t techstore.terminals, p_new jsonb) RETURNS void LANGUAGE plpgsql ${definer} AS $$
   DECLARE
     e techstore.sync_entities;
     m jsonb;
     v_rows jsonb;
   BEGIN
     FOR e IN SELECT * FROM techstore.sync_entities WHERE kind = 'ledger' ORDER BY table_name LOOP
       IF EXISTS (SELECT 1 FROM jsonb_array_elements(p_new) x
                   WHERE x -> 'payload' ? e.table_name AND jsonb_typeof(x -> 'payload' -> e.table_name) <> 'array') THEN
         RAISE EXCEPTION '% rows must be an array', e.table_name;
       END IF;
       SELECT jsonb_agg(r) INTO v_rows
         FROM jsonb_array_elements(p_new) x, jsonb_array_elements(x -> 'payload' -> e.table_name) r
        WHERE x -> 'payload' ? e.table_name;
       IF v_rows IS NOT NULL THEN
         PERFORM sync_api._insert_ledger(t, e, v_rows);
       END IF;
     END LOOP;
     FOR m IN SELECT value FROM jsonb_array_elements(p_new) ORDER BY (value ->> 'seq')::bigint LOOP
       PERFORM sync_api._apply_mutation(t, m, false);
     END LOOP;
   END $$`,

  // Stock may go below zero (a sale is never refused); central says so once per product and store.
  `CREATE FUNCTION sync_api._raise_stock_alerts(t techstore.terminals, p_products uuid[]) RETURNS void LANGUAGE plpgsql ${definer} AS $$
   BEGIN
     INSERT INTO techstore.alerts (store_id, kind, entity_table, entity_id, details)
     SELECT t.store_id, 'negative_stock', 'products', s.product_id, jsonb_build_object('on_hand', s.on_hand)
       FROM (SELECT m.product_id, sum(m.quantity) AS on_hand
               FROM techstore.stock_movements m
              WHERE m.store_id = t.store_id
                AND m.product_id = ANY (p_products)
              GROUP BY m.product_id) s
      WHERE s.on_hand < 0
     ON CONFLICT (kind, entity_table, entity_id, store_id) WHERE acknowledged_at IS NULL DO NOTHING;
   END $$`,

  `CREATE FUNCTION sync_api.register(p_terminal_id uuid, p_terminal_code text, p_store_id uuid)
     RETURNS jsonb LANGUAGE plpgsql ${definer} AS $$
   DECLARE
     t techstore.terminals := sync_api._caller(true);
     s techstore.stores;
   BEGIN
     SELECT * INTO s FROM techstore.stores WHERE id = t.store_id;
     -- A fresh terminal joining the chain does not know its code yet (NULL) and takes the login's.
     IF p_terminal_code IS NOT NULL AND p_terminal_code <> t.code THEN
       RAISE EXCEPTION 'this login is for terminal %, not %', t.code, left(p_terminal_code, 16)
         USING ERRCODE = 'invalid_parameter_value';
     END IF;
     IF p_store_id IS NOT NULL AND p_store_id <> t.store_id THEN
       RAISE EXCEPTION 'this terminal belongs to store %, not to the store of this login (%)', p_store_id, s.code
         USING ERRCODE = 'invalid_parameter_value';
     END IF;
     IF t.id IS NULL THEN
       UPDATE techstore.terminals SET id = p_terminal_id WHERE role_name = t.role_name;
     ELSIF t.id <> p_terminal_id THEN
       RAISE EXCEPTION 'this login already belongs to another installation of terminal %', t.code
         USING ERRCODE = 'invalid_parameter_value';
     END IF;
     UPDATE techstore.terminals SET last_contact_at = now() WHERE role_name = t.role_name;
     RETURN jsonb_build_object('store_id', s.id, 'store_code', s.code, 'store_name', s.name,
       'terminal_code', t.code, 'acked_seq', t.acked_seq, 'central_hlc', sync_api._advance_clock(NULL));
   END $$`,

  // Property 2: mutations apply in outbox order, each exactly once (its id is recorded in the same
  // transaction), and the fence moves past each one. Property 3: one that cannot apply is quarantined with its
  // error inside its own subtransaction, and the rest go on.
  `CREATE FUNCTION sync_api.push(p_mutations jsonb, p_terminal_hlc text) RETURNS jsonb LANGUAGE plpgsql ${definer} AS $$
   DECLARE
     t techstore.terminals := sync_api._caller(true);
     m jsonb;
     v_seq bigint;
     v_id uuid;
     v_acked bigint := t.acked_seq;
     v_max_wall bigint := 0;
     v_products uuid[] := '{}';
     v_quarantined jsonb := '[]';
     v_applied integer := 0;
     v_new jsonb;
   BEGIN
     IF t.id IS NULL THEN
       RAISE EXCEPTION 'register this terminal before pushing' USING ERRCODE = 'invalid_parameter_value';
     END IF;
     IF jsonb_typeof(p_mutations) <> 'array' THEN
       RAISE EXCEPTION 'mutations must be an array' USING ERRCODE = 'invalid_parameter_value';
     END IF;
     -- Below the fence only a mutation id never seen is applied (a restored backup can renumber).
     SELECT coalesce(jsonb_agg(x ORDER BY (x ->> 'seq')::bigint), '[]') INTO v_new
       FROM jsonb_array_elements(p_mutations) x
      WHERE NOT EXISTS (SELECT 1 FROM techstore.applied_mutations a WHERE a.mutation_id = (x ->> 'mutation_id')::uuid);
     IF jsonb_array_length(v_new) > 1 THEN
       BEGIN
         PERFORM sync_api._apply_batch(t, v_new);
         INSERT INTO techstore.applied_mutations (mutation_id, terminal_role, seq, kind, outcome)
           SELECT (x ->> 'mutation_id')::uuid, t.role_name, (x ->> 'seq')::bigint, left(x ->> 'kind', 64), 'applied'
             FROM jsonb_array_elements(v_new) x;
         v_applied := jsonb_array_length(v_new);
         SELECT coalesce(max(sync_api._hlc_wall(x ->> 'hlc')), 0) INTO v_max_wall FROM jsonb_array_elements(v_new) x;
         v_products := ARRAY(
           SELECT (r ->> 'product_id')::uuid FROM jsonb_array_elements(v_new) x,
                  jsonb_array_elements(x -> 'payload' -> 'stock_movements') r
            WHERE jsonb_typeof(x -> 'payload' -> 'stock_movements') = 'array');
         v_new := '[]';
       EXCEPTION WHEN OTHERS THEN
         NULL; -- leave v_new as it is: the loop below applies it one by one
       END;
     END IF;
     FOR m IN SELECT value FROM jsonb_array_elements(v_new) ORDER BY (value ->> 'seq')::bigint LOOP
       v_seq := (m ->> 'seq')::bigint;
       v_id := (m ->> 'mutation_id')::uuid;
       BEGIN
           PERFORM sync_api._apply_mutation(t, m, true);
           INSERT INTO techstore.applied_mutations (mutation_id, terminal_role, seq, kind, outcome)
             VALUES (v_id, t.role_name, v_seq, left(m ->> 'kind', 64), 'applied');
           v_applied := v_applied + 1;
           v_max_wall := greatest(v_max_wall, sync_api._hlc_wall(m ->> 'hlc'));
           IF jsonb_typeof(m -> 'payload' -> 'stock_movements') = 'array' THEN
             v_products := v_products || ARRAY(
               SELECT (r ->> 'product_id')::uuid FROM jsonb_array_elements(m -> 'payload' -> 'stock_movements') r);
           END IF;
         EXCEPTION WHEN OTHERS THEN
           INSERT INTO techstore.quarantined_mutations (mutation_id, terminal_role, store_id, seq, kind, payload, hlc, error)
             VALUES (v_id, t.role_name, t.store_id, v_seq, left(coalesce(m ->> 'kind', '?'), 64),
                     coalesce(m -> 'payload', 'null'::jsonb), coalesce(m ->> 'hlc', ''), SQLERRM)
             ON CONFLICT (mutation_id) DO NOTHING;
           INSERT INTO techstore.applied_mutations (mutation_id, terminal_role, seq, kind, outcome)
             VALUES (v_id, t.role_name, v_seq, left(coalesce(m ->> 'kind', '?'), 64), 'quarantined');
           INSERT INTO techstore.alerts (store_id, kind, entity_table, entity_id, details)
             VALUES (t.store_id, 'quarantined_mutation', 'quarantined_mutations', v_id,
                     jsonb_build_object('error', SQLERRM, 'terminal', t.code))
             ON CONFLICT DO NOTHING;
           v_quarantined := v_quarantined || jsonb_build_object('mutation_id', v_id, 'seq', v_seq, 'error', SQLERRM);
       END;
     END LOOP;
     SELECT greatest(v_acked, coalesce(max((x ->> 'seq')::bigint), 0)) INTO v_acked FROM jsonb_array_elements(p_mutations) x;
     IF cardinality(v_products) > 0 THEN
       PERFORM sync_api._raise_stock_alerts(t, v_products);
     END IF;
     UPDATE techstore.terminals
        SET acked_seq = v_acked, last_contact_at = now(), last_hlc = p_terminal_hlc,
            clock_skew_ms = sync_api._hlc_wall(p_terminal_hlc) - sync_api._now_ms()
      WHERE role_name = t.role_name;
     IF v_applied > 0 THEN
       -- Wakes pullers; carries no data (they read through pull, with their own scope).
       PERFORM pg_notify('techstore_changes', '');
     END IF;
     RETURN jsonb_build_object('acked_seq', v_acked, 'quarantined', v_quarantined,
       'central_hlc', sync_api._advance_clock(nullif(v_max_wall, 0)));
   END $$`,
];
