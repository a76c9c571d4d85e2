import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestOf } from '../../../shared/contract/index';
import { newId } from '../../../shared/ids';
import { CoreHarness } from '../../support/core-harness';
import { lastOutboxMutations } from '../../support/outbox-reading';
import { countRows } from '../../support/table-counts';

const IMEI = '490154203237518';

let h: CoreHarness;
let customerId: string;
let technician: { id: string; token: string };
let cashier: { id: string; token: string };

async function login(role: 'manager' | 'cashier' | 'technician', pin: string) {
  const user = await h.ok('users.create', { name: `Usuario ${role}`, role, pin });
  return { id: user.id, token: (await h.ok('users.login', { userId: user.id, pin }, null)).token };
}

function intake(overrides: Partial<RequestOf<'repairs.intake'>> = {}): RequestOf<'repairs.intake'> {
  return {
    orderId: newId(),
    customerId,
    device: { type: 'Celular', brand: 'Samsung', model: 'Galaxy A54', imei: '49 015420 323751 8' },
    accessories: ['funda', 'chip Personal'],
    conditionNotes: 'pantalla astillada en la esquina',
    reportedFault: 'no carga',
    unlockSecret: '2580',
    promisedAt: '2026-03-10T18:00:00-03:00',
    deposit: { amount: 500_000, method: 'cash' },
    ...overrides,
  };
}

const REPAIR_TABLES = ['repair_orders', 'repair_events', 'stock_movements', 'outbox', 'document_counters'] as const;

const counts = (db: Database.Database) => countRows(db, REPAIR_TABLES);

beforeEach(async () => {
  h = await CoreHarness.open();
  await h.setUp();
  customerId = (await h.ok('customers.create', { name: 'Juan Pérez', phone: '11 4444-5555' })).id;
  technician = await login('technician', '5555');
  cashier = await login('cashier', '6666');
});

afterEach(async () => {
  await h.close();
});

