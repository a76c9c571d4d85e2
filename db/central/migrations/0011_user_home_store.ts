/**
 * Users get a home store, and a terminal reaches only its store's people (issue 9).
 *
 * - `users.store_id` is the user's home store; NULL is a chain-wide admin, created at central with the CLI
 *   (`npm run central -- add-admin`). Users' scope becomes `store_or_chain`: a terminal pulls, snapshots and
 *   digests its own store's users and the chain's (no store), never another store's PIN hashes. The change feed
 *   carries the row's store (`feed_scoped_row`), so pull needs no change; a row that moves to another store also
 *   tells its old store, whose terminals then hold the row with its new store and no longer count it as theirs.
 * - Push refuses what would reach beyond the caller's store, in `_merge_row`, generically from the registry: for a
 *   `store_or_chain` table, a row that belongs to another store or to the chain, or a write that would move a row
 *   there; a new row that names no store gets the caller's. `sync_entities.central_only` lists values only central
 *   may give a row (users: role admin): a write that would set one, on a new row or on a row that does not hold it
 *   yet, is refused. A refusal raises, so push quarantines the whole mutation with its error and the usual alert,
 *   and nothing of it is applied. The messages start with `beyond store:` or `central only:`, which the terminal
 *   recognises to say so in the staff's words (shared/sync/quarantine-reason.ts).
 * - Existing users get their home store (the backfill below), in the feed so every terminal learns it: a terminal
 *   whose local migration 0007 guessed its own store for every user it held is corrected by central's image.
 */
export const description = 'users.store_id, store_or_chain scope, store and admin checks in push, home-store backfill';

const definer = `SECURITY DEFINER SET search_path = pg_catalog, pg_temp`;

const USER_COLUMNS = `ARRAY['id','name','role','pin_hash','store_id','archived','created_at','updated_at']`;

/**
 * Each existing user's home store, from what central knows of the write that created the row:
 *
 * 1. The clock of `created_at`: set once, by the creating write, whose HLC ends with the id of the terminal that
 *    made it. That terminal's store is the user's. Every row a terminal pushed has it.
 * 2. Otherwise the audit event of the creation (`users.create` about the user, or `setup.initialize` by the
 *    store's first admin), read store by store under that store's row-level security.
 * 3. Otherwise none can be told, and the user is deactivated with no store: never a chain-wide admin by accident
 *    (a cashier must not log in at every store), never a guess that lets them in at a store that is not theirs.
 *    Their name stays for the history that names them; central's admin can give them a store, or create them
 *    again.
 *
 * The last step bumps every row's version and stamps central's clock on what it decided, so every terminal
 * applies the image over its own guess. The feed rows of the first steps carry no store as well as the new one
 * (the row moves from "no store" to its store), so every terminal that held the row, which before this migration
 * was every terminal, is told.
 */
const backfillHomeStores = `DO $$
   DECLARE
     s techstore.stores;
     v_hlc text := sync_api._advance_clock(NULL);
   BEGIN
     UPDATE techstore.users u SET store_id = t.store_id
       FROM techstore.terminals t
      WHERE u.store_id IS NULL AND t.id IS NOT NULL
        AND t.id::text = substring(u.col_hlc ->> 'created_at' FROM '^[0-9]{15}-[0-9]{6}-(.+)$');
     FOR s IN SELECT * FROM techstore.stores ORDER BY code LOOP
       PERFORM set_config('techstore.store_id', s.id::text, true);
       UPDATE techstore.users u SET store_id = s.id
        WHERE u.store_id IS NULL
          AND EXISTS (SELECT 1 FROM techstore.audit_events a
                       WHERE a.store_id = s.id
                         AND ((a.action = 'users.create' AND a.entity_id = u.id::text)
                              OR (a.action = 'setup.initialize' AND a.user_id = u.id)));
     END LOOP;
     PERFORM set_config('techstore.store_id', '', true);
     UPDATE techstore.users u
        SET archived = CASE WHEN u.store_id IS NULL THEN 1 ELSE u.archived END,
            row_version = u.row_version + 1,
            col_hlc = u.col_hlc || jsonb_build_object('store_id', v_hlc)
                      || CASE WHEN u.store_id IS NULL THEN jsonb_build_object('archived', v_hlc) ELSE '{}'::jsonb END;
   END $$`;

