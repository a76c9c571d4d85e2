import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../../electron/core/core.types';
import { newId } from '../../../shared/ids';
import { CoreHarness, makeTempDir } from '../../support/core-harness';
import { lastOutboxMutations } from '../../support/outbox-reading';
import { countRows } from '../../support/table-counts';

const DAY_MS = 86_400_000;
let nowMs = Date.parse('2026-03-02T13:00:00Z');
const clock: Clock = { now: () => new Date(nowMs) };

let h: CoreHarness;
let customerId: string;
let tech: string;
let cashier: string;
let cashierId: string;

async function login(role: 'technician' | 'cashier', pin: string): Promise<string> {
  const user = await h.ok('users.create', { name: `Usuario ${role}`, role, pin });
  if (role === 'cashier') cashierId = user.id;
  return (await h.ok('users.login', { userId: user.id, pin }, null)).token;
}

const COUNTED = [
  'sales',
  'payments',
  'customer_account_entries',
  'repair_events',
  'outbox',
  'stock_movements',
] as const;

const rowCounts = (db: Database.Database) => countRows(db, COUNTED);

/** Intake with a seña of $5.000 in cash, through to ready for pickup with two parts and a final price of $160.000. */
async function readyOrder() {
  const screen = await h.createProduct({ sku: `PANT-${newId().slice(-6)}`, name: 'Pantalla A54', price: 8_000_000 });
  const battery = await h.createProduct({ sku: `BAT-${newId().slice(-6)}`, name: 'Batería A54', price: 2_500_000 });
  await h.ok('stock.adjust', { productId: screen.id, quantity: 5, reason: 'receipt' });
  await h.ok('stock.adjust', { productId: battery.id, quantity: 3, reason: 'receipt' });
  const order = await h.ok(
    'repairs.intake',
    {
      orderId: newId(),
      customerId,
      device: { type: 'Celular', brand: 'Samsung', model: 'Galaxy A54', imei: '490154203237518' },
      reportedFault: 'no carga',
      deposit: { amount: 500_000, method: 'cash' },
    },
    cashier,
  );
  const id = order.id;
  await h.ok('repairs.transition', { orderId: id, to: 'diagnosing' }, tech);
  await h.ok('repairs.diagnose', { orderId: id, diagnosis: 'pin de carga y pantalla', estimate: 12_000_000 }, tech);
  await h.ok('repairs.transition', { orderId: id, to: 'awaiting_approval' }, tech);
  await h.ok('repairs.recordApproval', { orderId: id, decision: 'approved', by: 'Juan', via: 'phone' }, cashier);
  await h.ok('repairs.transition', { orderId: id, to: 'in_repair' }, tech);
  await h.ok('repairs.addPart', { orderId: id, eventId: newId(), productId: screen.id, quantity: 1 }, tech);
  await h.ok('repairs.addPart', { orderId: id, eventId: newId(), productId: battery.id, quantity: 2 }, tech);
  await h.ok('repairs.transition', { orderId: id, to: 'repaired' }, tech);
  await h.ok('repairs.setFinalPrice', { orderId: id, finalPrice: 16_000_000 }, tech);
  await h.ok('repairs.transition', { orderId: id, to: 'ready_for_pickup' }, cashier);
  return { id, number: order.number, screen, battery };
}

beforeEach(async () => {
  nowMs = Date.parse('2026-03-02T13:00:00Z');
  h = await CoreHarness.open(makeTempDir(), clock);
  await h.setUp();
  customerId = (await h.ok('customers.create', { name: 'Juan Pérez', phone: '11 4444-5555', creditLimit: 20_000_000 }))
    .id;
  tech = await login('technician', '5555');
  cashier = await login('cashier', '6666');
});

afterEach(async () => {
  await h.close();
});

