/**
 * Money and quantities have business bounds at central too (issue 9). The terminals refuse an amount past its bound
 * before writing (shared/money-bounds.ts), but central applied whatever a terminal pushed: a stolen terminal login,
 * or a terminal on older code, could book an account entry of 9007199254740991 centavos, which every terminal of
 * the chain pulls (the ledger is global) and after which that customer's balance cannot be read anywhere.
 *
 * - CHECK constraints on every integer column of the replicated tables, with the rules of shared/sync/row-bounds.ts
 *   (the terminal applies the same to what it pulls): money and quantities within their bounds, either way for
 *   history the terminal's own schema lets take either sign, from zero for what it keeps non-negative; an account
 *   entry's amount by its kind (and the method only a payment has, as the terminal's own CHECK); the amounts an
 *   order sums in a repair event's details; every other integer an exact JavaScript integer. A push that breaks one
 *   fails inside push's subtransaction for its mutation, which is quarantined with the constraint's name (all end
 *   in `_bounds`, which the terminal recognises to say so in the staff's words) while the rest of the backlog
 *   applies (SYNC.md property 3).
 * - Added NOT VALID, so rows already here are not judged by the ALTER; then each is validated where every row
 *   already fits, one at a time in a subtransaction: a central with an older row past a bound keeps that one
 *   constraint unvalidated (pg_constraint.convalidated says which), its row as it is, and still refuses every new
 *   write past it. Validating costs a scan of the table while the migration holds it, once. A row kept past a bound
 *   is judged again by any write that changes it: an edit of such a product is quarantined until a write of its
 *   price brings it within bounds (as the till already refuses to sell it).
 * - A customer's balance is kept within `chainBalance` at every line of its statement (the balance after each entry
 *   in ledger order, created_at then id, as the terminals print it): an entry that would take one of those past it,
 *   away from zero, is refused with an `over bounds:` error. Per-entry bounds alone let a hostile terminal push
 *   thousands of entries; the final balance alone would not do either, since entries dated far apart (large charges
 *   dated long ago, the payments that offset them dated later) leave it small while the statement's older lines,
 *   and the opening balance of a page of them, pass 2^53. Bounding every line bounds every sum a terminal makes.
 *   It never conflicts with property 3 for an honest terminal: each keeps the balance within `accountBalance` as it
 *   sees it, a hundredth of the cap, so only an absurd sequence gets there; and what moves a balance back toward
 *   zero (a payment on a debt) is never refused, so a manager can always bring an account back. A cap at
 *   `accountBalance` itself would conflict: terminals offline at once may each take a balance to it on their own,
 *   and central would then refuse a completed sale. A cap on what an account moves over its life would too: once a
 *   hostile terminal had spent it, every honest entry of that customer would be refused for ever.
 * - The cap is checked under a lock per customer, so concurrent pushes cannot both pass it. Push takes the locks of
 *   all the customers it books entries on first, in one order (push is restated from 0005 with that step and
 *   nothing else), so no push waits for one while holding a row lock another push waits for.
 */
export const description = 'bounds on every amount and quantity central accepts, and on every balance of a statement';

const definer = `SECURITY DEFINER SET search_path = pg_catalog, pg_temp`;

/**
 * The bounds of shared/money-bounds.ts (MONEY_BOUNDS and QUANTITY_BOUNDS) as they stood when this migration was
 * written, restated here (a migration imports no app code); a test checks they still equal it.
 */
export const MONEY = {
  unitPrice: 100_000_000_000,
  lineTotal: 1_000_000_000_000,
  saleTotal: 1_000_000_000_000,
  payment: 1_000_000_000_000,
  repairAmount: 100_000_000_000,
  repairTotal: 1_000_000_000_000,
  creditLimit: 1_000_000_000_000,
  accountBalance: 10_000_000_000_000,
  chainBalance: 1_000_000_000_000_000,
} as const;
export const QUANTITY = {
  saleLine: 9_999,
  repairPart: 1_000,
  stockAdjustment: 1_000_000,
  minStock: 1_000_000,
} as const;
/** Number.MAX_SAFE_INTEGER: the last integer a terminal reads exactly. */
export const SAFE_INTEGER = 9_007_199_254_740_991;

