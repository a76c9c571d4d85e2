import { sql } from 'kysely';
import { z } from 'zod';
import { ENTITIES } from '../../../shared/sync/entity-registry';
import type { LocalDb } from '../database/write-transaction';
import { readSetting, writeSetting } from '../repositories/settings.repository';

/**
 * A join to a chain that has started and not finished, kept in the local settings (never synced). It holds the
 * terminal id the first attempt registered with central, which binds it to the login: a retry must use the same
 * one. The connection text itself waits in `sync_state.connection_text`, where the sync worker will read it.
 */
const PENDING_KEY = 'join_pending';

const pendingJoinSchema = z.object({
  terminalId: z.string(),
  /** The central login (role) and where central is (never the password): what a retry must match. */
  role: z.string(),
  central: z.string(),
  startedAt: z.string(),
});
export type PendingJoin = z.infer<typeof pendingJoinSchema>;

export async function readPendingJoin(db: LocalDb): Promise<PendingJoin | null> {
  return readSetting(db, PENDING_KEY, pendingJoinSchema);
}

/** Records the join and its connection text in one transaction, before anything is asked of central. */
export async function recordPendingJoin(trx: LocalDb, pending: PendingJoin, connectionText: string): Promise<void> {
  await writeSetting(trx, PENDING_KEY, pending, pending.startedAt);
  await trx.updateTable('sync_state').set({ connection_text: connectionText }).where('only_row', '=', 1).execute();
}

export async function clearPendingJoin(db: LocalDb): Promise<void> {
  await db.deleteFrom('settings').where('key', '=', PENDING_KEY).execute();
}

/** Drops a join that copied nothing, with its connection text: the folder is free for a store of its own. */
export async function forgetPendingJoin(trx: LocalDb): Promise<void> {
  await clearPendingJoin(trx);
  await trx.updateTable('sync_state').set({ connection_text: null }).where('only_row', '=', 1).execute();
}

export async function storedConnectionText(db: LocalDb): Promise<string | null> {
  const row = await db.selectFrom('sync_state').select('connection_text').executeTakeFirst();
  return row?.connection_text ?? null;
}

/** Whether an interrupted join already copied something here (table names come from the registry only). */
export async function holdsReplicatedRows(db: LocalDb): Promise<boolean> {
  for (const entity of ENTITIES) {
    const found = await sql<{ one: number }>`SELECT 1 AS one FROM ${sql.table(entity.table)} LIMIT 1`.execute(db);
    if (found.rows.length > 0) return true;
  }
  return false;
}