describe('repair delivery through the sale path', () => {
  it('takes the seña as a sale, delivers half in cash and half on account, once', async () => {
    const { id, number, screen, battery } = await readyOrder();
    const db = h.inspect();

    // The intake's seña is a sale of its own, in payments where the cash session counts it.
    const intake = await h.ok('repairs.get', { id });
    const depositEvent = intake.timeline.find((e) => e.kind === 'deposit');
    expect(depositEvent?.details).toMatchObject({ amount: 500_000, methods: ['cash'] });
    const depositReceipt = await h.ok('sales.get', { id: String(depositEvent?.details.saleId) });
    expect(depositReceipt).toMatchObject({
      total: 500_000,
      lines: [{ description: `Seña reparación ${number}`, lineTotal: 500_000, ivaRateBp: 2100, quantity: 1 }],
      payments: [{ method: 'cash', amount: 500_000 }],
      customer: { id: customerId, balanceAfter: null },
      repair: { orderId: id, number, device: 'Samsung Galaxy A54', role: 'deposit' },
    });

    expect(await h.ok('repairs.deliveryBalance', { orderId: id })).toEqual({
      price: 16_000_000,
      priceSource: 'final_price',
      deposits: 500_000,
      amountDue: 15_500_000,
      creditDue: 0,
    });

    const before = rowCounts(db);
    const saleId = newId();
    const request = {
      orderId: id,
      saleId,
      expectedAmountDue: 15_500_000,
      payments: [
        { method: 'cash' as const, amount: 7_750_000, tendered: 8_000_000 },
        { method: 'customer_account' as const, amount: 7_750_000 },
      ],
    };
    const delivered = await h.ok('repairs.deliver', request, cashier);
    expect(delivered.receipt).toMatchObject({
      id: saleId,
      total: 15_500_000,
      lines: [
        {
          description: `Reparación ${number} — Samsung Galaxy A54`,
          quantity: 1,
          unitPrice: 15_500_000,
          lineTotal: 15_500_000,
          ivaRateBp: 2100,
        },
      ],
      payments: [
        { method: 'cash', amount: 7_750_000, tendered: 8_000_000, change: 250_000 },
        { method: 'customer_account', amount: 7_750_000 },
      ],
      customer: { id: customerId, name: 'Juan Pérez', balanceAfter: 7_750_000 },
      repair: { orderId: id, number, device: 'Samsung Galaxy A54', role: 'delivery', creditedToAccount: 0 },
    });
    expect(delivered.receipt.ivaBreakdown).toEqual([
      { rateBp: 2100, gross: 15_500_000, net: 12_809_917, iva: 2_690_083 },
    ]);
    expect(delivered.repair).toMatchObject({ status: 'delivered', deliveredSaleId: saleId, allowedTransitions: [] });

    // One transaction, two mutations: the sale, its payments and the charge first, as history central always
    // accepts; then the order's change, which central may quarantine for a clock far ahead without the sale.
    expect(rowCounts(db)).toEqual({
      ...before,
      sales: before.sales + 1,
      payments: before.payments + 2,
      customer_account_entries: before.customer_account_entries + 1,
      repair_events: before.repair_events + 1,
      outbox: before.outbox + 2,
    });
    const [history, mutation] = lastOutboxMutations(db, 2);
    expect([history?.kind, mutation?.kind]).toEqual(['repair.deliver', 'repair.deliver']);
    expect(Object.keys(history?.payload ?? {}).sort()).toEqual([
      'customer_account_entries',
      'payments',
      'sale_lines',
      'sales',
    ]);
    expect(Object.keys(mutation?.payload ?? {}).sort()).toEqual(['changes', 'products', 'repair_events']);
    expect(mutation?.payload.changes).toMatchObject([
      { table: 'repair_orders', id, columns: { status: 'delivered', delivered_sale_id: saleId } },
    ]);

    const ledger = await h.ok('customers.ledger', { customerId });
    expect(ledger.balance).toBe(7_750_000);
    expect(ledger.entries.items).toMatchObject([
      { kind: 'charge', amount: 7_750_000, saleId, repairOrderId: id, balanceAfter: 7_750_000 },
    ]);
    // Parts moved stock when booked; the service lines move none.
    expect((await h.ok('catalog.get', { id: screen.id })).stockOnHand).toBe(4);
    expect((await h.ok('catalog.get', { id: battery.id })).stockOnHand).toBe(1);

    const detail = await h.ok('repairs.get', { id });
    expect(detail.timeline.map((e) => [e.kind, e.fromStatus, e.toStatus])).toEqual([
      ['intake', null, 'received'],
      ['deposit', null, null],
      ['status', 'received', 'diagnosing'],
      ['diagnosis', null, null],
      ['estimate', null, null],
      ['status', 'diagnosing', 'awaiting_approval'],
      ['approval', 'awaiting_approval', 'approved'],
      ['status', 'approved', 'in_repair'],
      ['part', null, null],
      ['part', null, null],
      ['status', 'in_repair', 'repaired'],
      ['estimate', null, null],
      ['status', 'repaired', 'ready_for_pickup'],
      ['status', 'ready_for_pickup', 'delivered'],
    ]);
    expect(detail.timeline.at(-1)?.details).toMatchObject({
      saleId,
      price: 16_000_000,
      deposits: 500_000,
      amountDue: 15_500_000,
    });

    // A retry after a lost answer sells nothing twice; the receipt is the same.
    const again = await h.ok('repairs.deliver', request, cashier);
    expect(again.receipt).toEqual(delivered.receipt);
    expect(rowCounts(db).sales).toBe(before.sales + 1);
    expect(rowCounts(db).outbox).toBe(before.outbox + 2);
    // The delivery receipt reprints through sales.get.
    expect(await h.ok('sales.get', { id: saleId })).toEqual(delivered.receipt);
    db.close();
  });

  it('refuses delivery from a wrong status with a typed error, writing nothing', async () => {
    const order = await h.ok(
      'repairs.intake',
      {
        orderId: newId(),
        customerId,
        device: { type: 'Notebook', brand: 'Lenovo', model: 'IdeaPad 3', serial: 'PF3ABC12' },
        reportedFault: 'no enciende',
        estimate: 5_000_000,
      },
      cashier,
    );
    const db = h.inspect();
    const before = rowCounts(db);
    const failure = await h.fails(
      'repairs.deliver',
      { orderId: order.id, saleId: newId(), payments: [{ method: 'cash', amount: 5_000_000 }] },
      cashier,
    );
    expect(failure).toMatchObject({ code: 'CONFLICT', issues: [{ path: 'orderId', message: 'status received' }] });
    expect(rowCounts(db)).toEqual(before);
    expect((await h.ok('repairs.get', { id: order.id })).status).toBe('received');
    db.close();
  });

  it('takes a later seña and refuses señas over the price unless credited to the account', async () => {
    const { id } = await readyOrder();
    await h.ok('repairs.setFinalPrice', { orderId: id, finalPrice: 400_000 });
    const deposit = await h.ok(
      'repairs.takeDeposit',
      { orderId: id, saleId: newId(), amount: 100_000, payments: [{ method: 'transfer', amount: 100_000 }] },
      cashier,
    );
    expect(deposit.repair.totals.deposits).toBe(600_000);
    expect(deposit.receipt).toMatchObject({ total: 100_000, payments: [{ method: 'transfer', amount: 100_000 }] });

    const saleId = newId();
    const refused = await h.fails('repairs.deliver', { orderId: id, saleId, payments: [] }, cashier);
    expect(refused).toMatchObject({ code: 'CONFLICT', issues: [{ path: 'creditDue' }] });
    const done = await h.ok('repairs.deliver', { orderId: id, saleId, creditDue: 'customer_account' }, cashier);
    // The ticket says what went to the account and what the customer holds after it, though it charges $0.
    expect(done.receipt).toMatchObject({
      total: 0,
      payments: [],
      customer: { id: customerId, balanceAfter: -200_000 },
      repair: { orderId: id, role: 'delivery', creditedToAccount: 200_000 },
    });
    const ledger = await h.ok('customers.ledger', { customerId });
    expect(ledger.balance).toBe(-200_000);
    expect(ledger.entries.items).toMatchObject([
      { kind: 'adjustment', amount: -200_000, saleId, repairOrderId: id, balanceAfter: -200_000 },
    ]);
    // A seña's ticket credits nothing.
    expect(deposit.receipt.repair).toMatchObject({ role: 'deposit', creditedToAccount: 0 });

    // A reprint after later movements prints the same: the credit and the balance as they stood after it.
    nowMs += 60_000;
    await h.ok('accounts.recordPayment', { entryId: newId(), customerId, amount: 50_000, method: 'cash' }, cashier);
    expect((await h.ok('customers.ledger', { customerId })).balance).toBe(-250_000);
    expect(await h.ok('sales.get', { id: saleId })).toEqual(done.receipt);
  });

  it('reopens a delivered order under warranty inside the window and not after it', async () => {
    const { id, number } = await readyOrder();
    await h.ok(
      'repairs.deliver',
      { orderId: id, saleId: newId(), payments: [{ method: 'cash', amount: 15_500_000 }] },
      cashier,
    );
    nowMs += 89 * DAY_MS;
    // Sessions do not last 89 days: the cashier logs in again.
    cashier = (await h.ok('users.login', { userId: cashierId, pin: '6666' }, null)).token;
    const warrantyId = newId();
    const warranty = await h.ok(
      'repairs.openWarranty',
      { orderId: warrantyId, warrantyOf: id, reportedFault: 'vuelve a no cargar' },
      cashier,
    );
    expect(warranty).toMatchObject({
      id: warrantyId,
      status: 'received',
      warrantyOf: id,
      estimate: 0,
      estimatePreApproved: true,
      customer: { id: customerId },
      imei: '490154203237518',
    });
    expect(warranty.timeline[0]?.details).toMatchObject({ warrantyOf: id, warrantyOfNumber: number });
    const original = await h.ok('repairs.get', { id }, cashier);
    expect(original.timeline.at(-1)).toMatchObject({ kind: 'note', details: { warrantyOrderId: warrantyId } });
    // Idempotent by the new order's id.
    const retry = { orderId: warrantyId, warrantyOf: id, reportedFault: 'x' };
    expect((await h.ok('repairs.openWarranty', retry, cashier)).id).toBe(warrantyId);

    nowMs += 2 * DAY_MS;
    cashier = (await h.ok('users.login', { userId: cashierId, pin: '6666' }, null)).token;
    const late = await h.fails(
      'repairs.openWarranty',
      { orderId: newId(), warrantyOf: id, reportedFault: 'otra vez' },
      cashier,
    );
    expect(late).toMatchObject({ code: 'CONFLICT', issues: [{ path: 'warrantyOf', message: 'warranty_expired 90' }] });
    // An order that was never delivered has no warranty.
    const open = await h.fails(
      'repairs.openWarranty',
      { orderId: newId(), warrantyOf: warrantyId, reportedFault: 'otra vez' },
      cashier,
    );
    expect(open).toMatchObject({ code: 'CONFLICT', issues: [{ path: 'warrantyOf' }] });
  });
});
