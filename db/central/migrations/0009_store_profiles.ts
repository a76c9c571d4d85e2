/**
 * The store's own data on central (store_profiles: name, contact, repair terms, warranty window), with the
 * conventions of 0008 for a mutable store-scoped table: the registry's columns and types, column clocks, a
 * change-feed trigger, no foreign keys, row-level security by store.
 *
 * One row per store whose id is the store's id (CHECK), so two terminals of a store that each wrote the profile
 * while apart merge into one row column by column. The store comes from the payload but row-level security's
 * WITH CHECK refuses a row for any store but the login's, so a terminal can only ever write its own store's
 * profile; an update never moves it to another store (the CHECK keeps id and store_id together).
 *
 * Every store has its profile from the moment it exists: this migration writes one for each store already there,
 * and a trigger on `techstore.stores` writes one for each store an admin adds, with the store's name and the
 * defaults. Those rows carry no column clocks (`{}`), so the first write of any terminal wins every column it
 * sends, whatever its clock: a standalone terminal adopted by `add-store --id` keeps the profile it set up with,
 * and a joining terminal copies a profile instead of making one up.
 */
const definer = `SECURITY DEFINER SET search_path = pg_catalog, pg_temp`;

/** As shared/contract/store.contract.ts DEFAULT_WARRANTY_DAYS, frozen here (a migration imports no app code). */
const DEFAULT_WARRANTY_DAYS = 90;

export const description = 'store_profiles (mutable, store): name, contact, repair terms and warranty window';

export const statements: readonly string[] = [
  `CREATE TABLE techstore.store_profiles (
     id uuid PRIMARY KEY, store_id uuid NOT NULL, name text NOT NULL, address text NOT NULL, phone text NOT NULL,
     email text NOT NULL, tax_id text NOT NULL, repair_terms text NOT NULL, warranty_days bigint NOT NULL,
     archived bigint NOT NULL DEFAULT 0, created_at text NOT NULL, updated_at text NOT NULL,
     row_version bigint NOT NULL DEFAULT 1, col_hlc jsonb NOT NULL DEFAULT '{}',
     CONSTRAINT store_profiles_one_per_store CHECK (id = store_id),
     -- As the terminals' own CHECKs (local 0006): a value central accepted must be storable on every terminal.
     CONSTRAINT store_profiles_warranty_days CHECK (warranty_days BETWEEN 0 AND 3650),
     CONSTRAINT store_profiles_archived CHECK (archived IN (0, 1))
   )`,

  // Before the seed: terminals already syncing pull the seeded profiles from the feed like any new row.
  `CREATE TRIGGER store_profiles_feed AFTER INSERT OR UPDATE ON techstore.store_profiles
     FOR EACH ROW EXECUTE FUNCTION techstore.feed_store_row()`,

  // Before row-level security: the migration's role has no store.
  `INSERT INTO techstore.store_profiles (id, store_id, name, address, phone, email, tax_id, repair_terms,
     warranty_days, created_at, updated_at, col_hlc)
   SELECT id, id, name, '', '', '', '', '', ${DEFAULT_WARRANTY_DAYS}, to_char(now() AT TIME ZONE 'UTC',
          'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), '{}'
     FROM techstore.stores`,

  `INSERT INTO techstore.sync_entities (table_name, kind, scope, columns) VALUES
     ('store_profiles', 'mutable', 'store', ARRAY['id','store_id','name','address','phone','email','tax_id',
       'repair_terms','warranty_days','archived','created_at','updated_at'])`,

  `ALTER TABLE techstore.store_profiles ENABLE ROW LEVEL SECURITY`,
  `ALTER TABLE techstore.store_profiles FORCE ROW LEVEL SECURITY`,
  `CREATE POLICY store_profiles_by_store ON techstore.store_profiles
     USING (store_id = nullif(current_setting('techstore.store_id', true), '')::uuid)
     WITH CHECK (store_id = nullif(current_setting('techstore.store_id', true), '')::uuid)`,

  // Runs as the owner, which row-level security binds: it takes the new store's id for its own insert only and
  // puts back whatever the transaction had.
  `CREATE FUNCTION techstore.create_store_profile() RETURNS trigger LANGUAGE plpgsql ${definer} AS $$
   DECLARE
     v_outer text := current_setting('techstore.store_id', true);
     v_now text := to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
   BEGIN
     PERFORM set_config('techstore.store_id', NEW.id::text, true);
     INSERT INTO techstore.store_profiles (id, store_id, name, address, phone, email, tax_id, repair_terms,
       warranty_days, created_at, updated_at, col_hlc)
     VALUES (NEW.id, NEW.id, NEW.name, '', '', '', '', '', ${DEFAULT_WARRANTY_DAYS}, v_now, v_now, '{}')
     ON CONFLICT (id) DO NOTHING;
     PERFORM set_config('techstore.store_id', coalesce(v_outer, ''), true);
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER stores_profile AFTER INSERT ON techstore.stores
     FOR EACH ROW EXECUTE FUNCTION techstore.create_store_profile()`,

  `REVOKE ALL ON TABLE techstore.store_profiles FROM PUBLIC`,
  `REVOKE ALL ON FUNCTION techstore.create_store_profile() FROM PUBLIC`,
];
