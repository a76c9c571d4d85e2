import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SalePaymentInput } from '../../../shared/contract/sales.contract';
import { newId } from '../../../shared/ids';
import { CoreHarness } from '../../support/core-harness';
import { tableCounts } from '../../support/table-counts';

let h: CoreHarness;
let charger: { id: string }; // $19.999,00
let customerId: string;

const TOTAL = 1_999_900;

function counts(db: Database.Database) {
  const entries = (db.prepare('SELECT count(*) AS n FROM customer_account_entries').get() as { n: number }).n;
  return { ...tableCounts(db), customer_account_entries: entries };
}

function lastMutation(db: Database.Database): { kind: string; payload: Record<string, unknown[]> } {
  const row = db.prepare('SELECT kind, payload FROM outbox ORDER BY seq DESC LIMIT 1').get() as {
    kind: string;
    payload: string;
  };
  return { kind: row.kind, payload: JSON.parse(row.payload) };
}

async function addUser(role: 'manager' | 'cashier', pin: string) {
  const user = await h.ok('users.create', { name: `Usuario ${role}`, role, pin });
  return { id: user.id, token: (await h.ok('users.login', { userId: user.id, pin }, null)).token };
}

function sell(payments: SalePaymentInput[], extra: Record<string, unknown> = {}, saleId = newId()) {
  return { saleId, lines: [{ productId: charger.id, quantity: 1 }], payments, expectedTotal: TOTAL, ...extra };
}

beforeEach(async () => {
  h = await CoreHarness.open();
  await h.setUp();
  charger = await h.createProduct({ sku: 'CARG-20W', name: 'Cargador USB-C 20 W', price: TOTAL, ivaRateBp: 2100 });
  customerId = (
    await h.ok('customers.create', {
      name: 'Juan Pérez',
      taxId: { kind: 'dni', number: '12.345.678' },
      creditLimit: 3_000_000,
    })
  ).id;
});

afterEach(async () => {
  await h.close();
});

describe('several payments', () => {
  it('splits cash and a card with its reference; the change comes from the cash', async () => {
    const receipt = await h.ok(
      'sales.complete',
      sell([
        { method: 'debit_card', amount: 1_000_000, reference: 'CUPON 0042' },
        { method: 'cash', amount: 1_000_000 },
      ]),
    );
    expect(receipt.payments).toEqual([
      { method: 'debit_card', amount: 1_000_000, reference: 'CUPON 0042' },
      { method: 'cash', amount: 999_900, tendered: 1_000_000, change: 100 },
    ]);
    expect(receipt.customer).toBeNull();
    const db = h.inspect();
    const rows = db.prepare('SELECT method, amount, tendered, change, reference FROM payments ORDER BY id').all();
    expect(rows).toEqual([
      { method: 'debit_card', amount: 1_000_000, tendered: null, change: null, reference: 'CUPON 0042' },
      { method: 'cash', amount: 999_900, tendered: 1_000_000, change: 100, reference: null },
    ]);
    expect(lastMutation(db).payload.payments).toHaveLength(2);
    db.close();
    expect(await h.ok('sales.get', { id: receipt.id })).toEqual(receipt);
  });

  it('never gives change from a card or a transfer: non-cash over the total is refused', async () => {
    const db = h.inspect();
    const before = counts(db);
    for (const payments of [
      [{ method: 'credit_card', amount: 2_000_000, reference: 'CUP 1' }],
      [
        { method: 'transfer', amount: 1_500_000, reference: 'TRF 9' },
        { method: 'debit_card', amount: 600_000, reference: 'CUP 2' },
      ],
      // Only card and cash, the card alone over: still refused even though cash is there to "give change".
      [
        { method: 'debit_card', amount: 2_000_000, reference: 'CUP 3' },
        { method: 'cash', amount: 100_000 },
      ],
    ] as SalePaymentInput[][]) {
      const failure = await h.fails('sales.complete', sell(payments));
      expect(failure).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'payments' }] });
    }
    // Short of the total, and a cash payment that would be all change.
    expect(
      (await h.fails('sales.complete', sell([{ method: 'transfer', amount: 1_000_000, reference: 'TRF' }]))).code,
    ).toBe('VALIDATION');
    const allChange = await h.fails(
      'sales.complete',
      sell([
        { method: 'transfer', amount: TOTAL },
        { method: 'cash', amount: 50_000 },
      ]),
    );
    expect(allChange).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'payments.1' }] });
    expect(counts(db)).toEqual(before);

    // Card for part, cash over the rest: the change is cash's excess only.
    const receipt = await h.ok(
      'sales.complete',
      sell([
        { method: 'credit_card', amount: 1_500_000, reference: 'CUP 4' },
        { method: 'cash', amount: 499_900, tendered: 1_000_000 },
      ]),
    );
    expect(receipt.payments[1]).toEqual({ method: 'cash', amount: 499_900, tendered: 1_000_000, change: 500_100 });
    expect(receipt.number).toBe('T01-00000001');
    db.close();
  });

  it('refuses a card payment without its reference, writing nothing', async () => {
    const db = h.inspect();
    const before = counts(db);
    const failure = await h.fails(
      'sales.complete',
      sell([
        { method: 'cash', amount: 999_900 },
        { method: 'credit_card', amount: 1_000_000 },
      ]),
    );
    expect(failure).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'payments.1.reference' }] });
    const blank = await h.fails('sales.complete', sell([{ method: 'debit_card', amount: TOTAL, reference: '   ' }]));
    expect(blank).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'payments.0.reference' }] });
    expect(counts(db)).toEqual(before);
    db.close();
  });

  it('still takes the single cash payment of the first POS', async () => {
    const receipt = await h.ok('sales.complete', {
      saleId: newId(),
      lines: [{ productId: charger.id, quantity: 1 }],
      payment: { method: 'cash', tendered: 2_000_000 },
    });
    expect(receipt.payments).toEqual([{ method: 'cash', amount: TOTAL, tendered: 2_000_000, change: 100 }]);
    const both = await h.fails('sales.complete', {
      ...sell([{ method: 'cash', amount: TOTAL }]),
      payment: { method: 'cash', tendered: TOTAL },
    });
    expect(both).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'payments' }] });
  });
});

