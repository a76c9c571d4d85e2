import type Database from 'better-sqlite3';

/**
 * One local write transaction of the sync side, begun with BEGIN IMMEDIATE: the write lock is taken up front, so
 * while the till is writing SQLite waits for it within the connection's busy timeout. A deferred transaction that
 * reads before it writes cannot wait: its upgrade from reader to writer fails at once with SQLITE_BUSY, since
 * waiting there could deadlock two readers that both want to write. Nested in another transaction it is a
 * savepoint, as every better-sqlite3 transaction is.
 */
export function writeLocally<T>(sqlite: Database.Database, work: () => T): T {
  return sqlite.transaction(work).immediate();
}
