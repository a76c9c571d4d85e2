import { type Kysely, sql } from 'kysely';
import type { LocalDatabase } from '../../../db/local/local-schema';
import { currentCall } from './call-record';

export type LocalDb = Kysely<LocalDatabase>;

export interface WriteOptions {
  /**
   * The transaction only records an attempt the call may then refuse (a wrong PIN's audit event): its commit does
   * not make the call's answer "saved".
   */
  attemptOnly?: boolean;
}

async function totalChanges(conn: LocalDb): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT total_changes() AS n`.execute(conn);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Runs `work` in one `BEGIN IMMEDIATE` transaction on a dedicated connection: the write lock is taken up front,
 * so a second connection (the sync worker's) can never force a mid-transaction upgrade failure, and either every
 * row of the unit lands or none does. Commit happens before the returned promise resolves, so a caller that
 * reports success only after awaiting it never reports a sale that is not on disk.
 *
 * Inside a router call, the commit is noted in the call's record (call-record.ts) when it changed any row, so a
 * failure after it is answered as saved.
 */
export async function writeTransaction<T>(
  db: LocalDb,
  work: (trx: LocalDb) => Promise<T>,
  options: WriteOptions = {},
): Promise<T> {
  const call = currentCall();
  const { result, wrote } = await db.connection().execute(async (conn) => {
    await sql`BEGIN IMMEDIATE`.execute(conn);
    call?.begin(options.attemptOnly === true);
    try {
      const changesBefore = call ? await totalChanges(conn) : 0;
      const result = await work(conn);
      const wrote = call ? (await totalChanges(conn)) > changesBefore : false;
      await sql`COMMIT`.execute(conn);
      return { result, wrote };
    } catch (error) {
      call?.rolledBack();
      await sql`ROLLBACK`.execute(conn);
      throw error;
    }
  });
  call?.committed(wrote);
  return result;
}
