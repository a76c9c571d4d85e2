import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStore, addTerminal } from '../../../db/central/central-admin';
import { newId } from '../../../shared/ids';
import { withCredentials } from '../../support/pg-database';
import { centralServers } from '../../support/pg-servers';
import { readIdentity, type SimTerminal, SyncChain } from '../../support/sync-chain';

/** Two writes on two terminals a few milliseconds apart: the later one has the higher HLC. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe.each(centralServers())('the store profile on PostgreSQL %s', (label, adminUrl) => {
  let chain: SyncChain;
  let t01: SimTerminal; // Palermo, set up on its own before it joined the chain
  let t02: SimTerminal; // Palermo
  let t03: SimTerminal; // Belgrano: a store an admin added on central

  const profileOn = (t: SimTerminal) => t.harness.ok('store.profile', {});
  const centralProfile = async (storeCode: string) =>
    (
      await chain.admin.query<Record<string, unknown>>(
        `SELECT p.name, p.address, p.phone, p.repair_terms, p.warranty_days FROM techstore.store_profiles p
           JOIN techstore.stores s ON s.id = p.id WHERE s.code = $1`,
        [storeCode],
      )
    ).rows;

  beforeAll(async () => {
    chain = await SyncChain.create(adminUrl, `sync_store_profile_${label}`);
    t01 = await chain.standalone('PAL', 'T01');
    await t01.engine.syncOnce();
    t02 = await chain.joined('PAL', 'T02');
    await addStore(chain.admin, { code: 'BEL', name: 'Sucursal Belgrano' });
    t03 = await chain.joined('BEL', 'T03');
  }, 180_000);

  afterAll(async () => {
    await chain?.close();
  });

  it('a standalone store keeps the profile it set up with; a store added on central starts from its name', async () => {
    // add-store named the adopted store "Sucursal PAL"; the terminal's own setup wins every column.
    expect(await centralProfile('PAL')).toEqual([
      { name: 'TechStore Palermo', address: '', phone: '', repair_terms: '', warranty_days: '90' },
    ]);
    expect((await profileOn(t02)).name).toBe('TechStore Palermo');
    expect(await profileOn(t03)).toMatchObject({ name: 'Sucursal Belgrano', warrantyDays: 90 });
    expect((await t03.harness.ok('app.status', {})).storeName).toBe('Sucursal Belgrano');
  });

  it('edits on two terminals apart merge per column, and the later write of one field wins everywhere', async () => {
    await t01.harness.ok('store.updateProfile', { phone: '11 4822-1234', address: 'Av. Santa Fe 3253' });
    await tick();
    await t02.harness.ok('store.updateProfile', {
      repairTerms: 'Garantía de 60 días.\nNo cubre humedad.',
      warrantyDays: 60,
      address: 'Av. Santa Fe 3253, local 4',
    });
    await chain.settle();

    const expected = {
      name: 'TechStore Palermo',
      phone: '11 4822-1234',
      address: 'Av. Santa Fe 3253, local 4',
      repairTerms: 'Garantía de 60 días.\nNo cubre humedad.',
      warrantyDays: 60,
    };
    expect(await profileOn(t01)).toMatchObject(expected);
    expect(await profileOn(t02)).toEqual(await profileOn(t01));
    expect(await centralProfile('PAL')).toEqual([
      {
        name: expected.name,
        address: expected.address,
        phone: expected.phone,
        repair_terms: expected.repairTerms,
        warranty_days: '60',
      },
    ]);
    // Belgrano holds only its own profile.
    expect(t03.sqlite.prepare('SELECT name FROM store_profiles').all()).toEqual([{ name: 'Sucursal Belgrano' }]);
  });

  it('a terminal that never held the profile row sends only what it edited, not defaults over a sibling', async () => {
    await t01.harness.ok('store.updateProfile', { email: 'palermo@techstore.com.ar' });
    await t01.engine.syncOnce();
    // T02 as a terminal from before profiles existed: no row, and it has not pulled T01's edit yet.
    t02.sqlite.prepare('DELETE FROM store_profiles').run();
    expect((await profileOn(t02)).email).toBe('');
    await t02.harness.ok('store.updateProfile', { taxId: '30-71234567-1' });
    await chain.settle();
    for (const t of [t01, t02]) {
      expect(await profileOn(t)).toMatchObject({
        email: 'palermo@techstore.com.ar',
        taxId: '30-71234567-1',
        phone: '11 4822-1234',
        warrantyDays: 60,
        repairTerms: 'Garantía de 60 días.\nNo cubre humedad.',
      });
    }
  });

  it("refuses a terminal's write to another store's profile", async () => {
    const login = await addTerminal(chain.admin, { storeCode: 'BEL', terminalCode: 'T09' });
    const client = new pg.Client({ connectionString: withCredentials(chain.database.url, login.role, login.password) });
    await client.connect();
    try {
      const terminalId = newId();
      await client.query('SELECT sync_api.register($1, $2, NULL)', [terminalId, 'T09']);
      const palermo = readIdentity(t01.sqlite).storeId;
      const belgrano = readIdentity(t03.sqlite).storeId;
      const stamp = `${String(Date.now()).padStart(15, '0')}-000000-${terminalId}`;
      const row = (id: string, storeId: string) => ({
        id,
        store_id: storeId,
        name: 'Estafa',
        address: '',
        phone: '0800-ESTAFA',
        email: '',
        tax_id: '',
        repair_terms: '',
        warranty_days: 9999,
        archived: 0,
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      });
      const forged = [
        // Palermo's row is invisible to a Belgrano login, so a change finds nothing to change...
        { changes: [{ table: 'store_profiles', id: palermo, columns: { phone: '0800-ESTAFA' } }] },
        // ...a whole row for Palermo is refused by row-level security...
        { store_profiles: [row(palermo, palermo)] },
        // ...a second profile under Belgrano's store breaks one-row-per-store...
        { store_profiles: [row(palermo, belgrano)] },
        // ...and its own profile takes only values every terminal can store.
        { changes: [{ table: 'store_profiles', id: belgrano, columns: { warranty_days: 9999 } }] },
      ].map((payload, i) => ({
        seq: i + 1,
        mutation_id: newId(),
        kind: 'store.updateProfile',
        hlc: stamp,
        payload,
      }));
      const pushed = await client.query<{ r: { quarantined: { seq: number; error: string }[] } }>(
        'SELECT sync_api.push($1::jsonb, $2) AS r',
        [JSON.stringify(forged), stamp],
      );
      expect(pushed.rows[0]?.r.quarantined.map((q) => [q.seq, q.error])).toEqual([
        [1, `store_profiles ${palermo} does not exist`],
        [2, expect.stringMatching(/row-level security/)],
        [3, expect.stringMatching(/store_profiles_one_per_store/)],
        [4, expect.stringMatching(/store_profiles_warranty_days/)],
      ]);
      expect(await centralProfile('PAL')).toMatchObject([{ name: 'TechStore Palermo', phone: '11 4822-1234' }]);
      expect(await centralProfile('BEL')).toMatchObject([
        { name: 'Sucursal Belgrano', phone: '', warranty_days: '90' },
      ]);
    } finally {
      await client.end();
    }
  });
});