/** The rows of a table in the scope of the terminal whose store is the parameter `p_store` ($1, $2...). */
const scopeFilter = `CREATE FUNCTION sync_api._scope_filter(e techstore.sync_entities, p_alias text, p_store text)
     RETURNS text LANGUAGE sql IMMUTABLE ${definer} AS $$
     SELECT CASE e.scope
              WHEN 'store' THEN format('%I.store_id = %s', p_alias, p_store)
              WHEN 'store_or_chain' THEN format('(%I.store_id = %s OR %I.store_id IS NULL)', p_alias, p_store, p_alias)
              ELSE format('%s::uuid IS NOT NULL', p_store) END
   $$`;

export const statements: readonly string[] = [
  `ALTER TABLE techstore.users ADD COLUMN store_id uuid`,
  `CREATE INDEX users_store ON techstore.users (store_id)`,
  // The terminals' own CHECK (local 0001): a role central accepts must be storable on every terminal. NOT VALID:
  // rows already there are not judged, every write from now on is.
  `ALTER TABLE techstore.users ADD CONSTRAINT users_role
     CHECK (role IN ('admin', 'manager', 'cashier', 'technician')) NOT VALID`,

  `ALTER TABLE techstore.sync_entities DROP CONSTRAINT sync_entities_scope_check`,
  `ALTER TABLE techstore.sync_entities ADD CONSTRAINT sync_entities_scope_check
     CHECK (scope IN ('global', 'store', 'store_or_chain') AND (scope <> 'store_or_chain' OR kind = 'mutable'))`,
  `ALTER TABLE techstore.sync_entities ADD COLUMN central_only jsonb NOT NULL DEFAULT '{}'`,
  `UPDATE techstore.sync_entities
      SET scope = 'store_or_chain', columns = ${USER_COLUMNS}, central_only = '{"role": ["admin"]}'
    WHERE table_name = 'users'`,

  // Property 4 for a row whose store may change: the feed row carries its store, and its old store's too.
  `CREATE FUNCTION techstore.feed_scoped_row() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO techstore.change_feed (table_name, row_id, store_id) VALUES (TG_TABLE_NAME, NEW.id, NEW.store_id);
     IF TG_OP = 'UPDATE' AND OLD.store_id IS DISTINCT FROM NEW.store_id THEN
       INSERT INTO techstore.change_feed (table_name, row_id, store_id) VALUES (TG_TABLE_NAME, NEW.id, OLD.store_id);
     END IF;
     RETURN NULL;
   END $$`,
  `DROP TRIGGER users_feed ON techstore.users`,
  `CREATE TRIGGER users_feed AFTER INSERT OR UPDATE ON techstore.users
     FOR EACH ROW EXECUTE FUNCTION techstore.feed_scoped_row()`,

  backfillHomeStores,

  scopeFilter,

  // As 0002's, with the caller's terminal, and the two refusals of the header. Everything else is unchanged.
  `CREATE FUNCTION sync_api._merge_row(t techstore.terminals, e techstore.sync_entities, p_id uuid, p_image jsonb,
       p_hlc text, p_create boolean)
     RETURNS void LANGUAGE plpgsql ${definer} AS $$
   DECLARE
     v_image jsonb := p_image;
     v_columns text[];
     v_winners text[];
     v_clocks jsonb;
     v_current jsonb;
     v_new_clocks jsonb;
     v_list text;
     v_found boolean;
     v_column text;
     v_values jsonb;
   BEGIN
     IF e.kind <> 'mutable' THEN
       RAISE EXCEPTION '% is not mutable', e.table_name;
     END IF;
     -- Property 6: a clock far ahead would win every merge for as long as it is ahead.
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
     -- The row as central holds it is read only where a rule needs its values.
     IF e.scope = 'store_or_chain' OR e.central_only <> '{}' THEN
       EXECUTE format('SELECT x.col_hlc, to_jsonb(x) FROM techstore.%I x WHERE x.id = $1 FOR UPDATE', e.table_name)
         INTO v_clocks, v_current USING p_id;
     ELSE
       EXECUTE format('SELECT col_hlc FROM techstore.%I WHERE id = $1 FOR UPDATE', e.table_name) INTO v_clocks USING p_id;
     END IF;
     v_found := v_clocks IS NOT NULL;

     IF e.scope = 'store_or_chain' THEN
       IF v_found AND v_current ->> 'store_id' IS NULL THEN
         RAISE EXCEPTION 'beyond store: % % belongs to the whole chain; only central changes it', e.table_name, p_id
           USING ERRCODE = 'insufficient_privilege';
       END IF;
       IF v_found AND (v_current ->> 'store_id')::uuid <> t.store_id THEN
         RAISE EXCEPTION 'beyond store: % % belongs to another store; a terminal changes only its own store''s',
           e.table_name, p_id USING ERRCODE = 'insufficient_privilege';
       END IF;
       IF p_image ? 'store_id' AND (p_image ->> 'store_id')::uuid IS DISTINCT FROM t.store_id THEN
         RAISE EXCEPTION 'beyond store: % % would belong to %, not to this terminal''s store', e.table_name, p_id,
           coalesce('store ' || (p_image ->> 'store_id'), 'the whole chain') USING ERRCODE = 'insufficient_privilege';
       END IF;
       IF NOT v_found AND NOT p_image ? 'store_id' THEN
         v_image := v_image || jsonb_build_object('store_id', t.store_id);
         v_columns := array_append(v_columns, 'store_id');
       END IF;
     END IF;

     IF NOT v_found THEN
       IF NOT p_create THEN
         RAISE EXCEPTION '% % does not exist', e.table_name, p_id USING ERRCODE = 'no_data_found';
       END IF;
       v_winners := v_columns;
     ELSE
       SELECT coalesce(array_agg(c), '{}') INTO v_winners FROM unnest(v_columns) c WHERE p_hlc > coalesce(v_clocks ->> c, '');
     END IF;

     -- A value only central gives: refused when this write would set it on a row that does not hold it yet.
     FOR v_column, v_values IN SELECT key, value FROM jsonb_each(e.central_only) LOOP
       IF v_column = ANY (v_winners) AND v_values ? (v_image ->> v_column)
          AND (v_current ->> v_column) IS DISTINCT FROM (v_image ->> v_column) THEN
         RAISE EXCEPTION 'central only: % % cannot get % %; only central gives it', e.table_name, p_id, v_column,
           v_image ->> v_column USING ERRCODE = 'insufficient_privilege';
       END IF;
     END LOOP;

     IF NOT v_found THEN
       SELECT jsonb_object_agg(c, p_hlc) INTO v_new_clocks FROM unnest(v_columns) c;
       SELECT string_agg(quote_ident(c), ', ') INTO v_list FROM unnest(v_columns) c;
       EXECUTE format(
         'INSERT INTO techstore.%I (id, %s, row_version, col_hlc) SELECT $1, %s, 1, $3 FROM jsonb_populate_record(NULL::techstore.%I, $2)',
         e.table_name, v_list, v_list, e.table_name)
       USING p_id, v_image, v_new_clocks;
       RETURN;
     END IF;
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
     USING p_id, v_image, v_new_clocks;
   END $$`,

  // As 0002's, calling the _merge_row above with the caller's terminal.
  `CREATE OR REPLACE FUNCTION sync_api._apply_mutation(t techstore.terminals, p_mutation jsonb, p_ledger boolean)
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
             PERFORM sync_api._merge_row(t, sync_api._entity(v_item ->> 'table'), (v_item ->> 'id')::uuid,
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
               PERFORM sync_api._merge_row(t, e, (v_item ->> 'id')::uuid, v_item, v_hlc, true);
             END LOOP;
           END IF;
       END CASE;
     END LOOP;
   END $$`,
  `DROP FUNCTION sync_api._merge_row(techstore.sync_entities, uuid, jsonb, text, boolean)`,

  // The read side with the scope of _scope_filter; otherwise as in 0003 (snapshot, digest, digest_rows), 0005
  // (snapshot_page) and 0007 (snapshot_rows).
  `CREATE OR REPLACE FUNCTION sync_api.snapshot(p_table text, p_after_id uuid, p_limit integer)
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
                       ORDER BY y.id LIMIT $3) x', e.table_name, sync_api._scope_filter(e, 'y', '$2'))
       INTO v_rows USING p_after_id, t.store_id, p_limit;
     RETURN jsonb_build_object('rows', v_rows, 'more', jsonb_array_length(v_rows) = p_limit,
       'watermark', pg_snapshot_xmin(pg_current_snapshot())::text, 'central_hlc', sync_api._read_clock());
   END $$`,
  `CREATE OR REPLACE FUNCTION sync_api.snapshot_page(p_table text, p_after_id uuid, p_limit integer)
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
                       ORDER BY x.id LIMIT $3) y', v_values, e.table_name, sync_api._scope_filter(e, 'x', '$2'))
       INTO v_rows, v_count, v_last USING p_after_id, t.store_id, p_limit;
     RETURN json_build_object('columns', to_json(v_columns), 'rows', v_rows, 'more', v_count = p_limit,
       'last_id', v_last, 'watermark', pg_snapshot_xmin(pg_current_snapshot())::text,
       'central_hlc', sync_api._read_clock());
   END $$`,
  `CREATE OR REPLACE FUNCTION sync_api.snapshot_rows(p_table text, p_after_id uuid, p_limit integer)
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
                                   ORDER BY x.id LIMIT $3', v_values, e.table_name, sync_api._scope_filter(e, 'x', '$2'))
       USING p_after_id, t.store_id, p_limit;
   END $$`,
  `CREATE OR REPLACE FUNCTION sync_api.digest(p_table text) RETURNS jsonb LANGUAGE plpgsql ${definer} AS $$
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
                    v_day, v_canonical, e.table_name, sync_api._scope_filter(e, 'x', '$1'))
       INTO v_result USING t.store_id;
     RETURN v_result;
   END $$`,
  `CREATE OR REPLACE FUNCTION sync_api.digest_rows(p_table text, p_day text) RETURNS jsonb LANGUAGE plpgsql ${definer} AS $$
   DECLARE
     t techstore.terminals := sync_api._caller(false);
     e techstore.sync_entities := sync_api._entity(p_table);
     v_day text;
     v_rows jsonb;
   BEGIN
     v_day := CASE WHEN 'created_at' = ANY (e.columns) THEN 'left(x.created_at, 10)' ELSE '''''' END;
     EXECUTE format('SELECT coalesce(jsonb_agg(to_jsonb(x)), ''[]'') FROM techstore.%I x
                      WHERE %s AND %s = $2', e.table_name, sync_api._scope_filter(e, 'x', '$1'), v_day)
       INTO v_rows USING t.store_id, p_day;
     RETURN v_rows;
   END $$`,

  `REVOKE ALL ON FUNCTION techstore.feed_scoped_row(),
     sync_api._scope_filter(techstore.sync_entities, text, text),
     sync_api._merge_row(techstore.terminals, techstore.sync_entities, uuid, jsonb, text, boolean) FROM PUBLIC`,
];
