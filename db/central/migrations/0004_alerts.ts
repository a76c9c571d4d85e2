/**
 * Alerts reach the terminals (SYNC.md property 3: what a completed sale breaks becomes an alert row, shown to a
 * manager). A terminal reads its own store's alerts and acknowledges them through two new sync_api functions;
 * central also raises 'clock_skew' when a terminal's clock is more than 5 minutes off its own (property 6).
 *
 * Alerts are central's own bookkeeping, not a replicated entity: a terminal caches them (as of its last sync) and
 * sends an acknowledgement as a command, which is idempotent by nature (the first one wins). Conventions of
 * 0002/0003: SECURITY DEFINER, pinned search_path, the caller's store from its login role, EXECUTE for
 * pos_terminal only, helpers prefixed `_` granted to nobody.
 */
export const description = 'sync_api: alerts of the caller store, acknowledgement, clock-skew alerts';

const definer = `SECURITY DEFINER SET search_path = pg_catalog, pg_temp`;

/** Central's rule for clocks (0002: an HLC this far ahead is refused for merges). */
const SKEW_LIMIT_MS = 300000;

export const statements: readonly string[] = [
  // Who acknowledged is the user's name as the terminal knows it; the terminal comes from the login, never from
  // the caller's word. The user id travels in the terminal's audit event ('alert.acknowledge').
  `ALTER TABLE techstore.alerts ADD COLUMN acknowledged_terminal text, ADD COLUMN acknowledgement_note text`,
  `CREATE INDEX alerts_by_store ON techstore.alerts (store_id, id)`,

  // The same row-level security as the store ledgers (0001): even a bug in a sync_api function cannot hand one
  // store's alerts to another store's terminal. Every writer of alerts runs after _caller has set the store.
  `ALTER TABLE techstore.alerts ENABLE ROW LEVEL SECURITY`,
  `ALTER TABLE techstore.alerts FORCE ROW LEVEL SECURITY`,
  `CREATE POLICY alerts_by_store ON techstore.alerts
     USING (store_id = nullif(current_setting('techstore.store_id', true), '')::uuid)
     WITH CHECK (store_id = nullif(current_setting('techstore.store_id', true), '')::uuid)`,

  // One open alert per terminal whose clock is off, whichever way; the open-once index deduplicates. Once a
  // manager has seen it, it is not raised again for a day: every sync of a terminal still off would otherwise
  // bring it straight back (the terminal's own screen keeps warning until its clock is fixed).
  `CREATE FUNCTION sync_api._raise_clock_alert(t techstore.terminals, p_skew_ms bigint) RETURNS void
     LANGUAGE plpgsql ${definer} AS $$
   BEGIN
     IF t.id IS NULL OR p_skew_ms IS NULL OR abs(p_skew_ms) <= ${SKEW_LIMIT_MS} THEN
       RETURN;
     END IF;
     IF EXISTS (SELECT 1 FROM techstore.alerts a
                 WHERE a.kind = 'clock_skew' AND a.entity_table = 'terminals' AND a.entity_id = t.id
                   AND a.store_id = t.store_id AND a.acknowledged_at > now() - interval '1 day') THEN
       RETURN;
     END IF;
     INSERT INTO techstore.alerts (store_id, kind, entity_table, entity_id, details)
     VALUES (t.store_id, 'clock_skew', 'terminals', t.id, jsonb_build_object('skew_ms', p_skew_ms, 'terminal', t.code))
     ON CONFLICT (kind, entity_table, entity_id, store_id) WHERE acknowledged_at IS NULL DO NOTHING;
   END $$`,

  // Push (0002) records each terminal's skew from the HLC it pushed: a clock far ahead shows there. A trigger
  // rather than a new push, so push stays in one place; it runs inside push, after _caller set the store.
  `CREATE FUNCTION sync_api._terminal_clock_alert() RETURNS trigger LANGUAGE plpgsql ${definer} AS $$
   BEGIN
     PERFORM sync_api._raise_clock_alert(NEW, NEW.clock_skew_ms);
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER terminals_clock_alert AFTER UPDATE OF clock_skew_ms ON techstore.terminals FOR EACH ROW
     WHEN (abs(NEW.clock_skew_ms) > ${SKEW_LIMIT_MS}) EXECUTE FUNCTION sync_api._terminal_clock_alert()`,

  // Times as ISO text in UTC, like the terminal writes them.
  `CREATE FUNCTION sync_api._iso(p_at timestamptz) RETURNS text LANGUAGE sql STABLE ${definer} AS $$
     SELECT to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
   $$`,
  `CREATE FUNCTION sync_api._alert_json(a techstore.alerts) RETURNS jsonb LANGUAGE sql STABLE ${definer} AS $$
     SELECT jsonb_build_object('id', a.id, 'kind', a.kind, 'entity_table', a.entity_table, 'entity_id', a.entity_id,
       'details', a.details, 'created_at', sync_api._iso(a.created_at),
       'acknowledged_at', sync_api._iso(a.acknowledged_at), 'acknowledged_by', a.acknowledged_by,
       'acknowledged_terminal', a.acknowledged_terminal, 'acknowledgement_note', a.acknowledgement_note)
   $$`,

  // The caller's store's open alerts and those acknowledged in the last 7 days (so every terminal sees an alert
  // cleared, and by whom). The terminal also says what its wall clock reads: a clock behind central never shows
  // in a pushed HLC (the terminal's HLC already merged central's), so this is where it is caught.
  `CREATE FUNCTION sync_api.alerts(p_terminal_wall_ms bigint) RETURNS jsonb LANGUAGE plpgsql ${definer} AS $$
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
              WHERE x.store_id = t.store_id
                AND (x.acknowledged_at IS NULL OR x.acknowledged_at > now() - interval '7 days')
              ORDER BY x.acknowledged_at IS NULL DESC, x.id DESC
              LIMIT 2000) a;
     RETURN jsonb_build_object('alerts', v_alerts, 'central_time', sync_api._iso(now()));
   END $$`,

  // Idempotent: the first acknowledgement wins and a repeat returns the row as it is. The time is the manager's
  // (the terminal may send it hours after, from offline), kept between the alert's creation and central's now.
  `CREATE FUNCTION sync_api.acknowledge_alert(p_id bigint, p_by text, p_at timestamptz, p_note text)
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
            acknowledged_terminal = t.code,
            acknowledgement_note = left(nullif(btrim(p_note), ''), 500)
      WHERE x.id = p_id AND x.store_id = t.store_id AND x.acknowledged_at IS NULL
      RETURNING * INTO a;
     IF FOUND THEN
       PERFORM pg_notify('techstore_changes', ''); -- other terminals of the store refresh their list
     ELSE
       SELECT * INTO a FROM techstore.alerts x WHERE x.id = p_id AND x.store_id = t.store_id;
       IF NOT FOUND THEN
         RETURN jsonb_build_object('id', p_id, 'found', false);
       END IF;
     END IF;
     RETURN sync_api._alert_json(a) || jsonb_build_object('found', true);
   END $$`,

  `REVOKE ALL ON FUNCTION sync_api._raise_clock_alert(techstore.terminals, bigint), sync_api._terminal_clock_alert(),
     sync_api._iso(timestamptz), sync_api._alert_json(techstore.alerts), sync_api.alerts(bigint),
     sync_api.acknowledge_alert(bigint, text, timestamptz, text) FROM PUBLIC`,
  `GRANT EXECUTE ON FUNCTION sync_api.alerts(bigint), sync_api.acknowledge_alert(bigint, text, timestamptz, text)
     TO pos_terminal`,
];
