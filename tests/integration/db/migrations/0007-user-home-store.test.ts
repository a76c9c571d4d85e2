import { rmSync } from 'node:fs';
import { Migrator } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { localMigrations } from '../../../../db/local/migrations';
import { openLocalDatabase } from '../../../../db/local/open-local-database';
import { makeTempDir } from '../../../support/core-harness';

const STORE_ID = '01890000-0000-7000-8000-00000000aaaa';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A real SQLite file migrated up to, and not including, 0007. */
async function fileBefore0007() {
  const dir = makeTempDir();
  const store = openLocalDatabase({ dataDir: dir });
  cleanups.push(async () => {
    await store.db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });
  const migrator = new Migrator({ db: store.db, provider: { getMigrations: async () => localMigrations } });
  const { error } = await migrator.migrateTo('0006_store_profiles');
  if (error) throw error;
  return { store, migrator };
}

function insertUser(sqlite: ReturnType<typeof openLocalDatabase>['sqlite'], id: string, name: string): void {
  sqlite
    .prepare(
      `INSERT INTO users (id, name, role, pin_hash, archived, created_at, updated_at, row_version, hlc)
       VALUES (?, ?, 'cashier', 'x', 0, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 1, 'h')`,
    )
    .run(id, name);
}

describe('local migration 0007: every user gets a home store', () => {
  it('gives the users already on a set-up terminal that terminal store', async () => {
    const { store, migrator } = await fileBefore0007();
    store.sqlite
      .prepare("INSERT INTO settings (key, value) VALUES ('store', ?)")
      .run(JSON.stringify({ id: STORE_ID, name: 'Palermo' }));
    insertUser(store.sqlite, '01890000-0000-7000-8000-000000000001', 'Ana');
    insertUser(store.sqlite, '01890000-0000-7000-8000-000000000002', 'Beto');

    const { error } = await migrator.migrateToLatest();
    expect(error).toBeUndefined();
    expect(store.sqlite.prepare('SELECT name, store_id FROM users ORDER BY name').all()).toEqual([
      { name: 'Ana', store_id: STORE_ID },
      { name: 'Beto', store_id: STORE_ID },
    ]);
  });

  it('migrates a folder that was never set up, and a new user may be chain-wide (no store)', async () => {
    const { store, migrator } = await fileBefore0007();
    const { error } = await migrator.migrateToLatest();
    expect(error).toBeUndefined();
    insertUser(store.sqlite, '01890000-0000-7000-8000-000000000003', 'Admin de la cadena');
    expect(store.sqlite.prepare('SELECT store_id FROM users').get()).toEqual({ store_id: null });
  });
});
