/**
 * Every user gets a home store (`store_id`); NULL is a chain-wide admin, created at central with the CLI. The
 * column joins the replicated columns of `users` (shared/sync/entity-registry.ts), so terminals learn each user's
 * store through the ordinary pull.
 */
export const description = 'users.store_id: the home store of each user (NULL for a chain-wide admin)';

export const statements: readonly string[] = [
  `ALTER TABLE techstore.users ADD COLUMN store_id uuid`,
  `UPDATE techstore.sync_entities
      SET columns = ARRAY['id','name','role','pin_hash','store_id','archived','created_at','updated_at']
    WHERE table_name = 'users'`,
];