describe('a repair from intake to ready for pickup', () => {
  it('follows the machine, books two parts off stock and keeps every step on the timeline in order', async () => {
    const screen = await h.createProduct({ sku: 'PANT-A54', name: 'Pantalla A54', price: 8_000_000 });
    const battery = await h.createProduct({ sku: 'BAT-A54', name: 'Batería A54', price: 2_500_000, barcodes: [] });
    await h.ok('stock.adjust', { productId: screen.id, quantity: 5, reason: 'receipt' });
    await h.ok('stock.adjust', { productId: battery.id, quantity: 3, reason: 'receipt' });

    const db = h.inspect();
    const before = counts(db);
    const order = await h.ok('repairs.intake', intake(), cashier.token);
    expect(order).toMatchObject({
      number: 'R-T01-000001',
      status: 'received',
      imei: IMEI,
      accessories: ['funda', 'chip Personal'],
      hasUnlockSecret: true,
      unlockSecret: null, // the cashier who took it in does not see it again
      totals: { parts: 0, labor: 0, deposits: 500_000 },
      allowedTransitions: ['diagnosing', 'cancelled'],
      promisedAt: '2026-03-10T21:00:00.000Z',
    });
    expect(counts(db)).toEqual({
      ...before,
      repair_orders: 1,
      repair_events: 2,
      // The seña's sale first (history central always accepts), then the order itself (history-first.ts).
      outbox: before.outbox + 2,
      // The repair series and the sale series: the seña is a sale (repair-sale.ts).
      document_counters: before.document_counters + 2,
    });
    const [senaSale, intakeMutation] = lastOutboxMutations(db, 2);
    expect([senaSale?.kind, intakeMutation?.kind]).toEqual(['repair.intake', 'repair.intake']);
    expect(Object.keys(senaSale?.payload ?? {}).sort()).toEqual(['payments', 'sale_lines', 'sales']);
    expect(Object.keys(intakeMutation?.payload ?? {}).sort()).toEqual(['products', 'repair_events', 'repair_orders']);

    const tech = technician.token;
    const id = order.id;
    await h.ok('repairs.assign', { orderId: id, technicianId: technician.id });
    await h.ok('repairs.transition', { orderId: id, to: 'diagnosing' }, tech);
    await h.ok('repairs.diagnose', { orderId: id, diagnosis: 'pin de carga y pantalla', estimate: 12_000_000 }, tech);
    await h.ok('repairs.transition', { orderId: id, to: 'awaiting_approval' }, tech);
    await h.ok(
      'repairs.recordApproval',
      { orderId: id, decision: 'approved', by: 'Juan Pérez', via: 'whatsapp' },
      cashier.token,
    );
    await h.ok('repairs.transition', { orderId: id, to: 'in_repair' }, tech);
    const outboxBeforePart = counts(db).outbox;
    await h.ok('repairs.addPart', { orderId: id, eventId: newId(), productId: screen.id, quantity: 1 }, tech);
    expect(counts(db).outbox).toBe(outboxBeforePart + 2);
    const [partMovement, partMutation] = lastOutboxMutations(db, 2);
    expect([partMovement?.kind, partMutation?.kind]).toEqual(['repair.part', 'repair.part']);
    expect(Object.keys(partMutation?.payload ?? {}).sort()).toEqual(['changes', 'repair_events']);
    expect(partMovement?.payload.stock_movements).toMatchObject([
      { product_id: screen.id, quantity: -1, reason: 'repair_part', note: 'Reparación R-T01-000001' },
    ]);
    // The second part by its barcode-less SKU, as a scanner reads a shelf label.
    await h.ok('repairs.addPart', { orderId: id, eventId: newId(), code: ' bat-a54 ', quantity: 2 }, tech);
    await h.ok(
      'repairs.addLabor',
      { orderId: id, eventId: newId(), description: 'mano de obra', amount: 3_000_000 },
      tech,
    );
    await h.ok('repairs.transition', { orderId: id, to: 'repaired' }, tech);
    await h.ok('repairs.setFinalPrice', { orderId: id, finalPrice: 16_000_000 }, tech);
    const ready = await h.ok('repairs.transition', { orderId: id, to: 'ready_for_pickup' }, cashier.token);

    expect((await h.ok('catalog.get', { id: screen.id })).stockOnHand).toBe(4);
    expect((await h.ok('catalog.get', { id: battery.id })).stockOnHand).toBe(1);

    const detail = await h.ok('repairs.get', { id }, tech);
    expect(detail).toMatchObject({
      status: 'ready_for_pickup',
      technician: { id: technician.id, name: 'Usuario technician' },
      diagnosis: 'pin de carga y pantalla',
      estimate: 12_000_000,
      finalPrice: 16_000_000,
      unlockSecret: '2580',
      totals: { parts: 8_000_000 + 2 * 2_500_000, labor: 3_000_000, deposits: 500_000 },
      allowedTransitions: ['delivered', 'cancelled'],
    });
    expect(ready.timeline).toEqual(detail.timeline);
    expect(detail.timeline.map((e) => [e.kind, e.fromStatus, e.toStatus])).toEqual([
      ['intake', null, 'received'],
      ['deposit', null, null],
      ['assignment', null, null],
      ['status', 'received', 'diagnosing'],
      ['diagnosis', null, null],
      ['estimate', null, null],
      ['status', 'diagnosing', 'awaiting_approval'],
      ['approval', 'awaiting_approval', 'approved'],
      ['status', 'approved', 'in_repair'],
      ['part', null, null],
      ['part', null, null],
      ['labor', null, null],
      ['status', 'in_repair', 'repaired'],
      ['estimate', null, null],
      ['status', 'repaired', 'ready_for_pickup'],
    ]);
    expect(detail.timeline[7]).toMatchObject({
      userName: 'Usuario cashier',
      details: { by: 'Juan Pérez', via: 'whatsapp', estimate: 12_000_000 },
    });
    expect(detail.timeline[10]?.details).toMatchObject({ sku: 'BAT-A54', quantity: 2, total: 5_000_000 });
    // Every call was one transaction with one mutation; the part events name their stock movements.
    const movements = db
      .prepare("SELECT id FROM stock_movements WHERE reason = 'repair_part' ORDER BY product_id")
      .all() as { id: string }[];
    expect(movements).toHaveLength(2);
    const partIds = detail.timeline.filter((e) => e.kind === 'part').map((e) => e.details.stockMovementId);
    expect(partIds.sort()).toEqual(movements.map((m) => m.id).sort());
    db.close();
  });

  it('a retried part with the same event id books nothing twice; a retried intake takes nothing in twice', async () => {
    const part = await h.createProduct({ sku: 'PIN-USB', price: 400_000 });
    const request = intake();
    const first = await h.ok('repairs.intake', request);
    expect(await h.ok('repairs.intake', request)).toEqual(first);
    await h.ok('repairs.transition', { orderId: first.id, to: 'diagnosing' });
    const db = h.inspect();
    const eventId = newId();
    await h.ok('repairs.addPart', { orderId: first.id, eventId, productId: part.id, quantity: 1 });
    const after = counts(db);
    await h.ok('repairs.addPart', { orderId: first.id, eventId, productId: part.id, quantity: 1 });
    expect(counts(db)).toEqual(after);
    expect((await h.fails('repairs.intake', { ...request, reportedFault: 'otra falla' })).code).toBe('CONFLICT');
    db.close();
  });
});

