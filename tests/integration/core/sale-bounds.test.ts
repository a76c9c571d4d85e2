import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestOf } from '../../../shared/contract/index';
import { newId } from '../../../shared/ids';
import { MONEY_BOUNDS } from '../../../shared/money-bounds';
import { CoreHarness } from '../../support/core-harness';
import { callTruthfully, StoredState } from '../../support/stored-state';

const HUGE = Number.MAX_SAFE_INTEGER;
const { unitPrice: MAX_PRICE, saleTotal: MAX_TOTAL, accountBalance: MAX_BALANCE } = MONEY_BOUNDS;

let h: CoreHarness;
let state: StoredState;

function sell(request: Omit<RequestOf<'sales.complete'>, 'saleId'>) {
  return callTruthfully(h, state, 'sales.complete', { saleId: newId(), ...request });
}

/** A product as an older terminal could have stored it, before prices had a bound. */
function storeOldPrice(productId: string, price: number): void {
  const db = h.writable();
  db.prepare('UPDATE products SET price = ? WHERE id = ?').run(price, productId);
  db.close();
}

beforeEach(async () => {
  h = await CoreHarness.open();
  await h.setUp();
  state = new StoredState(h.core.databaseFile);
});

afterEach(async () => {
  state.close();
  await h.close();
});

describe('prices', () => {
  it('refuses a price or a cost past the bound on create and update', async () => {
    const create = (price: number, cost: number) =>
      callTruthfully(h, state, 'catalog.create', {
        sku: `SKU-${newId().slice(-8)}`,
        name: 'Notebook',
        brand: '',
        category: '',
        price,
        cost,
        ivaRateBp: 2100,
        minStock: 0,
        serialTracked: false,
        barcodes: [],
      });
    expect(await create(HUGE, 0)).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect(await create(MAX_PRICE + 1, 0)).toMatchObject({
      ok: false,
      issues: [{ path: 'price', message: `amount_limit ${MAX_PRICE}` }],
    });
    expect(await create(0, MAX_PRICE + 1)).toMatchObject({ ok: false, issues: [{ path: 'cost' }] });
    const created = await create(MAX_PRICE, MAX_PRICE);
    if (!created.ok) throw new Error(created.message);
    const update = await callTruthfully(h, state, 'catalog.update', { id: created.value.id, changes: { price: HUGE } });
    expect(update).toMatchObject({ ok: false, code: 'VALIDATION' });
  });
});

describe('sales.complete', () => {
  it('refuses two units of a product priced at 2^53 - 1 (an older record) with VALIDATION (issue 9)', async () => {
    const product = await h.createProduct();
    storeOldPrice(product.id, HUGE);
    const refused = await sell({
      lines: [{ productId: product.id, quantity: 2 }],
      payment: { method: 'cash', tendered: 1 },
    });
    expect(refused).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect((await h.ok('catalog.get', { id: product.id })).price).toBe(HUGE);
  });

  it('refuses two card payments of 2^53 - 1 with VALIDATION (issue 9)', async () => {
    const product = await h.createProduct({ price: MAX_PRICE });
    const card = { method: 'credit_card' as const, amount: HUGE, reference: 'CUPON 1' };
    const refused = await sell({ lines: [{ productId: product.id, quantity: 2 }], payments: [card, card] });
    expect(refused).toMatchObject({ ok: false, code: 'VALIDATION' });
  });

  it('sells lines and tickets up to the bound and refuses one unit more', async () => {
    const product = await h.createProduct({ price: MAX_PRICE });
    const units = MAX_TOTAL / MAX_PRICE;
    const at = await sell({
      lines: [{ productId: product.id, quantity: units }],
      payments: [{ method: 'transfer', amount: MAX_TOTAL }],
    });
    expect(at.ok).toBe(true);
    if (at.ok) expect((await h.ok('sales.get', { id: at.value.id })).total).toBe(MAX_TOTAL);
    const line = await sell({
      lines: [{ productId: product.id, quantity: units + 1 }],
      payments: [{ method: 'cash', amount: MAX_TOTAL }],
    });
    expect(line).toMatchObject({ ok: false, code: 'VALIDATION', issues: [{ path: 'lines.0' }] });
    const ticket = await sell({
      lines: [
        { productId: product.id, quantity: units },
        { productId: product.id, quantity: 1 },
      ],
      payments: [{ method: 'cash', amount: MAX_TOTAL }],
    });
    expect(ticket).toMatchObject({ ok: false, code: 'VALIDATION', issues: [{ path: 'lines' }] });
    await h.ok('sales.recent', {});
  });

  it('refuses a charge on account that would take the balance past the bound', async () => {
    const customerId = (await h.ok('customers.create', { name: 'Juan Pérez' })).id;
    await h.ok('accounts.adjust', { entryId: newId(), customerId, amount: MAX_BALANCE - 100, note: 'saldo previo' });
    const product = await h.createProduct({ price: 101 });
    const refused = await sell({
      lines: [{ productId: product.id, quantity: 1 }],
      payments: [{ method: 'customer_account', amount: 101 }],
      customerId,
    });
    expect(refused).toMatchObject({ ok: false, code: 'VALIDATION', issues: [{ path: 'payments' }] });
    expect((await h.ok('customers.get', { id: customerId })).balance).toBe(MAX_BALANCE - 100);
  });
});
