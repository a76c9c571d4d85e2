import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateLocalDatabase, openLocalDatabase } from '../../../db/local/open-local-database';
import { makeTempDir } from '../../support/core-harness';
import { STORED_TABLES } from '../../support/table-counts';

const opened: { destroy(): Promise<void> }[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.destroy();
});

describe('local migrations on a real SQLite file', () => {
  it('create every table on an empty file and apply nothing on a second run', async () => {
    const store = openLocalDatabase({ dataDir: makeTempDir() });
    opened.push(store.db);
    expect(await migrateLocalDatabase(store.db)).toEqual(['0001_foundation']);
    expect(await migrateLocalDatabase(store.db)).toEqual([]);
    const tables = store.sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((r) => (r as { name: string }).name);
    for (const table of [...STORED_TABLES, 'products_fts']) expect(tables).toContain(table);
  });

  it('open the file with WAL, synchronous=FULL and foreign keys on', () => {
    const store = openLocalDatabase({ dataDir: makeTempDir() });
    opened.push(store.db);
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('keep a file that was migrated by an earlier start', async () => {
    const dir = makeTempDir();
    const first = openLocalDatabase({ dataDir: dir });
    await migrateLocalDatabase(first.db);
    first.sqlite.prepare("INSERT INTO settings (key, value) VALUES ('probe', '{\"kept\":true}')").run();
    await first.db.destroy();

    const second = openLocalDatabase({ dataDir: dir });
    opened.push(second.db);
    expect(await migrateLocalDatabase(second.db)).toEqual([]);
    expect(second.sqlite.prepare("SELECT value FROM settings WHERE key = 'probe'").get()).toEqual({
      value: '{"kept":true}',
    });
  });

  it('make history append-only: an audit event refuses UPDATE and DELETE', async () => {
    const store = openLocalDatabase({ dataDir: makeTempDir() });
    opened.push(store.db);
    await migrateLocalDatabase(store.db);
    const raw = new Database(store.file);
    raw
      .prepare(
        "INSERT INTO audit_events (id, action, details, terminal_id, created_at, hlc) VALUES ('a', 'x', '{}', 't', 'now', 'h')",
      )
      .run();
    expect(() => raw.prepare("UPDATE audit_events SET action = 'y'").run()).toThrow(/append-only/);
    expect(() => raw.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/);
    raw.close();
  });
});
