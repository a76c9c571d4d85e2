import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestOf } from '../../../shared/contract/index';
import { newId } from '../../../shared/ids';
import { CoreHarness } from '../../support/core-harness';
import { lastOutboxMutations } from '../../support/outbox-reading';
import { countRows } from '../../support/table-counts';

const IMEI = '490154203237518';
const OTHER_IMEI = '356938035643809';
const SECRET = 'patrón Z 2580';
const NEW_SECRET = '9137-nueva';

let h: CoreHarness;
let customerId: string;
let cashier: string;
let technician: string;

async function login(role: 'cashier' | 'technician', pin: string): Promise<string> {
  const user = await h.ok('users.create', { name: `Usuario ${role}`, role, pin });
  return (await h.ok('users.login', { userId: user.id, pin }, null)).token;
}

function intake(overrides: Partial<RequestOf<'repairs.intake'>> = {}): RequestOf<'repairs.intake'> {
  return {
    orderId: newId(),
    customerId,
    device: { type: 'Celular', brand: 'Samsung', model: 'Galaxy A54', imei: IMEI },
    accessories: ['Funda'],
    conditionNotes: 'pantalla astillada',
    reportedFault: 'no carga',
    unlockSecret: SECRET,
    promisedAt: '2026-03-10T18:00:00-03:00',
    ...overrides,
  };
}

const TABLES = ['repair_orders', 'repair_events', 'outbox'] as const;
const counts = (db: Database.Database) => countRows(db, TABLES);

function storedEvents(db: Database.Database, orderId: string): { kind: string; details: string }[] {
  return db
    .prepare('SELECT kind, details FROM repair_events WHERE repair_order_id = ? ORDER BY hlc, id')
    .all(orderId) as { kind: string; details: string }[];
}

beforeEach(async () => {
  h = await CoreHarness.open();
  await h.setUp();
  customerId = (await h.ok('customers.create', { name: 'Juan Pérez', phone: '11 4444-5555' })).id;
  cashier = await login('cashier', '6666');
  technician = await login('technician', '5555');
});

afterEach(async () => {
  await h.close();
});

describe('correcting the device data taken in', () => {
  it('writes only the changed columns, one event with the diff and one outbox mutation; the code stays out of the event', async () => {
    const order = await h.ok('repairs.intake', intake(), cashier);
    const db = h.inspect();
    const before = counts(db);
    const versionBefore = (await h.ok('repairs.get', { id: order.id })).rowVersion;

    const fixed = await h.ok(
      'repairs.updateIntake',
      {
        orderId: order.id,
        model: ' Galaxy A55 ',
        imei: '35-693803-564380-9',
        accessories: ['Funda', 'Cargador'],
        unlockSecret: NEW_SECRET,
        promisedAt: '2026-03-12T12:00:00-03:00',
        // Unchanged fields sent anyway are not changes.
        brand: 'Samsung',
        reportedFault: 'no carga',
      },
      cashier,
    );
    expect(fixed).toMatchObject({
      model: 'Galaxy A55',
      imei: OTHER_IMEI,
      brand: 'Samsung',
      accessories: ['Funda', 'Cargador'],
      promisedAt: '2026-03-12T15:00:00.000Z',
      unlockSecret: null, // a cashier may replace the code, not read it
      hasUnlockSecret: true,
      rowVersion: versionBefore + 1,
    });
    expect((await h.ok('repairs.get', { id: order.id }, technician)).unlockSecret).toBe(NEW_SECRET);
    expect(counts(db)).toEqual({ ...before, repair_events: before.repair_events + 1, outbox: before.outbox + 1 });

    const event = fixed.timeline.at(-1);
    expect(event).toMatchObject({ kind: 'note', userName: 'Usuario cashier' });
    expect(event?.details).toEqual({
      correction: 'intake',
      text: 'Corrección de datos del equipo',
      changes: [
        { field: 'model', from: 'Galaxy A54', to: 'Galaxy A55' },
        { field: 'imei', from: IMEI, to: OTHER_IMEI },
        { field: 'accessories', from: ['Funda'], to: ['Funda', 'Cargador'] },
        { field: 'unlockSecret', changed: true },
        { field: 'promisedAt', from: '2026-03-10T21:00:00.000Z', to: '2026-03-12T15:00:00.000Z' },
      ],
    });

    const [mutation] = lastOutboxMutations(db, 1);
    expect(mutation?.kind).toBe('repair.intake_correction');
    expect(Object.keys(mutation?.payload ?? {}).sort()).toEqual(['changes', 'repair_events']);
    // Exactly the changed columns travel, so another terminal's edit of another column merges.
    const [change] = (mutation?.payload.changes ?? []) as { table: string; columns: Record<string, unknown> }[];
    expect(change?.table).toBe('repair_orders');
    expect(Object.keys(change?.columns ?? {}).sort()).toEqual(
      ['accessories', 'imei', 'model', 'promised_at', 'unlock_secret', 'updated_at'].sort(),
    );
    // The column itself must replicate (the other bench needs the code); its event, stored and sent, never says it.
    const eventsText = JSON.stringify(storedEvents(db, order.id)) + JSON.stringify(mutation?.payload.repair_events);
    expect(eventsText).not.toContain(NEW_SECRET);
    expect(eventsText).not.toContain(SECRET);
    expect(eventsText).not.toContain('2580');
    db.close();
  });

  it('clears a field that may be empty, swaps the IMEI for a serial, and an unchanged request writes nothing', async () => {
    const order = await h.ok('repairs.intake', intake(), technician);
    const db = h.inspect();
    const fixed = await h.ok(
      'repairs.updateIntake',
      { orderId: order.id, imei: null, serial: 'SN-A54-77', unlockSecret: null, promisedAt: null, conditionNotes: '' },
      technician,
    );
    expect(fixed).toMatchObject({
      imei: null,
      serial: 'SN-A54-77',
      hasUnlockSecret: false,
      unlockSecret: null,
      promisedAt: null,
      conditionNotes: '',
    });
    expect(fixed.timeline.at(-1)?.details.changes).toEqual([
      { field: 'imei', from: IMEI, to: null },
      { field: 'serial', from: null, to: 'SN-A54-77' },
      { field: 'conditionNotes', from: 'pantalla astillada', to: '' },
      { field: 'unlockSecret', changed: true },
      { field: 'promisedAt', from: '2026-03-10T21:00:00.000Z', to: null },
    ]);

    const after = counts(db);
    const same = await h.ok('repairs.updateIntake', {
      orderId: order.id,
      serial: ' SN-A54-77 ',
      model: 'Galaxy A54',
      accessories: ['Funda'],
      promisedAt: null,
    });
    expect(same).toEqual(await h.ok('repairs.get', { id: order.id }));
    expect(await h.ok('repairs.updateIntake', { orderId: order.id })).toEqual(same);
    expect(counts(db)).toEqual(after);
    expect(same.rowVersion).toBe(fixed.rowVersion);
    db.close();
  });

  it("is allowed while the order is on the bench, and leaves the bench's columns as they are", async () => {
    const order = await h.ok('repairs.intake', intake());
    await h.ok('repairs.transition', { orderId: order.id, to: 'diagnosing' });
    await h.ok('repairs.diagnose', { orderId: order.id, diagnosis: 'pin de carga', estimate: 1_000_000 });
    const fixed = await h.ok('repairs.updateIntake', { orderId: order.id, reportedFault: 'no carga ni enciende' });
    expect(fixed).toMatchObject({
      reportedFault: 'no carga ni enciende',
      diagnosis: 'pin de carga',
      estimate: 1_000_000,
    });
  });
});

