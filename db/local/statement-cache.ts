import type Database from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * What Kysely's SQLite dialect sees of the connection, with prepared statements kept by SQL text. Kysely asks
 * better-sqlite3 to prepare every query anew; preparing costs as much as running a point lookup, and the scan
 * and checkout paths run the same few statements all day. Least recently used statements are dropped past
 * `capacity`, because `IN (?, ?, ...)` lists make many distinct texts.
 */
export function withStatementCache(sqlite: Database.Database, capacity = 256): SqliteDatabase {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SqliteStatement {
      const cached = cache.get(sql);
      if (cached) {
        // Re-inserting moves the entry to the back: Map keeps insertion order, so the front is the oldest.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = sqlite.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > capacity) {
        const oldest = cache.keys().next();
        if (!oldest.done) cache.delete(oldest.value);
      }
      return statement;
    },
  };
}
