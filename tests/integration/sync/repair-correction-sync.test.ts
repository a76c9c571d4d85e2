import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAndRepairDigests } from '../../../electron/core/sync/digest-check';
import { newId } from '../../../shared/ids';
import { centralServers } from '../../support/pg-servers';
import { type SimTerminal, SyncChain } from '../../support/sync-chain';

const IMEI = '490154203237518';
const FIXED_IMEI = '356938035643809';

describe.each(centralServers())('intake corrections across terminals on PostgreSQL %s', (label, adminUrl) => {
  let chain: SyncChain;
  let t01: SimTerminal;
  let t02: SimTerminal;
  let customerId: string;

  /** The detail as a terminal shows it; rowVersion counts that terminal's own writes, so it is left out. */
  const get = async (t: SimTerminal, id: string) => {
    const { rowVersion: _local, ...detail } = await t.harness.ok('repairs.get', { id });
    return detail;
  };

  beforeAll(async () => {
    chain = await SyncChain.create(adminUrl, `sync_repair_correction_${label}`);
    t01 = await chain.standalone('PAL', 'T01');
    customerId = (await t01.harness.ok('customers.create', { name: 'Lucía Fernández', phone: '11 5555-0101' })).id;
    await t01.engine.syncOnce();
    t02 = await chain.joined('PAL', 'T02');
  }, 180_000);

  afterAll(async () => {
    await chain?.close();
  });

  it('T01 corrects the model while T02, offline, corrects the IMEI: both changes and both events everywhere', async () => {
    const order = await t01.harness.ok('repairs.intake', {
      orderId: newId(),
      customerId,
      device: { type: 'Celular', brand: 'Motorola', model: 'G84', imei: IMEI },
      reportedFault: 'no enciende',
      unlockSecret: '1397',
    });
    await chain.settle();
    expect((await get(t02, order.id)).model).toBe('G84');

    await t01.harness.ok('repairs.updateIntake', { orderId: order.id, model: 'Moto G85' });
    await t01.engine.syncOnce(); // central has the model; T02 does not sync
    await t02.harness.ok('repairs.updateIntake', { orderId: order.id, imei: FIXED_IMEI, unlockSecret: '8520' });
    expect(await get(t02, order.id)).toMatchObject({ model: 'G84', imei: FIXED_IMEI });

    await chain.settle();
    const [a, b] = [await get(t01, order.id), await get(t02, order.id)];
    expect(a).toEqual(b);
    expect(a).toMatchObject({ model: 'Moto G85', imei: FIXED_IMEI, unlockSecret: '8520' });
    const corrections = a.timeline.filter((e) => e.kind === 'note').map((e) => e.details.changes);
    expect(corrections).toEqual([
      [{ field: 'model', from: 'G84', to: 'Moto G85' }],
      [
        { field: 'imei', from: IMEI, to: FIXED_IMEI },
        { field: 'unlockSecret', changed: true },
      ],
    ]);

    const central = await chain.admin.query<{ model: string; imei: string; unlock_secret: string }>(
      'SELECT model, imei, unlock_secret FROM techstore.repair_orders WHERE id = $1',
      [order.id],
    );
    expect(central.rows).toEqual([{ model: 'Moto G85', imei: FIXED_IMEI, unlock_secret: '8520' }]);
    const events = await chain.admin.query<{ details: string }>(
      `SELECT details FROM techstore.repair_events WHERE repair_order_id = $1 AND kind = 'note' ORDER BY hlc COLLATE "C"`,
      [order.id],
    );
    expect(events.rows.map((r) => JSON.parse(r.details).changes)).toEqual(corrections);
    expect(JSON.stringify(events.rows)).not.toMatch(/8520|1397/);
    for (const t of [t01, t02]) {
      const repaired = await checkAndRepairDigests(t.sqlite, t.central);
      expect(repaired.filter((r) => r.table.startsWith('repair'))).toEqual([]);
    }
  });
});
