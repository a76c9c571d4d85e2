/**
 * A fresh terminal's snapshot through `COPY ... TO STDOUT` (issue 3's bootstrap_rate):
 *
 * - `sync_api.snapshot_rows`: one page of a table's current rows as a set of text columns, in the registry's
 *   column order (mutable rows add row_version and col_hlc). A terminal reads it with
 *   `COPY (SELECT * FROM sync_api.snapshot_rows(...) AS r(<n text columns>)) TO STDOUT`: PostgreSQL prints each
 *   value once with its own output function, where json_agg(json_build_array(...)) of 0005 built and printed a
 *   json value per row and per page (about half of a bootstrap's time on central). The terminal role still only
 *   EXECUTEs a sync_api function: COPY of a query needs no table privilege, and the function keeps
 *   snapshot_page's scope, row-level security (through _caller), transaction rule and page order exactly.
 * - `sync_api.snapshot_header`: what the pages of 0005 carried besides rows, once per snapshot: the watermark of
 *   the caller's REPEATABLE READ transaction, central's clock and the column list of each table, so the terminal
 *   can refuse a central whose columns it does not expect before writing anything.
 *
 * snapshot_page stays for existing callers.
 */
export const description = 'sync_api: snapshot_rows (COPY-able snapshot pages) and snapshot_header';

const definer = `SECURITY DEFINER SET search_path = pg_catalog, pg_temp`;

export const statements: readonly string[] = [
  // As snapshot_page: store-scoped tables limited to the caller's store (and to it by row-level security, which
  // _caller sets up), pages in id order after p_after_id, only inside a REPEATABLE READ READ ONLY transaction.
  // Every value is sent as text (NULL stays NULL); the caller's column definition list must name as many text
  // columns as the table has, or PostgreSQL refuses the call.
  `CREATE FUNCTION sync_api.snapshot_rows(p_table text, p_after_id uuid, p_limit integer)
     RETURNS SETOF record LANGUAGE plpgsql ${definer} AS $$
   DECLARE
     t techstore.terminals := sync_api._caller(false);
     e techstore.sync_entities := sync_api._entity(p_table);
     v_columns text[];
     v_values text;
   BEGIN
     IF current_setting('transaction_isolation') <> 'repeatable read' OR current_setting('transaction_read_only') <> 'on' THEN
       RAISE EXCEPTION 'snapshot runs in a REPEATABLE READ READ ONLY transaction' USING ERRCODE = 'invalid_transaction_state';
     END IF;
     IF p_limit IS NULL OR p_limit < 1 OR p_limit > 100000 THEN
       RAISE EXCEPTION 'limit must be between 1 and 100000' USING ERRCODE = 'invalid_parameter_value';
     END IF;
     v_columns := e.columns || CASE e.kind WHEN 'mutable' THEN ARRAY['row_version', 'col_hlc'] ELSE '{}'::text[] END;
     SELECT string_agg(format('x.%I::text', c), ', ' ORDER BY o) INTO v_values FROM unnest(v_columns) WITH ORDINALITY AS u(c, o);
     RETURN QUERY EXECUTE format('SELECT %s FROM techstore.%I x
                                   WHERE x.id > coalesce($1, ''00000000-0000-0000-0000-000000000000''::uuid) AND %s
                                   ORDER BY x.id LIMIT $3', v_values, e.table_name,
                                 CASE e.scope WHEN 'store' THEN 'x.store_id = $2' ELSE '$2::uuid IS NOT NULL' END)
       USING p_after_id, t.store_id, p_limit;
   END $$`,
  `REVOKE ALL ON FUNCTION sync_api.snapshot_rows(text, uuid, integer) FROM PUBLIC`,
  `GRANT EXECUTE ON FUNCTION sync_api.snapshot_rows(text, uuid, integer) TO pos_terminal`,

  // The watermark is the xmin of the caller's transaction snapshot, as in snapshot_page: the same for every
  // statement of a REPEATABLE READ transaction, so it may be read before or after the pages.
  `CREATE FUNCTION sync_api.snapshot_header() RETURNS json LANGUAGE plpgsql ${definer} AS $$
   DECLARE
     t techstore.terminals := sync_api._caller(false);
   BEGIN
     IF current_setting('transaction_isolation') <> 'repeatable read' OR current_setting('transaction_read_only') <> 'on' THEN
       RAISE EXCEPTION 'snapshot runs in a REPEATABLE READ READ ONLY transaction' USING ERRCODE = 'invalid_transaction_state';
     END IF;
     RETURN json_build_object(
       'columns', (SELECT json_object_agg(e.table_name,
                     e.columns || CASE e.kind WHEN 'mutable' THEN ARRAY['row_version', 'col_hlc'] ELSE '{}'::text[] END)
                     FROM techstore.sync_entities e),
       'watermark', pg_snapshot_xmin(pg_current_snapshot())::text,
       'central_hlc', sync_api._read_clock());
   END $$`,
  `REVOKE ALL ON FUNCTION sync_api.snapshot_header() FROM PUBLIC`,
  `GRANT EXECUTE ON FUNCTION sync_api.snapshot_header() TO pos_terminal`,
];
