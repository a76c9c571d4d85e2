import { type Kysely, sql } from 'kysely';
import type { LocalDatabase } from '../../../db/local/local-schema';

export type LocalDb = Kysely<LocalDatabase>;

/**
 * Runs `work` in one `BEGIN IMMEDIATE` transaction on a dedicated connection: the write lock is taken up front,
 * so a second connection (the sync worker's) can never force a mid-transaction upgrade failure, and either every
 * row of the unit lands or none does. Commit happens before the returned promise resolves, so a caller that
 * reports success only after awaiting it never reports a sale that is not on disk.
 */
export async function writeTransaction<T>(db: LocalDb, work: (trx: LocalDb) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`BEGIN IMMEDIATE`.execute(conn);
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
