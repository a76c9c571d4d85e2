import { sql } from 'kysely';
import type { LocalDb } from './write-transaction';

/**
 * Runs `work` in one deferred transaction on a dedicated connection, for an answer built from several reads that
 * must agree with each other (a ledger page's balance and its running balances). In WAL mode every read in it
 * sees the file as of its first read, so a row another connection (the sync worker's) commits meanwhile shows in
 * all of them or in none. It takes no write lock, unlike writeTransaction: that connection keeps writing while
 * this one reads. `work` only reads.
 */
export async function readTransaction<T>(db: LocalDb, work: (trx: LocalDb) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`BEGIN DEFERRED`.execute(conn);
    try {
      const result = await work(conn);
      await sql`COMMIT`.execute(conn);
      return result;
    } catch (error) {
      await sql`ROLLBACK`.execute(conn);
      throw error;
    }
  });
}
