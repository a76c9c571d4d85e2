import type Database from 'better-sqlite3';

/**
 * A stamp of the terminal's file that differs whenever a row may have changed since the last one: the rows this
 * connection has changed (`total_changes()`) and the commits of every other connection, the sync worker's
 * included (`data_version`). Reading it is one prepared statement, a few microseconds, so a check that would
 * otherwise re-read a row on every call (a scan at the till) can skip it while the stamp stays the same.
 */
export function fileChangeStamp(sqlite: Database.Database): () => string {
  const read = sqlite.prepare<[], { changes: number; version: number }>(
    'SELECT total_changes() AS changes, (SELECT data_version FROM pragma_data_version) AS version',
  );
  return () => {
    const row = read.get();
    return row ? `${row.version}:${row.changes}` : '';
  };
}
