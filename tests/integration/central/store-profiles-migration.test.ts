import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addStore } from '../../../db/central/central-admin';
import { initCentral } from '../../../db/central/migrate-central';
import { createTestDatabase, type TestDatabase } from '../../support/pg-database';

/**
 * 0009_store_profiles on a central that already has stores (STYLE: a migration that writes data is tested on
 * data): every store gets its profile, in the change feed so terminals already syncing pull it, with no column
 * clocks so the first terminal write of each column wins.
 */
describe('central migration 0009 on a chain that already has stores', () => {
  let database: TestDatabase;
  let admin: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase(inject('pgAdminUrl'), 'store_profiles_migration');
    admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await initCentral(admin, { through: '0008_repairs' });
    await addStore(admin, { code: 'PAL', name: 'Sucursal Palermo' });
    await addStore(admin, { code: 'BEL', name: 'Sucursal Belgrano' });
  });

  afterAll(async () => {
    await admin?.end();
    await database?.drop();
  });

  it('gives each existing store a profile in the feed, and each store added later one too', async () => {
    const applied = (await initCentral(admin)).applied;
    expect(applied[0]).toBe('0009_store_profiles');
    const profiles = await admin.query(
      `SELECT s.code, p.name, p.warranty_days::int AS days, p.col_hlc, p.store_id = s.id AS own
         FROM techstore.store_profiles p JOIN techstore.stores s ON s.id = p.id ORDER BY s.code`,
    );
    expect(profiles.rows).toEqual([
      { code: 'BEL', name: 'Sucursal Belgrano', days: 90, col_hlc: {}, own: true },
      { code: 'PAL', name: 'Sucursal Palermo', days: 90, col_hlc: {}, own: true },
    ]);
    const fed = await admin.query(
      `SELECT s.code FROM techstore.change_feed f JOIN techstore.stores s ON s.id = f.row_id
        WHERE f.table_name = 'store_profiles' AND f.store_id = s.id ORDER BY s.code`,
    );
    expect(fed.rows).toEqual([{ code: 'BEL' }, { code: 'PAL' }]);

    await addStore(admin, { code: 'REC', name: 'Sucursal Recoleta' });
    const added = await admin.query(
      `SELECT p.name FROM techstore.store_profiles p JOIN techstore.stores s ON s.id = p.id WHERE s.code = 'REC'`,
    );
    expect(added.rows).toEqual([{ name: 'Sucursal Recoleta' }]);
  });
});