/** The lock class of an account's balance check (pg_advisory_xact_lock(class, hashtext(customer id))). */
const ACCOUNT_LOCK = 727275;

type Range = readonly [least: number, greatest: number];
const upTo = (bound: number): Range => [0, bound];
const either = (bound: number): Range => [-bound, bound];
const SAFE = either(SAFE_INTEGER);

/** Every integer column of a replicated table with its range (and whether zero is refused), as of this migration. */
const COLUMNS: readonly (readonly [table: string, column: string, range: Range, nonZero?: true])[] = [
  ['users', 'archived', SAFE],
  ['products', 'price', upTo(MONEY.unitPrice)],
  ['products', 'cost', upTo(MONEY.unitPrice)],
  ['products', 'iva_rate_bp', SAFE],
  ['products', 'min_stock', upTo(QUANTITY.minStock)],
  ['products', 'serial_tracked', SAFE],
  ['products', 'archived', SAFE],
  ['product_barcodes', 'archived', SAFE],
  ['customers', 'credit_limit', upTo(MONEY.creditLimit)],
  ['customers', 'archived', SAFE],
  ['sales', 'sequence', SAFE],
  ['sales', 'total', either(MONEY.saleTotal)],
  ['sale_lines', 'line_no', SAFE],
  ['sale_lines', 'quantity', either(QUANTITY.saleLine), true],
  ['sale_lines', 'unit_price', either(MONEY.unitPrice)],
  ['sale_lines', 'line_total', either(MONEY.lineTotal)],
  ['sale_lines', 'iva_rate_bp', SAFE],
  ['sale_lines', 'line_net', either(MONEY.lineTotal)],
  ['sale_lines', 'line_iva', either(MONEY.lineTotal)],
  ['payments', 'amount', either(MONEY.payment)],
  ['payments', 'tendered', either(MONEY.payment)],
  ['payments', 'change', either(MONEY.payment)],
  ['stock_movements', 'quantity', either(QUANTITY.stockAdjustment), true],
  ['repair_orders', 'estimate', upTo(MONEY.repairAmount)],
  ['repair_orders', 'estimate_pre_approved', SAFE],
  ['repair_orders', 'final_price', upTo(MONEY.repairAmount)],
  ['repair_orders', 'archived', SAFE],
  // store_profiles.warranty_days and archived have their CHECKs since 0009.
];

/** The amounts of a repair event's details that an order sums, by event kind. */
const REPAIR_DETAILS: readonly (readonly [kind: string, key: string, range: Range])[] = [
  ['deposit', 'amount', [1, MONEY.repairAmount]],
  ['labor', 'amount', [1, MONEY.repairAmount]],
  ['part', 'quantity', [1, QUANTITY.repairPart]],
  ['part', 'unitPrice', upTo(MONEY.unitPrice)],
  ['part', 'total', upTo(MONEY.repairTotal)],
];

/** Every constraint this migration adds: its table, its name and what it checks. */
const CONSTRAINTS: readonly (readonly [table: string, name: string, check: string])[] = [
  ...COLUMNS.map(
    ([table, column, [least, greatest], nonZero]) =>
      [
        table,
        `${table}_${column}_bounds`,
        `${column} BETWEEN ${least} AND ${greatest}${nonZero ? ` AND ${column} <> 0` : ''}`,
      ] as const,
  ),
  // An entry's amount by its kind: the sign of the terminal's own CHECK (local 0004) and the bound of what writes it.
  [
    'customer_account_entries',
    'customer_account_entries_amount_bounds',
    `(kind = 'charge' AND amount BETWEEN 1 AND ${MONEY.saleTotal})
      OR (kind = 'payment' AND amount BETWEEN ${-MONEY.payment} AND -1)
      OR (kind = 'adjustment' AND amount BETWEEN ${-MONEY.accountBalance} AND ${MONEY.accountBalance} AND amount <> 0)`,
  ],
  // As the terminal's own CHECKs: an entry central keeps must be storable on every terminal, or balances differ.
  [
    'customer_account_entries',
    'customer_account_entries_method_bounds',
    `CASE WHEN kind = 'payment' THEN coalesce(method IN ('cash', 'debit_card', 'credit_card', 'transfer'), false)
          ELSE method IS NULL END`,
  ],
  ['repair_events', 'repair_events_details_bounds', 'techstore.repair_event_amounts_within(kind, details)'],
];

