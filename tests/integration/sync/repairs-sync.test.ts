import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStore } from '../../../db/central/central-admin';
import { CentralAlertSync } from '../../../electron/core/sync/central-alert-sync';
import { checkAndRepairDigests } from '../../../electron/core/sync/digest-check';
import type { RequestOf } from '../../../shared/contract/index';
import { newId } from '../../../shared/ids';
import { checkTransition, REPAIR_STATUSES } from '../../../shared/repair-status';
import { centralServers } from '../../support/pg-servers';
import { type SimTerminal, SyncChain } from '../../support/sync-chain';

/** Two writes on two terminals a few milliseconds apart: the later one has the higher HLC, whatever the counters. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe.each(centralServers())('repair orders on PostgreSQL %s', (label, adminUrl) => {
  let chain: SyncChain;
  let t01: SimTerminal; // Palermo
  let t02: SimTerminal; // Palermo
  let t03: SimTerminal; // Belgrano: another store
  let customerId: string;
  let technicianId: string;
  let partId: string;

  const intake = (overrides: Partial<RequestOf<'repairs.intake'>> = {}): RequestOf<'repairs.intake'> => ({
    orderId: newId(),
    customerId,
    device: { type: 'Celular', brand: 'Motorola', model: 'G84', imei: '490154203237518' },
    reportedFault: 'no enciende',
    unlockSecret: '1397',
    ...overrides,
  });

  /** The detail as a terminal shows it; rowVersion counts that terminal's own writes, so it is left out. */
  const get = async (t: SimTerminal, id: string) => {
    const { rowVersion: _local, ...detail } = await t.harness.ok('repairs.get', { id });
    return detail;
  };

  const alerts = async (orderId: string) =>
    (
      await chain.admin.query<{ store: string; details: Record<string, unknown> }>(
        `SELECT s.code AS store, a.details FROM techstore.alerts a JOIN techstore.stores s ON s.id = a.store_id
          WHERE a.kind = 'repair_transition_conflict' AND a.entity_table = 'repair_orders' AND a.entity_id = $1`,
        [orderId],
      )
    ).rows;

  /** An order both Palermo terminals hold, moved to `status` on T01 and synced. */
  async function sharedOrder(path: RequestOf<'repairs.transition'>['to'][]): Promise<string> {
    const order = await t01.harness.ok('repairs.intake', intake({ estimate: 9_000_000, estimatePreApproved: true }));
    for (const to of path) await t01.harness.ok('repairs.transition', { orderId: order.id, to });
    await chain.settle();
    expect((await get(t02, order.id)).status).toBe(path.at(-1) ?? 'received');
    return order.id;
  }

  beforeAll(async () => {
    chain = await SyncChain.create(adminUrl, `sync_repairs_${label}`);
    t01 = await chain.standalone('PAL', 'T01');
    customerId = (await t01.harness.ok('customers.create', { name: 'Lucía Fernández', phone: '11 5555-0101' })).id;
    technicianId = (await t01.harness.ok('users.create', { name: 'Tomás Técnico', role: 'technician', pin: '4321' }))
      .id;
    const part = await t01.harness.createProduct({ sku: 'FLEX-G84', name: 'Flex de carga G84', price: 1_200_000 });
    partId = part.id;
    await t01.harness.ok('stock.adjust', { productId: partId, quantity: 10, reason: 'receipt' });
    await t01.engine.syncOnce();
    t02 = await chain.joined('PAL', 'T02');
    await addStore(chain.admin, { code: 'BEL', name: 'Sucursal Belgrano' });
    t03 = await chain.joined('BEL', 'T03');
  }, 180_000);

  afterAll(async () => {
    await chain?.close();
  });

  it('an order taken in on T02 offline reaches T01 with its timeline and parts, and never another store', async () => {
    const order = await t02.harness.ok('repairs.intake', intake({ deposit: { amount: 300_000, method: 'cash' } }));
    expect(order.number).toBe('R-T02-000001');
    await t02.harness.ok('repairs.transition', { orderId: order.id, to: 'diagnosing' });
    await t02.harness.ok('repairs.addPart', { orderId: order.id, eventId: newId(), productId: partId, quantity: 2 });
    // Nothing has left T02 yet.
    await t01.engine.syncOnce();
    expect((await t01.harness.fails('repairs.get', { id: order.id })).code).toBe('NOT_FOUND');

    await chain.settle();
    const onT02 = await get(t02, order.id);
    const onT01 = await get(t01, order.id);
    expect(onT01).toEqual(onT02);
    expect(onT01).toMatchObject({ number: 'R-T02-000001', status: 'diagnosing', unlockSecret: '1397' });
    expect(onT01.timeline.map((e) => e.kind)).toEqual(['intake', 'deposit', 'status', 'part']);
    expect((await t01.harness.ok('repairs.findByNumber', { text: 'r t02 1' })).id).toBe(order.id);
    expect((await t01.harness.ok('catalog.get', { id: partId })).stockOnHand).toBe(8);

    expect((await t03.harness.fails('repairs.get', { id: order.id })).code).toBe('NOT_FOUND');
    expect((await t03.harness.ok('repairs.list', {})).total).toBe(0);
    const central = await chain.admin.query<{ store: string; terminal: string }>(
      `SELECT s.code AS store, t.code AS terminal FROM techstore.repair_orders o
         JOIN techstore.stores s ON s.id = o.store_id JOIN techstore.terminals t ON t.id = o.terminal_id
        WHERE o.id = $1`,
      [order.id],
    );
    expect(central.rows).toEqual([{ store: 'PAL', terminal: 'T02' }]);
    for (const t of [t01, t02, t03]) {
      const repaired = await checkAndRepairDigests(t.sqlite, t.central);
      expect(repaired.filter((r) => r.table.startsWith('repair'))).toEqual([]);
    }
  });

  it('edits of different fields on two terminals apart merge per column, with both events kept', async () => {
    const id = await sharedOrder(['diagnosing']);
    await t01.harness.ok('repairs.diagnose', { orderId: id, diagnosis: 'placa mojada', estimate: 15_000_000 });
    await t02.harness.ok('repairs.assign', { orderId: id, technicianId });
    await t02.harness.ok('repairs.addNote', { orderId: id, eventId: newId(), text: 'llamó el cliente' });
    await chain.settle();
    const [a, b] = [await get(t01, id), await get(t02, id)];
    expect(a).toEqual(b);
    expect(a).toMatchObject({
      diagnosis: 'placa mojada',
      estimate: 15_000_000,
      technician: { id: technicianId, name: 'Tomás Técnico' },
    });
    expect(a.timeline.map((e) => e.kind).sort()).toEqual(
      ['assignment', 'diagnosis', 'estimate', 'intake', 'note', 'status'].sort(),
    );
    expect(await alerts(id)).toEqual([]);
  });

  it('two status changes made apart both stay on the timeline; a merge the machine cannot reach raises an alert', async () => {
    const id = await sharedOrder(['diagnosing', 'in_repair']);
    await t01.harness.ok('repairs.transition', { orderId: id, to: 'repaired' });
    await tick();
    await t02.harness.ok('repairs.transition', { orderId: id, to: 'waiting_parts' });
    // The later change reaches central first: the rule must not depend on push order.
    await t02.engine.syncOnce();
    await t01.engine.syncOnce();
    await chain.settle();

    const [a, b] = [await get(t01, id), await get(t02, id)];
    expect(a).toEqual(b);
    expect(a.status).toBe('waiting_parts'); // the later write wins the column
    const changes = a.timeline.filter((e) => e.kind === 'status').map((e) => `${e.fromStatus}->${e.toStatus}`);
    expect(changes).toEqual([
      'received->diagnosing',
      'diagnosing->in_repair',
      'in_repair->repaired',
      'in_repair->waiting_parts',
    ]);
    // T01's bench saw its order go from repaired to waiting_parts, which the machine never allows.
    expect(await alerts(id)).toEqual([
      {
        store: 'PAL',
        details: expect.objectContaining({
          seen: 'repaired',
          became: 'waiting_parts',
          earlier_terminal: 'T01',
          later_terminal: 'T02',
        }),
      },
    ]);
    // The alert reaches the store's terminals through their alert cache, and not another store's.
    for (const t of [t01, t02, t03]) await new CentralAlertSync(t.sqlite, t.central).syncOnce();
    const kinds = async (t: SimTerminal) => (await t.harness.ok('sync.alerts', {})).items.map((x) => x.kind);
    expect(await kinds(t01)).toContain('repair_transition_conflict');
    expect(await kinds(t02)).toContain('repair_transition_conflict');
    expect(await kinds(t03)).not.toContain('repair_transition_conflict');
  });

  it('forks that land on an allowed move raise nothing', async () => {
    const both = await sharedOrder([]);
    await t01.harness.ok('repairs.transition', { orderId: both, to: 'diagnosing' });
    await tick();
    await t02.harness.ok('repairs.transition', { orderId: both, to: 'diagnosing' });
    const cancel = await sharedOrder(['diagnosing', 'in_repair', 'repaired']);
    await t01.harness.ok('repairs.transition', { orderId: cancel, to: 'ready_for_pickup' });
    await tick();
    await t02.harness.ok('repairs.transition', { orderId: cancel, to: 'cancelled', reason: 'retira sin reparar' });
    await chain.settle();
    expect((await get(t01, both)).status).toBe('diagnosing');
    expect((await get(t01, cancel)).status).toBe('cancelled');
    expect((await get(t01, cancel)).timeline.filter((e) => e.kind === 'status')).toHaveLength(5);
    expect(await alerts(both)).toEqual([]);
    expect(await alerts(cancel)).toEqual([]);
  });

  it("central's transition table is DOMAIN.md's machine, as shared/repair-status.ts says it", async () => {
    const central = await chain.admin.query<{ from_status: string; to_status: string }>(
      'SELECT from_status, to_status FROM techstore.repair_transitions',
    );
    const expected = REPAIR_STATUSES.flatMap((from) =>
      REPAIR_STATUSES.filter((to) => checkTransition(from, to, { estimatePreApproved: true, reason: 'x' }).ok).map(
        (to) => `${from}->${to}`,
      ),
    );
    expect(central.rows.map((r) => `${r.from_status}->${r.to_status}`).sort()).toEqual(expected.sort());
  });
});
