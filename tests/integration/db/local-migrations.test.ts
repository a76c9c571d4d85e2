import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { Migrator } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { localMigrations } from '../../../db/local/migrations';
import { migrateLocalDatabase, openLocalDatabase } from '../../../db/local/open-local-database';
import { makeTempDir } from '../../support/core-harness';
import { STORED_TABLES } from '../../support/table-counts';

const opened: { destroy(): Promise<void> }[] = [];
const folders: string[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.destroy();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A data folder removed after the test. */
function dataFolder(): string {
  const folder = makeTempDir();
  folders.push(folder);
  return folder;
}

describe('local migrations on a real SQLite file', () => {
  it('create every table on an empty file and apply nothing on a second run', async () => {
    const store = openLocalDatabase({ dataDir: dataFolder() });
    opened.push(store.db);
    expect(await migrateLocalDatabase(store.db)).toEqual(Object.keys(localMigrations));
    expect(await migrateLocalDatabase(store.db)).toEqual([]);
    const tables = store.sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((r) => (r as { name: string }).name);
    for (const table of [...STORED_TABLES, 'products_fts', 'sync_state']) expect(tables).toContain(table);
  });

  it('open the file with WAL, synchronous=FULL and foreign keys on', () => {
    const store = openLocalDatabase({ dataDir: dataFolder() });
    opened.push(store.db);
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('keep a file that was migrated by an earlier start', async () => {
    const dir = dataFolder();
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
    const store = openLocalDatabase({ dataDir: dataFolder() });
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

describe('0002_sync_bookkeeping', () => {
  it('gives rows written before it per-column clocks equal to their own HLC, and drops SKU uniqueness', async () => {
    const store = openLocalDatabase({ dataDir: dataFolder() });
    opened.push(store.db);
    const migrator = new Migrator({
      db: store.db,
      provider: { getMigrations: async () => localMigrations },
    });
    await migrator.migrateTo('0001_foundation');
    const insert = store.sqlite.prepare(
      `INSERT INTO products (id, sku, name, brand, category, price, cost, iva_rate_bp, min_stock, serial_tracked,
         archived, created_at, updated_at, row_version, hlc)
       VALUES (?, ?, 'Cable', '', '', 100, 50, 2100, 0, 0, 0, 't', 't', 1, ?)`,
    );
    insert.run('p1', 'CAB-1', '000000000001000-000000-T01');
    expect(() => insert.run('p2', 'CAB-1', 'x')).toThrow(/UNIQUE/);

    await migrator.migrateToLatest();
    const row = store.sqlite.prepare("SELECT col_hlc, central_version FROM products WHERE id = 'p1'").get() as {
      col_hlc: string;
      central_version: number;
    };
    const clocks = JSON.parse(row.col_hlc) as Record<string, string>;
    expect(Object.keys(clocks).sort()).toEqual([
      'archived',
      'brand',
      'category',
      'cost',
      'created_at',
      'iva_rate_bp',
      'min_stock',
      'name',
      'price',
      'serial_tracked',
      'sku',
      'updated_at',
    ]);
    expect(new Set(Object.values(clocks))).toEqual(new Set(['000000000001000-000000-T01']));
    expect(row.central_version).toBe(0);
    // Two terminals may create one SKU offline; the store must hold both once they sync.
    expect(() => insert.run('p2', 'CAB-1', 'x')).not.toThrow();
  });
});