const validateWhereAllFit = `DO $$
   DECLARE
     v_table text;
     v_name text;
   BEGIN
     FOR v_table, v_name IN SELECT * FROM unnest(${sqlArray(CONSTRAINTS.map(([table]) => table))}::text[],
                                               ${sqlArray(CONSTRAINTS.map(([, name]) => name))}::text[]) LOOP
       BEGIN
         EXECUTE format('ALTER TABLE techstore.%I VALIDATE CONSTRAINT %I', v_table, v_name);
       EXCEPTION WHEN check_violation THEN
         RAISE NOTICE '% keeps rows past % from before its bounds; the constraint stays NOT VALID', v_table, v_name;
       END;
     END LOOP;
   END $$`;

function sqlArray(values: readonly string[]): string {
  return `ARRAY[${values.map((v) => `'${v}'`).join(', ')}]`;
}

export const statements: readonly string[] = [
  // Details the terminal could not read are refused: not JSON, or not an object for a kind whose amounts an order
  // sums. A number there must be an integer within its bound; anything else there is read as nothing.
  `CREATE FUNCTION techstore.repair_event_amounts_within(p_kind text, p_details text) RETURNS boolean
     LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
   DECLARE
     v_details jsonb;
     v_key text;
     v_least numeric;
     v_greatest numeric;
     v_amount numeric;
   BEGIN
     IF p_kind IS NULL OR p_kind NOT IN (${[...new Set(REPAIR_DETAILS.map(([kind]) => `'${kind}'`))].join(', ')}) THEN
       RETURN true;
     END IF;
     BEGIN
       v_details := p_details::jsonb;
     EXCEPTION WHEN OTHERS THEN
       RETURN false;
     END;
     IF jsonb_typeof(v_details) IS DISTINCT FROM 'object' THEN
       RETURN false;
     END IF;
     FOR v_key, v_least, v_greatest IN
       SELECT d.key, d.least, d.greatest
         FROM (VALUES ${REPAIR_DETAILS.map(([kind, key, [least, greatest]]) => `('${kind}', '${key}', ${least}, ${greatest})`).join(', ')})
              AS d(kind, key, least, greatest)
        WHERE d.kind = p_kind
     LOOP
       IF jsonb_typeof(v_details -> v_key) = 'number' THEN
         v_amount := (v_details ->> v_key)::numeric;
         IF v_amount <> trunc(v_amount) OR v_amount < v_least OR v_amount > v_greatest THEN
           RETURN false;
         END IF;
       END IF;
     END LOOP;
     RETURN true;
   END $$`,

  ...CONSTRAINTS.map(
    ([table, name, check]) => `ALTER TABLE techstore.${table} ADD CONSTRAINT ${name} CHECK (${check}) NOT VALID`,
  ),
  validateWhereAllFit,

  // Ledger order, as the terminals read it (electron/core/repositories/account.repository.ts): the check walks it.
  `CREATE INDEX customer_account_entries_ledger
     ON techstore.customer_account_entries (customer_id, created_at COLLATE "C", id) INCLUDE (amount)`,

  // The cap on every line of a statement. BEFORE the row is written, under the customer's lock: rows of the same
  // statement written before it are seen (a push's batch writes all its entries in one INSERT). An entry central
  // already holds is left to ON CONFLICT, not counted twice. The entry goes in at its place in ledger order: its
  // line's balance is the sum of what precedes it plus its amount, and every later line moves by its amount.
  `CREATE FUNCTION techstore.hold_account_balance() RETURNS trigger LANGUAGE plpgsql ${definer} AS $$
   DECLARE
     v_before numeric;
     v_later bigint;
     v_high numeric;
     v_low numeric;
   BEGIN
     -- An amount no entry may have is left to customer_account_entries_amount_bounds, whose error names it.
     IF NEW.amount = 0 OR NEW.amount NOT BETWEEN ${-MONEY.accountBalance} AND ${MONEY.accountBalance} THEN
       RETURN NEW;
     END IF;
     PERFORM pg_advisory_xact_lock(${ACCOUNT_LOCK}, hashtext(NEW.customer_id::text));
     IF EXISTS (SELECT 1 FROM techstore.customer_account_entries e WHERE e.id = NEW.id) THEN
       RETURN NEW;
     END IF;
     SELECT coalesce(sum(e.amount) FILTER (WHERE e.created_at COLLATE "C" < NEW.created_at
                                             OR (e.created_at = NEW.created_at AND e.id < NEW.id)), 0),
            count(*) FILTER (WHERE e.created_at COLLATE "C" > NEW.created_at
                               OR (e.created_at = NEW.created_at AND e.id > NEW.id))
       INTO v_before, v_later
       FROM techstore.customer_account_entries e WHERE e.customer_id = NEW.customer_id;
     v_high := v_before;
     v_low := v_before;
     IF v_later > 0 THEN
       SELECT greatest(v_high, max(r.running)), least(v_low, min(r.running)) INTO v_high, v_low
         FROM (SELECT e.created_at, e.id,
                      sum(e.amount) OVER (ORDER BY e.created_at COLLATE "C", e.id ROWS UNBOUNDED PRECEDING) AS running
                 FROM techstore.customer_account_entries e WHERE e.customer_id = NEW.customer_id) r
        WHERE r.created_at COLLATE "C" > NEW.created_at OR (r.created_at = NEW.created_at AND r.id > NEW.id);
     END IF;
     IF NEW.amount > 0 AND v_high + NEW.amount > ${MONEY.chainBalance} THEN
       RAISE EXCEPTION 'over bounds: an entry of % would take the balance of customer % to % centavos in its statement, past the % central records',
         NEW.amount, NEW.customer_id, v_high + NEW.amount, ${MONEY.chainBalance} USING ERRCODE = 'check_violation';
     END IF;
     IF NEW.amount < 0 AND v_low + NEW.amount < ${-MONEY.chainBalance} THEN
       RAISE EXCEPTION 'over bounds: an entry of % would take the balance of customer % to % centavos in its statement, past the % central records',
         NEW.amount, NEW.customer_id, v_low + NEW.amount, ${-MONEY.chainBalance} USING ERRCODE = 'check_violation';
     END IF;
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER customer_account_entries_balance BEFORE INSERT ON techstore.customer_account_entries
     FOR EACH ROW EXECUTE FUNCTION techstore.hold_account_balance()`,

  // As 0005's push, with the customers' locks taken first (see the header). Everything else is unchanged.
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
     v_lock integer;
   BEGIN
     IF t.id IS NULL THEN
       RAISE EXCEPTION 'register this terminal before pushing' USING ERRCODE = 'invalid_parameter_value';
     END IF;
     IF jsonb_typeof(p_mutations) <> 'array' THEN
       RAISE EXCEPTION 'mutations must be an array' USING ERRCODE = 'invalid_parameter_value';
     END IF;
     -- The customers whose accounts this push books entries on, locked before anything else and in one order
     -- (customer_account_entries_balance's lock, taken again there at no cost): a push never holds a row lock while
     -- it waits for one of these, so two pushes cannot deadlock over them. Ids that are not a uuid's canonical text
     -- are left to the trigger; such an entry fails there anyway.
     FOR v_lock IN
       SELECT DISTINCT hashtext(r ->> 'customer_id')
         FROM jsonb_array_elements(p_mutations) x,
              jsonb_array_elements(CASE WHEN jsonb_typeof(x -> 'payload' -> 'customer_account_entries') = 'array'
                                        THEN x -> 'payload' -> 'customer_account_entries' ELSE '[]' END) r
        WHERE r ->> 'customer_id' ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
        ORDER BY 1
     LOOP
       PERFORM pg_advisory_xact_lock(${ACCOUNT_LOCK}, v_lock);
     END LOOP;
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

  `REVOKE ALL ON FUNCTION techstore.repair_event_amounts_within(text, text), techstore.hold_account_balance() FROM PUBLIC`,
];
