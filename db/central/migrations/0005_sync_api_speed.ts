/**
 * Faster sync without weaker guarantees (issue 3's benchmarks):
 *
 * - `sync_api.snapshot_page`: a fresh terminal's snapshot as `json` with each row an array in the registry's
 *   column order. Building and printing `jsonb` objects cost central about 40 us a row (key sorting, one
 *   allocation per key); a `json` array of arrays costs a fraction of that and is a smaller payload. Same scope,
 *   same transaction rule and same watermark as `sync_api.snapshot`, which stays for existing callers.
 * - push's batch path, set based: each ledger table is written with one INSERT straight from the mutations
 *   (store, terminal and terminal code still from the login, never the payload), mutations that carry only
 *   ledger rows are checked in one pass instead of one call each, and the batch is taken as sent when it is in
 *   outbox order and holds no mutation central has seen. Anything unexpected still falls back to the
 *   one-by-one path of 0002, which quarantines the culprit.
 */
export const description = 'sync_api: snapshot_page (json rows as arrays) and a set-based push batch';

const definer = `SECURITY DEFINER SET search_path = pg_catalog, pg_temp`;

export const statements: readonly string[] = [
  // Property 10, as sync_api.snapshot: pages in id order inside the caller's REPEATABLE READ READ ONLY
  // transaction, store-scoped tables limited to the caller's store, the watermark of that snapshot. Column
  // names come from sync_entities only; mutable rows add row_version and col_hlc. last_id is the page's highest id
  // (uuid has no max() before PostgreSQL 18; its canonical text sorts as the uuid does): the next page starts
  // after it, so the order of rows inside a page does not matter and is not sorted again.
  `CREATE FUNCTION sync_api.snapshot_page(p_table text, p_after_id uuid, p_limit integer)
     RETURNS json LANGUAGE plpgsql ${definer} AS $$
   DECLARE
     t techstore.terminals := sync_api._caller(false);
     e techstore.sync_entities := sync_api._entity(p_table);
     v_columns text[];
     v_values text;
     v_rows json;
     v_count integer;
     v_last uuid;
   BEGIN
     IF current_setting('transaction_isolation') <> 'repeatable read' OR current_setting('transaction_read_only') <> 'on' THEN
       RAISE EXCEPTION 'snapshot runs in a REPEATABLE READ READ ONLY transaction' USING ERRCODE = 'invalid_transaction_state';
     END IF;
     IF p_limit IS NULL OR p_limit < 1 OR p_limit > 50000 THEN
       RAISE EXCEPTION 'limit must be between 1 and 50000' USING ERRCODE = 'invalid_parameter_value';
     END IF;
     v_columns := e.columns || CASE e.kind WHEN 'mutable' THEN ARRAY['row_version', 'col_hlc'] ELSE '{}'::text[] END;
     SELECT string_agg(format('y.%I', c), ', ' ORDER BY o) INTO v_values FROM unnest(v_columns) WITH ORDINALITY AS u(c, o);
     EXECUTE format('SELECT coalesce(json_agg(json_build_array(%s)), ''[]''), count(*), max(y.id::text)::uuid FROM (
                       SELECT * FROM techstore.%I x WHERE x.id > coalesce($1, ''00000000-0000-0000-0000-000000000000''::uuid)
                         AND %s
                       ORDER BY x.id LIMIT $3) y', v_values, e.table_name,
                    CASE e.scope WHEN 'store' THEN 'x.store_id = $2' ELSE '$2::uuid IS NOT NULL' END)
       INTO v_rows, v_count, v_last USING p_after_id, t.store_id, p_limit;
     RETURN json_build_object('columns', to_json(v_columns), 'rows', v_rows, 'more', v_count = p_limit,
       'last_id', v_last, 'watermark', pg_snapshot_xmin(pg_current_snapshot())::text,
       'central_hlc', sync_api._read_clock());
   END $$`,
  `REVOKE ALL ON FUNCTION sync_api.snapshot_page(text, uuid, integer) FROM PUBLIC`,
  `GRANT EXECUTE ON FUNCTION sync_api.snapshot_page(text, uuid, integer) TO pos_terminal`,

  // The batch of 0002, set based. Checks first, in one pass each, what _apply_mutation checks one mutation at a
  // time (an HLC, a payload object, known keys, ledger entries as arrays); any failure raises and push redoes
  // the batch one by one. Then one INSERT per ledger table, then the mutable changes in outbox order.
  `CREATE OR REPLACE FUNCTION sync_api._apply_batch(t techstore.terminals, p_new jsonb) RETURNS void LANGUAGE plpgsql ${definer} AS $$
   DECLARE
     e techstore.sync_entities;
     m jsonb;
     v_columns text[];
     v_list text;
     v_values text;
   BEGIN
     IF EXISTS (SELECT 1 FROM jsonb_array_elements(p_new) x
                 WHERE sync_api._hlc_wall(x ->> 'hlc') IS NULL OR jsonb_typeof(x -> 'payload') IS DISTINCT FROM 'object') THEN
       RAISE EXCEPTION 'malformed mutation in batch';
     END IF;
     IF EXISTS (SELECT 1 FROM jsonb_array_elements(p_new) x, jsonb_each(x -> 'payload') kv
                  LEFT JOIN techstore.sync_entities s ON s.table_name = kv.key
                 WHERE CASE WHEN kv.key IN ('store', 'terminal', 'changes') THEN false
                            WHEN s.table_name IS NULL THEN true
                            ELSE s.kind = 'ledger' AND jsonb_typeof(kv.value) <> 'array' END) THEN
       RAISE EXCEPTION 'unknown table or ledger rows that are not an array in batch';
     END IF;
     FOR e IN SELECT * FROM techstore.sync_entities WHERE kind = 'ledger' ORDER BY table_name LOOP
       v_columns := e.columns;
       IF e.scope = 'store' AND NOT 'store_id' = ANY (v_columns) THEN
         v_columns := array_append(v_columns, 'store_id');
       END IF;
       -- As _insert_ledger: store, terminal and terminal code come from the login, never from the payload.
       SELECT string_agg(quote_ident(c), ', ' ORDER BY o),
              string_agg(CASE WHEN e.scope <> 'store' THEN format('r.%I', c)
                              WHEN c = 'store_id' THEN '$2'
                              WHEN c = 'terminal_id' THEN 'CASE WHEN j ? ''terminal_id'' THEN $3 ELSE r.terminal_id END'
                              WHEN c = 'terminal_code' THEN 'CASE WHEN j ? ''terminal_code'' THEN $4 ELSE r.terminal_code END'
                              ELSE format('r.%I', c) END, ', ' ORDER BY o)
         INTO v_list, v_values FROM unnest(v_columns) WITH ORDINALITY AS u(c, o);
       EXECUTE format(
         'INSERT INTO techstore.%I (%s) SELECT %s FROM jsonb_array_elements($1) x,
            jsonb_array_elements(x -> ''payload'' -> %L) j, jsonb_populate_record(NULL::techstore.%I, j) r
          WHERE x -> ''payload'' ? %L
          ON CONFLICT (id) DO NOTHING',
         e.table_name, v_list, v_values, e.table_name, e.table_name, e.table_name)
       USING p_new, t.store_id, t.id, t.code;
     END LOOP;
     -- Mutable rows merge one mutation at a time, in outbox order: per-column clocks depend on it.
     FOR m IN SELECT x FROM jsonb_array_elements(p_new) x
               WHERE EXISTS (SELECT 1 FROM jsonb_object_keys(x -> 'payload') k
                               LEFT JOIN techstore.sync_entities s ON s.table_name = k
                              WHERE k = 'changes' OR s.kind = 'mutable')
               ORDER BY (x ->> 'seq')::bigint LOOP
       PERFORM sync_api._apply_mutation(t, m, false);
     END LOOP;
   END $$`,
  `REVOKE ALL ON FUNCTION sync_api._apply_batch(techstore.terminals, jsonb) FROM PUBLIC`,

  // As 0002's push, with the batch taken as sent when nothing in it was seen before and it is in outbox order
  // (what a terminal sends), instead of rebuilding it; the products for stock alerts are collected once each.
  `CREATE OR REPLACE FUNCTION sync_api.push(p_mutations jsonb, p_terminal_hlc text) RETURNS jsonb LANGUAGE plpgsql ${definer} AS $$
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
     v_as_sent boolean;
   BEGIN
     IF t.id IS NULL THEN
       RAISE EXCEPTION 'register this terminal before pushing' USING ERRCODE = 'invalid_parameter_value';
     END IF;
     IF jsonb_typeof(p_mutations) <> 'array' THEN
       RAISE EXCEPTION 'mutations must be an array' USING ERRCODE = 'invalid_parameter_value';
     END IF;
     -- Below the fence only a mutation id never seen is applied (a restored backup can renumber).
     SELECT coalesce(bool_and(a.mutation_id IS NULL AND (x.prev IS NULL OR x.seq >= x.prev)), true) INTO v_as_sent
       FROM (SELECT (e ->> 'mutation_id')::uuid AS id, (e ->> 'seq')::bigint AS seq,
                    lag((e ->> 'seq')::bigint) OVER (ORDER BY o) AS prev
               FROM jsonb_array_elements(p_mutations) WITH ORDINALITY AS j(e, o)) x
       LEFT JOIN techstore.applied_mutations a ON a.mutation_id = x.id;
     IF v_as_sent THEN
       v_new := p_mutations;
     ELSE
       SELECT coalesce(jsonb_agg(x ORDER BY (x ->> 'seq')::bigint), '[]') INTO v_new
         FROM jsonb_array_elements(p_mutations) x
        WHERE NOT EXISTS (SELECT 1 FROM techstore.applied_mutations a WHERE a.mutation_id = (x ->> 'mutation_id')::uuid);
     END IF;
     IF jsonb_array_length(v_new) > 1 THEN
       BEGIN
         PERFORM sync_api._apply_batch(t, v_new);
         INSERT INTO techstore.applied_mutations (mutation_id, terminal_role, seq, kind, outcome)
           SELECT (x ->> 'mutation_id')::uuid, t.role_name, (x ->> 'seq')::bigint, left(x ->> 'kind', 64), 'applied'
             FROM jsonb_array_elements(v_new) x;
         v_applied := jsonb_array_length(v_new);
         SELECT coalesce(max(sync_api._hlc_wall(x ->> 'hlc')), 0) INTO v_max_wall FROM jsonb_array_elements(v_new) x;
         v_products := ARRAY(
           SELECT DISTINCT (r ->> 'product_id')::uuid FROM jsonb_array_elements(v_new) x,
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