describe('refusals write nothing', () => {
  it.each([
    ['a bad IMEI check digit', { imei: '490154203237519' }, 'imei'],
    ['an IMEI of 14 digits', { imei: '49015420323751' }, 'imei'],
    ['removing both IMEI and serial in one request', { imei: null, serial: null }, 'imei'],
    ['removing the only IMEI', { imei: null }, 'imei'],
    ['an empty model', { model: '  ' }, 'model'],
    ['an unknown field', { customerId: newId() }, ''],
  ])('%s is a VALIDATION naming the field', async (_label, fields, path) => {
    const order = await h.ok('repairs.intake', intake());
    const db = h.inspect();
    const before = counts(db);
    const refused = await h.fails('repairs.updateIntake', { orderId: order.id, ...fields });
    expect(refused.code).toBe('VALIDATION');
    expect(refused.issues?.map((i) => i.path)).toContain(path);
    expect(counts(db)).toEqual(before);
    expect((await h.ok('repairs.get', { id: order.id })).imei).toBe(IMEI);
    db.close();
  });

  it('a delivered or cancelled order is a CONFLICT; an unknown order is NOT_FOUND', async () => {
    const delivered = await h.ok('repairs.intake', intake());
    const id = delivered.id;
    await h.ok('repairs.transition', { orderId: id, to: 'diagnosing' });
    await h.ok('repairs.diagnose', { orderId: id, diagnosis: 'pin de carga', estimate: 500_000 });
    await h.ok('repairs.transition', { orderId: id, to: 'awaiting_approval' });
    await h.ok('repairs.recordApproval', { orderId: id, decision: 'approved', by: 'Juan', via: 'phone' });
    for (const to of ['in_repair', 'repaired', 'ready_for_pickup'] as const) {
      await h.ok('repairs.transition', { orderId: id, to });
    }
    await h.ok('repairs.deliver', { orderId: id, saleId: newId(), payments: [{ method: 'cash', amount: 500_000 }] });
    const cancelled = await h.ok('repairs.intake', intake());
    await h.ok('repairs.transition', { orderId: cancelled.id, to: 'cancelled', reason: 'se arrepintió' });

    const db = h.inspect();
    const before = counts(db);
    for (const order of [delivered, cancelled]) {
      const refused = await h.fails('repairs.updateIntake', { orderId: order.id, model: 'otro' }, cashier);
      expect(refused).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(order.number) });
    }
    expect((await h.fails('repairs.updateIntake', { orderId: newId(), model: 'otro' })).code).toBe('NOT_FOUND');
    expect(counts(db)).toEqual(before);
    db.close();
  });
});