describe('refusals write nothing', () => {
  it('a forbidden transition is a CONFLICT and changes nothing; a cancel needs a reason', async () => {
    const order = await h.ok('repairs.intake', intake());
    const db = h.inspect();
    const before = counts(db);
    const refused = await h.fails('repairs.transition', { orderId: order.id, to: 'repaired' });
    expect(refused).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('received -> repaired') });
    const noReason = await h.fails('repairs.transition', { orderId: order.id, to: 'cancelled', reason: '  ' });
    expect(noReason.code).toBe('VALIDATION');
    // Without a pre-approved estimate the bench cannot skip the customer's approval.
    await h.ok('repairs.transition', { orderId: order.id, to: 'diagnosing' });
    const mid = counts(db);
    expect((await h.fails('repairs.transition', { orderId: order.id, to: 'in_repair' })).code).toBe('CONFLICT');
    expect(
      (await h.fails('repairs.recordApproval', { orderId: order.id, decision: 'approved', by: 'Juan', via: 'phone' }))
        .code,
    ).toBe('CONFLICT');
    expect(counts(db)).toEqual(mid);
    expect(mid).toEqual({ ...before, repair_events: before.repair_events + 1, outbox: before.outbox + 1 });
    expect((await h.ok('repairs.get', { id: order.id })).status).toBe('diagnosing');
    const cancelled = await h.ok('repairs.transition', {
      orderId: order.id,
      to: 'cancelled',
      reason: 'no lo quiere reparar',
    });
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      cancelReason: 'no lo quiere reparar',
      allowedTransitions: [],
    });
    db.close();
  });

  it.each([
    [
      'a bad IMEI',
      { device: { type: 'Celular', brand: 'Samsung', model: 'A54', imei: '490154203237519' } },
      'device.imei',
    ],
    [
      'an IMEI of 14 digits',
      { device: { type: 'Celular', brand: 'Samsung', model: 'A54', imei: '49015420323751' } },
      'device.imei',
    ],
    ['no IMEI and no serial', { device: { type: 'Celular', brand: 'Samsung', model: 'A54' } }, 'device.imei'],
    ['no customer', { customerId: undefined }, 'customerId'],
    ['an unknown customer', { customerId: newId() }, 'customerId'],
    ['no device', { device: undefined }, 'device'],
    [
      'a device without a model',
      { device: { type: 'Celular', brand: 'Samsung', model: ' ', serial: 'SN1' } },
      'device.model',
    ],
    ['a pre-approval without an estimate', { estimatePreApproved: true }, 'estimate'],
  ])('%s is refused with the field named', async (_label, overrides, path) => {
    const db = h.inspect();
    const before = counts(db);
    const refused = await h.fails('repairs.intake', { ...intake(), ...overrides });
    expect(refused.code).toBe('VALIDATION');
    expect(refused.issues?.map((i) => i.path)).toContain(path);
    expect(counts(db)).toEqual(before);
    db.close();
  });
});

describe('the unlock code', () => {
  it('is shown to the bench in the detail only, never to a cashier, never in a list or a search', async () => {
    const order = await h.ok('repairs.intake', intake({ unlockSecret: 'patrón L' }));
    expect((await h.ok('repairs.get', { id: order.id })).unlockSecret).toBe('patrón L');
    expect((await h.ok('repairs.get', { id: order.id }, technician.token)).unlockSecret).toBe('patrón L');
    expect((await h.ok('repairs.get', { id: order.id }, cashier.token)).unlockSecret).toBeNull();
    expect((await h.ok('repairs.findByNumber', { text: order.number }, cashier.token)).unlockSecret).toBeNull();
    const list = await h.ok('repairs.list', {}, technician.token);
    expect(list.items[0]).toMatchObject({ id: order.id, hasUnlockSecret: true });
    expect(JSON.stringify(list)).not.toContain('patrón L');
  });
});