describe('cuenta corriente', () => {
  it('needs a customer, one that exists and is not archived', async () => {
    const db = h.inspect();
    const before = counts(db);
    const nobody = await h.fails('sales.complete', sell([{ method: 'customer_account', amount: TOTAL }]));
    expect(nobody).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'customerId' }] });
    const unknown = await h.fails(
      'sales.complete',
      sell([{ method: 'customer_account', amount: TOTAL }], { customerId: newId() }),
    );
    expect(unknown).toMatchObject({ code: 'NOT_FOUND', issues: [{ path: 'customerId' }] });
    const archived = await h.ok('customers.create', { name: 'Cliente dado de baja' });
    await h.ok('customers.archive', { id: archived.id, archived: true });
    const gone = await h.fails(
      'sales.complete',
      sell([{ method: 'customer_account', amount: TOTAL }], { customerId: archived.id }),
    );
    expect(gone).toMatchObject({ code: 'CONFLICT', issues: [{ path: 'customerId' }] });
    // Only the customer this test created and archived is new: no sale, payment or charge was written.
    expect({ ...counts(db), audit_events: 0, outbox: 0 }).toEqual({
      ...before,
      customers: before.customers + 1,
      audit_events: 0,
      outbox: 0,
    });
    db.close();
  });

  it('within the limit: the charge and the sale in one transaction and one mutation; the balance goes up', async () => {
    const db = h.inspect();
    const before = counts(db);
    const receipt = await h.ok(
      'sales.complete',
      sell(
        [
          { method: 'cash', amount: 500_000 },
          { method: 'customer_account', amount: 1_499_900 },
        ],
        { customerId },
      ),
    );
    expect(receipt.payments).toEqual([
      { method: 'cash', amount: 500_000, tendered: 500_000, change: 0 },
      { method: 'customer_account', amount: 1_499_900 },
    ]);
    expect(receipt.customer).toEqual({
      id: customerId,
      name: 'Juan Pérez',
      taxIdDisplay: '12.345.678',
      balanceAfter: 1_499_900,
    });
    expect(counts(db)).toEqual({
      ...before,
      sales: before.sales + 1,
      sale_lines: before.sale_lines + 1,
      payments: before.payments + 2,
      stock_movements: before.stock_movements + 1,
      document_counters: 1,
      outbox: before.outbox + 1,
      customer_account_entries: 1,
    });
    const entry = db.prepare('SELECT kind, amount, sale_id, customer_id, note FROM customer_account_entries').get();
    expect(entry).toEqual({
      kind: 'charge',
      amount: 1_499_900,
      sale_id: receipt.id,
      customer_id: customerId,
      note: receipt.number,
    });
    const mutation = lastMutation(db);
    expect(mutation.kind).toBe('sale.complete');
    expect(Object.keys(mutation.payload).sort()).toEqual([
      'customer_account_entries',
      'payments',
      'sale_lines',
      'sales',
      'stock_movements',
    ]);
    expect(mutation.payload.sales?.[0]).toMatchObject({ customer_id: customerId });
    db.close();
    expect(await h.ok('customers.get', { id: customerId })).toMatchObject({
      balance: 1_499_900,
      availableCredit: 1_500_100,
    });
    const ledger = await h.ok('customers.ledger', { customerId });
    expect(ledger.entries.items[0]).toMatchObject({ kind: 'charge', saleId: receipt.id, balanceAfter: 1_499_900 });
    expect((await h.ok('customers.purchases', { customerId })).items.map((p) => p.id)).toEqual([receipt.id]);
  });

  it('over the limit: refused without a manager, refused with a wrong PIN, accepted with one and audited', async () => {
    const cashier = await addUser('cashier', '3333');
    const manager = await addUser('manager', '5555');
    await h.ok('sales.complete', sell([{ method: 'customer_account', amount: TOTAL }], { customerId }));
    const db = h.inspect();
    const before = counts(db);
    const saleId = newId();
    // $19.999 more on a $30.000 limit with $19.999 owed: over.
    const request = (extra: Record<string, unknown> = {}) =>
      sell([{ method: 'customer_account', amount: TOTAL }], { customerId, ...extra }, saleId);

    const noPin = await h.fails('sales.complete', request(), cashier.token);
    expect(noPin).toMatchObject({ code: 'FORBIDDEN', issues: [{ path: 'managerOverride', message: 'credit_limit' }] });
    const wrongPin = await h.fails(
      'sales.complete',
      request({ managerOverride: { managerId: manager.id, pin: '0000' } }),
      cashier.token,
    );
    expect(wrongPin).toMatchObject({ code: 'FORBIDDEN', issues: [{ path: 'managerOverride.pin' }] });
    // The cashier's own PIN is not a manager's.
    const notManager = await h.fails(
      'sales.complete',
      request({ managerOverride: { managerId: cashier.id, pin: '3333' } }),
      cashier.token,
    );
    expect(notManager).toMatchObject({ code: 'FORBIDDEN', issues: [{ path: 'managerOverride.pin' }] });
    // Nothing written, the number not used; the cashier's session still works (FORBIDDEN, not UNAUTHORIZED).
    expect(counts(db)).toEqual(before);

    const receipt = await h.ok(
      'sales.complete',
      request({ managerOverride: { managerId: manager.id, pin: '5555' } }),
      cashier.token,
    );
    expect(receipt.number).toBe('T01-00000002');
    expect(receipt.customer?.balanceAfter).toBe(2 * TOTAL);
    const audit = db
      .prepare(
        "SELECT user_id, entity_type, entity_id, details FROM audit_events WHERE action = 'sale.credit_override'",
      )
      .all() as { user_id: string; entity_type: string; entity_id: string; details: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ user_id: manager.id, entity_type: 'sale', entity_id: saleId });
    expect(JSON.parse(audit[0]?.details ?? '{}')).toEqual({
      saleNumber: 'T01-00000002',
      cashierId: cashier.id,
      customerId,
      charge: TOTAL,
      balanceBefore: TOTAL,
      balanceAfter: 2 * TOTAL,
      creditLimit: 3_000_000,
    });
    const mutation = lastMutation(db);
    expect(mutation.payload.audit_events).toHaveLength(1);
    expect(mutation.payload.customer_account_entries).toHaveLength(1);
    expect(counts(db).outbox).toBe(before.outbox + 1);
    db.close();
    expect((await h.ok('customers.get', { id: customerId })).balance).toBe(2 * TOTAL);
  });

  it('a retry of the same sale id does not charge the account twice', async () => {
    const input = sell(
      [
        { method: 'cash', amount: 999_900 },
        { method: 'customer_account', amount: 1_000_000 },
      ],
      { customerId },
    );
    const first = await h.ok('sales.complete', input);
    const again = await h.ok('sales.complete', input);
    expect(again).toEqual(first);
    const db = h.inspect();
    expect(counts(db).customer_account_entries).toBe(1);
    expect(counts(db).sales).toBe(1);
    db.close();
    expect((await h.ok('customers.get', { id: customerId })).balance).toBe(1_000_000);
  });

  it('a sale may name its customer without going on account', async () => {
    const receipt = await h.ok('sales.complete', sell([{ method: 'cash', amount: TOTAL }], { customerId }));
    expect(receipt.customer).toMatchObject({ id: customerId, name: 'Juan Pérez', balanceAfter: null });
    expect((await h.ok('customers.get', { id: customerId })).balance).toBe(0);
  });
});
