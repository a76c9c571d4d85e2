import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../../electron/core/core.types';
import { newId } from '../../../shared/ids';
import { CoreHarness, makeTempDir } from '../../support/core-harness';
import { lastOutboxMutations } from '../../support/outbox-reading';
import { tableCounts } from '../../support/table-counts';

const DAY_MS = 86_400_000;
let nowMs = Date.parse('2026-05-04T15:00:00Z');
const clock: Clock = { now: () => new Date(nowMs) };

let h: CoreHarness;

beforeEach(async () => {
  nowMs = Date.parse('2026-05-04T15:00:00Z');
  h = await CoreHarness.open(makeTempDir(), clock);
  await h.setUp();
});

afterEach(async () => {
  await h.close();
});

async function loginAs(role: 'cashier' | 'technician' | 'manager', pin: string): Promise<string> {
  const user = await h.ok('users.create', { name: `Usuario ${role}`, role, pin });
  return (await h.ok('users.login', { userId: user.id, pin }, null)).token;
}

describe('the store profile', () => {
  it('starts with the setup name and the defaults, and setup sends it to central with the store', async () => {
    expect(await h.ok('store.profile', {})).toMatchObject({
      name: 'TechStore Palermo',
      address: '',
      phone: '',
      taxId: '',
      repairTerms: '',
      warrantyDays: 90,
    });
    const db = h.inspect();
    const setup = db.prepare("SELECT payload FROM outbox WHERE kind = 'terminal.setup'").get() as { payload: string };
    expect(JSON.parse(setup.payload).store_profiles).toMatchObject([{ name: 'TechStore Palermo', warranty_days: 90 }]);
    db.close();
  });

  it('saves only what a manager changed, with an audit event, and prints it on the next receipt', async () => {
    const manager = await loginAs('manager', '2222');
    const saved = await h.ok(
      'store.updateProfile',
      { address: ' Av. Santa Fe 3253, CABA ', phone: '11 4822-1234', taxId: '30-71234567-1', warrantyDays: 60 },
      manager,
    );
    expect(saved).toMatchObject({
      name: 'TechStore Palermo',
      address: 'Av. Santa Fe 3253, CABA',
      phone: '11 4822-1234',
      taxId: '30-71234567-1',
      warrantyDays: 60,
    });

    const db = h.inspect();
    const [mutation] = lastOutboxMutations(db, 1);
    expect(mutation?.kind).toBe('store.updateProfile');
    const change = mutation?.payload.changes?.[0] as { table: string; columns: Record<string, unknown> };
    expect(change.table).toBe('store_profiles');
    // Name, email and terms were not touched: another terminal's edit of them must win the merge.
    expect(Object.keys(change.columns).sort()).toEqual(['address', 'phone', 'tax_id', 'updated_at', 'warranty_days']);
    expect(change.columns.tax_id).toBe('30712345671');
    expect(mutation?.payload.audit_events).toMatchObject([{ action: 'store.updateProfile' }]);

    // Saving the same values again writes nothing.
    const before = tableCounts(db);
    const version = () => db.prepare('SELECT row_version FROM store_profiles').pluck().get();
    const versionBefore = version();
    await h.ok('store.updateProfile', { phone: '11 4822-1234', warrantyDays: 60 }, manager);
    expect(tableCounts(db)).toEqual(before);
    expect(version()).toBe(versionBefore);
    db.close();

    const product = await h.createProduct({ price: 1_000_000 });
    const receipt = await h.ok('sales.complete', {
      saleId: newId(),
      lines: [{ productId: product.id, quantity: 1 }],
      payments: [{ method: 'cash', amount: 1_000_000 }],
    });
    expect(receipt.store).toEqual({
      name: 'TechStore Palermo',
      address: 'Av. Santa Fe 3253, CABA',
      phone: '11 4822-1234',
      taxId: '30-71234567-1',
    });
  });

  it('on a terminal without the row yet, stamps and sends only the edited field', async () => {
    const writer = h.writable();
    writer.prepare('DELETE FROM store_profiles').run();
    writer.close();
    await h.ok('store.updateProfile', { phone: '11 4822-1234' });
    const db = h.inspect();
    const [mutation] = lastOutboxMutations(db, 1);
    expect(mutation?.payload.store_profiles).toBeUndefined();
    expect(mutation?.payload.changes).toMatchObject([
      { table: 'store_profiles', columns: { phone: '11 4822-1234', updated_at: expect.any(String) } },
    ]);
    const clocks = JSON.parse(String(db.prepare('SELECT col_hlc FROM store_profiles').pluck().get()));
    expect(Object.keys(clocks).sort()).toEqual(['phone', 'updated_at']);
    db.close();
    expect(await h.ok('store.profile', {})).toMatchObject({ name: 'TechStore Palermo', phone: '11 4822-1234' });
  });

  it('renames the store for the top bar', async () => {
    await h.ok('store.updateProfile', { name: 'TechStore Palermo Soho' });
    expect(await h.ok('app.status', {})).toMatchObject({ storeName: 'TechStore Palermo Soho' });
  });

  it('refuses a wrong CUIT, an impossible warranty window and an unknown field, writing nothing', async () => {
    const db = h.inspect();
    const before = tableCounts(db);
    expect(await h.fails('store.updateProfile', { taxId: '30-71234567-2' })).toMatchObject({
      code: 'VALIDATION',
      issues: [{ path: 'taxId', message: 'wrong check digit' }],
    });
    expect(await h.fails('store.updateProfile', { warrantyDays: 4000 })).toMatchObject({
      code: 'VALIDATION',
      issues: [{ path: 'warrantyDays' }],
    });
    expect(await h.fails('store.updateProfile', { phone: 'llamar a Marta' })).toMatchObject({
      code: 'VALIDATION',
      issues: [{ path: 'phone' }],
    });
    expect(await h.fails('store.updateProfile', { name: '   ' })).toMatchObject({ code: 'VALIDATION' });
    expect(await h.fails('store.updateProfile', { storeId: newId() })).toMatchObject({ code: 'VALIDATION' });
    expect(tableCounts(db)).toEqual(before);
    db.close();
  });

  it('lets every role read it and only managers change it', async () => {
    const cashier = await loginAs('cashier', '3333');
    const technician = await loginAs('technician', '4444');
    expect((await h.ok('store.profile', {}, technician)).name).toBe('TechStore Palermo');
    expect(await h.fails('store.updateProfile', { phone: '11 5555-0000' }, cashier)).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await h.fails('store.profile', {}, null)).toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('reopens a repair under warranty within the window the store set, not a default', async () => {
    const customerId = (await h.ok('customers.create', { name: 'Lucía Gómez' })).id;
    const intake = await h.ok('repairs.intake', {
      orderId: newId(),
      customerId,
      device: { type: 'Notebook', brand: 'Lenovo', model: 'IdeaPad 3', serial: 'PF3ABC12' },
      reportedFault: 'no enciende',
      estimate: 4_500_000,
      estimatePreApproved: true,
    });
    for (const to of ['diagnosing', 'in_repair', 'repaired', 'ready_for_pickup'] as const) {
      await h.ok('repairs.transition', { orderId: intake.id, to });
    }
    await h.ok('repairs.deliver', {
      orderId: intake.id,
      saleId: newId(),
      payments: [{ method: 'cash', amount: 4_500_000 }],
    });
    await h.ok('store.updateProfile', { warrantyDays: 30 });

    nowMs += 31 * DAY_MS;
    // Sessions do not last a month: the admin logs in again.
    const { users } = await h.ok('users.listForLogin', {}, null);
    const admin = users.find((u) => u.role === 'admin');
    h.session = (await h.ok('users.login', { userId: String(admin?.id), pin: '1234' }, null)).token;
    const late = await h.fails('repairs.openWarranty', {
      orderId: newId(),
      warrantyOf: intake.id,
      reportedFault: 'otra vez no enciende',
    });
    expect(late).toMatchObject({ code: 'CONFLICT', issues: [{ path: 'warrantyOf', message: 'warranty_expired 30' }] });

    await h.ok('store.updateProfile', { warrantyDays: 45 });
    const reopened = await h.ok('repairs.openWarranty', {
      orderId: newId(),
      warrantyOf: intake.id,
      reportedFault: 'otra vez no enciende',
    });
    expect(reopened).toMatchObject({ warrantyOf: intake.id, status: 'received', estimate: 0 });
  });
});
