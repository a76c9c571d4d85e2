import { type Kysely, sql } from 'kysely';

/**
 * Every user gets a home store (`store_id`), so a terminal can be held to its own store's people: it lists and
 * lets log in only its store's users and the chain's admins, and it may push changes to its store's users only.
 * NULL means chain-wide: an admin created at central with the CLI, who logs in on every store's terminals.
 *
 * Users already on this terminal were all made here or copied from a chain that knew no stores for people, so
 * they take this terminal's store (the `store` setting written by first-run setup or a join). A folder that is
 * not set up yet has no users to move.
 */
// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema of its own time, not today's.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('users').addColumn('store_id', 'text').execute();
  await sql`UPDATE users SET store_id = (SELECT json_extract(value, '$.id') FROM settings WHERE key = 'store')`.execute(
    db,
  );
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('users').dropColumn('store_id').execute();
}
