/**
 * The sync_api functions that read: pull (the watermark cursor, property 4), snapshot (property 10) and digests
 * (property 9), and the grants that give terminals the public functions and nothing else. SECURITY DEFINER with
 * a pinned search_path, like those of 0002_sync_api.ts.
 */
export const description = 'sync_api: pull, snapshot, digests; grants to pos_terminal';

const definer = `SECURITY DEFINER SET search_path = pg_catalog, pg_temp`;

export const statements: readonly string[] = [
  // Property 4: the watermark cursor. Rows of transactions still in flight (txid >= xmin of our snapshot) are
  // left for a later pull, however high their seq; nothing that commits late is ever skipped.
  `CREATE FUNCTION sync_api.pull(p_cursor_txid text, p_cursor_seq bigint, p_limit integer)
     RETURNS jsonb LANGUAGE plpgsql ${definer} AS $$
   DECLARE
     t techstore.terminals := sync_api._caller(false);
     v_hi xid8;
     v_page jsonb;
     v_count integer;
     v_last jsonb;
     v_rows jsonb := '[]';
     v_table text;
     v_ids uuid[];
     v_images jsonb;
   BEGIN
     IF current_setting('transaction_isolation') <> 'repeatable read' OR current_setting('transaction_read_only') <> 'on' THEN
       RAISE EXCEPTION 'pull runs in a REPEATABLE READ READ ONLY transaction' USING ERRCODE = 'invalid_transaction_state';
     END IF;
     IF p_limit IS NULL OR p_limit < 1 OR p_limit > 10000 THEN
       RAISE EXCEPTION 'limit must be between 1 and 10000' USING ERRCODE = 'invalid_parameter_value';
     END IF;
     v_hi := pg_snapshot_xmin(pg_current_snapshot());
     SELECT coalesce(jsonb_agg(jsonb_build_object('txid', f.txid::text, 'seq', f.seq, 'table', f.table_name, 'id', f.row_id)
                              ORDER BY f.txid, f.seq), '[]')
       INTO v_page
       FROM (SELECT c.txid, c.seq, c.table_name, c.row_id FROM techstore.change_feed c
              WHERE (c.txid, c.seq) > (p_cursor_txid::xid8, p_cursor_seq) AND c.txid < v_hi
                AND (c.store_id IS NULL OR c.store_id = t.store_id)
              ORDER BY c.txid, c.seq
              LIMIT p_limit) f;
     v_count := jsonb_array_length(v_page);
     FOR v_table, v_ids IN
       SELECT e ->> 'table', array_agg(DISTINCT (e ->> 'id')::uuid) FROM jsonb_array_elements(v_page) e GROUP BY 1
     LOOP
       PERFORM sync_api._entity(v_table);
       EXECUTE format('SELECT coalesce(jsonb_agg(jsonb_build_object(''table'', %L, ''row'', to_jsonb(x))), ''[]'')
                         FROM techstore.%I x WHERE x.id = ANY ($1)', v_table, v_table)
         INTO v_images USING v_ids;
       v_rows := v_rows || v_images;
     END LOOP;
     v_last := v_page -> (v_count - 1);
     RETURN jsonb_build_object(
       'rows', v_rows,
       'more', v_count = p_limit,
       'cursor', CASE WHEN v_count = p_limit
                      THEN jsonb_build_object('txid', v_last ->> 'txid', 'seq', (v_last ->> 'seq')::bigint)
                      ELSE jsonb_build_object('txid', v_hi::text, 'seq', 0) END,
       'central_hlc', sync_api._read_clock());
   END $$`,

  // A fresh terminal's starting point (property 10): pages of current rows, read in the same REPEATABLE READ
  // transaction as the watermark it returns; the terminal then pulls the feed from (watermark, 0). Rows that
  // appear in both are applied twice, harmlessly (property 5).
  `CREATE FUNCTION sync_api.snapshot(p_table text, p_after_id uuid, p_limit integer)
     RETURNS jsonb LANGUAGE plpgsql ${definer} AS $$
   DECLARE
     t techstore.terminals := sync_api._caller(false);
     e techstore.sync_entities := sync_api._entity(p_table);
     v_rows jsonb;
   BEGIN
     IF current_setting('transaction_isolation') <> 'repeatable read' OR current_setting('transaction_read_only') <> 'on' THEN
       RAISE EXCEPTION 'snapshot runs in a REPEATABLE READ READ ONLY transaction' USING ERRCODE = 'invalid_transaction_state';
     END IF;
     IF p_limit IS NULL OR p_limit < 1 OR p_limit > 50000 THEN
       RAISE EXCEPTION 'limit must be between 1 and 50000' USING ERRCODE = 'invalid_parameter_value';
     END IF;
     EXECUTE format('SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x.id), ''[]'') FROM (
                       SELECT * FROM techstore.%I y WHERE y.id > coalesce($1, ''00000000-0000-0000-0000-000000000000''::uuid)
                         AND %s
                       ORDER BY y.id LIMIT $3) x', e.table_name,
                    CASE e.scope WHEN 'store' THEN 'y.store_id = $2' ELSE '$2::uuid IS NOT NULL' END)
       INTO v_rows USING p_after_id, t.store_id, p_limit;
     RETURN jsonb_build_object('rows', v_rows, 'more', jsonb_array_length(v_rows) = p_limit,
       'watermark', pg_snapshot_xmin(pg_current_snapshot())::text, 'central_hlc', sync_api._read_clock());
   END $$`,

  // Property 9: per table and day, the row count and a wrapping sum of a 32-bit hash of each row's canonical
  // text (the registry's columns in order, as text, joined by U+001F; NULL as U+001E 'NULL'). The terminal
  // computes the same over its rows (electron/core/sync/row-digest.ts).
  `CREATE FUNCTION sync_api.digest(p_table text) RETURNS jsonb LANGUAGE plpgsql ${definer} AS $$
   DECLARE
     t techstore.terminals := sync_api._caller(false);
     e techstore.sync_entities := sync_api._entity(p_table);
     v_canonical text;
     v_day text;
     v_result jsonb;
   BEGIN
     SELECT string_agg(format('coalesce(x.%I::text, chr(30) || ''NULL'')', c), ' || chr(31) || ' ORDER BY o)
       INTO v_canonical FROM unnest(e.columns) WITH ORDINALITY AS u(c, o);
     v_day := CASE WHEN 'created_at' = ANY (e.columns) THEN 'left(x.created_at, 10)' ELSE '''''' END;
     EXECUTE format('SELECT coalesce(jsonb_agg(jsonb_build_object(''day'', d.day, ''count'', d.n, ''sum'', d.s) ORDER BY d.day), ''[]'')
                       FROM (SELECT %s AS day, count(*) AS n,
                                    (sum((''x'' || substr(md5(%s), 1, 8))::bit(32)::integer::bigint) %% 4294967296 + 4294967296) %% 4294967296 AS s
                               FROM techstore.%I x WHERE %s GROUP BY 1) d',
                    v_day, v_canonical, e.table_name,
                    CASE e.scope WHEN 'store' THEN 'x.store_id = $1' ELSE '$1::uuid IS NOT NULL' END)
       INTO v_result USING t.store_id;
     RETURN v_result;
   END $$`,

  // The rows of one digest slice, for a terminal whose digest disagreed: it refetches just that slice.
  `CREATE FUNCTION sync_api.digest_rows(p_table text, p_day text) RETURNS jsonb LANGUAGE plpgsql ${definer} AS $$
   DECLARE
     t techstore.terminals := sync_api._caller(false);
     e techstore.sync_entities := sync_api._entity(p_table);
     v_day text;
     v_rows jsonb;
   BEGIN
     v_day := CASE WHEN 'created_at' = ANY (e.columns) THEN 'left(x.created_at, 10)' ELSE '''''' END;
     EXECUTE format('SELECT coalesce(jsonb_agg(to_jsonb(x)), ''[]'') FROM techstore.%I x
                      WHERE %s AND %s = $2', e.table_name,
                    CASE e.scope WHEN 'store' THEN 'x.store_id = $1' ELSE '$1::uuid IS NOT NULL' END, v_day)
       INTO v_rows USING t.store_id, p_day;
     RETURN v_rows;
   END $$`,

  // Terminals get the public functions and nothing else: no table, no helper.
  `ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC`,
  `REVOKE ALL ON SCHEMA techstore FROM PUBLIC`,
  `REVOKE ALL ON ALL TABLES IN SCHEMA techstore FROM PUBLIC`,
  `REVOKE ALL ON ALL FUNCTIONS IN SCHEMA sync_api FROM PUBLIC`,
  `REVOKE ALL ON ALL FUNCTIONS IN SCHEMA techstore FROM PUBLIC`,
  `GRANT USAGE ON SCHEMA sync_api TO pos_terminal`,
  `GRANT EXECUTE ON FUNCTION sync_api.register(uuid, text, uuid), sync_api.push(jsonb, text),
     sync_api.pull(text, bigint, integer), sync_api.snapshot(text, uuid, integer), sync_api.digest(text),
     sync_api.digest_rows(text, text) TO pos_terminal`,
];