describe('numbers and lookup', () => {
  it('numbers orders per terminal without gaps, refusals included, and finds them from a QR or a typed number', async () => {
    const first = await h.ok('repairs.intake', intake());
    await h.fails('repairs.intake', intake({ customerId: newId() }));
    await h.fails('repairs.intake', intake({ device: { type: 'x', brand: 'y', model: 'z', imei: '1' } }));
    const second = await h.ok(
      'repairs.intake',
      intake({ device: { type: 'Notebook', brand: 'Lenovo', model: 'T14', serial: 'PF-2X' } }),
    );
    const third = await h.ok('repairs.intake', intake());
    expect([first, second, third].map((o) => o.number)).toEqual(['R-T01-000001', 'R-T01-000002', 'R-T01-000003']);

    for (const text of [
      'R-T01-000002',
      'r-t01-000002',
      '  r t01 2 ',
      'https://techstore.local/r?n=R-T01-000002',
      'R-T01-2\n',
    ]) {
      expect((await h.ok('repairs.findByNumber', { text }, cashier.token)).id, text).toBe(second.id);
    }
    expect((await h.fails('repairs.findByNumber', { text: 'T01-00000002' })).code).toBe('VALIDATION');
    expect((await h.fails('repairs.findByNumber', { text: 'R-T01-000099' })).code).toBe('NOT_FOUND');
  });

  it('lists by status, technician, customer and dates, with counts per status and overdue orders', async () => {
    const other = (await h.ok('customers.create', { name: 'María Gómez' })).id;
    const late = await h.ok('repairs.intake', intake({ promisedAt: '2020-01-01T12:00:00Z' }));
    const later = await h.ok('repairs.intake', intake({ promisedAt: '2099-01-01T12:00:00Z', customerId: other }));
    const cancelledLate = await h.ok('repairs.intake', intake({ promisedAt: '2020-01-01T12:00:00Z' }));
    await h.ok('repairs.transition', { orderId: cancelledLate.id, to: 'cancelled', reason: 'se arrepintió' });
    await h.ok('repairs.transition', { orderId: later.id, to: 'diagnosing' });
    await h.ok('repairs.assign', { orderId: later.id, technicianId: technician.id });

    const all = await h.ok('repairs.list', {});
    expect(all.total).toBe(3);
    expect(all.counts).toMatchObject({ received: 1, diagnosing: 1, cancelled: 1, delivered: 0 });
    expect(all.overdue).toBe(1);
    expect(all.items.find((i) => i.id === late.id)?.overdue).toBe(true);
    expect(all.items.find((i) => i.id === cancelledLate.id)?.overdue).toBe(false);

    const ids = async (input: RequestOf<'repairs.list'>) => (await h.ok('repairs.list', input)).items.map((i) => i.id);
    expect(await ids({ statuses: ['diagnosing'] })).toEqual([later.id]);
    expect(await ids({ technicianId: technician.id })).toEqual([later.id]);
    expect(await ids({ customerId: other })).toEqual([later.id]);
    expect(await ids({ overdueOnly: true })).toEqual([late.id]);
    expect(await ids({ from: '2099-01-01T00:00:00Z' })).toEqual([]);
    expect((await ids({ to: '2099-01-01T00:00:00Z' })).length).toBe(3);
    const byStatus = await h.ok('repairs.list', { statuses: ['received'] });
    expect(byStatus.counts.diagnosing).toBe(1); // counts ignore the status filter: the tabs keep their numbers
  });

  it('assigns only to technicians, managers and admins in service', async () => {
    const order = await h.ok('repairs.intake', intake());
    const refused = await h.fails('repairs.assign', { orderId: order.id, technicianId: cashier.id });
    expect(refused).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'technicianId' }] });
    expect((await h.fails('repairs.assign', { orderId: order.id, technicianId: newId() })).code).toBe('VALIDATION');
    expect(
      (await h.fails('repairs.diagnose', { orderId: order.id, diagnosis: 'x', estimate: 1 }, cashier.token)).code,
    ).toBe('FORBIDDEN');
    expect((await h.fails('repairs.get', { id: newId() })).code).toBe('NOT_FOUND');
  });
});
