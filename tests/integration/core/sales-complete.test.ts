import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../../shared/ids';
import { CoreHarness } from '../../support/core-harness';
import { tableCounts } from '../../support/table-counts';

let h: CoreHarness;
let charger: { id: string };
let phone: { id: string };

beforeEach(async () => {
  h = await CoreHarness.open();
  await h.setUp();
  charger = await h.createProduct({ sku: 'CARG-20W', name: 'Cargador USB-C 20 W', price: 1_999_900, ivaRateBp: 2100 });
  phone = await h.createProduct({
    sku: 'SAM-A15',
    name: 'Samsung Galaxy A15 128 GB',
    price: 45_000_000,
    ivaRateBp: 1050,
  });
  await h.ok('stock.adjust', { productId: charger.id, quantity: 10, reason: 'receipt' });
  await h.ok('stock.adjust', { productId: phone.id, quantity: 3, reason: 'receipt' });
});

afterEach(async () => {
  await h.close();
});

describe('sales.complete', () => {
  it('writes the sale, its lines, one payment, the stock movements and exactly one outbox mutation', async () => {
    const db = h.inspect();
    const before = tableCounts(db);
    const saleId = newId();
    const receipt = await h.ok('sales.complete', {
      saleId,
      lines: [
        { productId: charger.id, quantity: 2 },
        { productId: phone.id, quantity: 1 },
      ],
      payment: { method: 'cash', tendered: 50_000_000 },
      expectedTotal: 48_999_800,
    });
    const after = tableCounts(db);

    expect(receipt.number).toBe('T01-00000001');
    expect(receipt.total).toBe(48_999_800);
    expect(receipt.payments).toEqual([{ method: 'cash', amount: 48_999_800, tendered: 50_000_000, change: 1_000_200 }]);
    expect(receipt.ivaBreakdown).toEqual([
      { rateBp: 2100, gross: 3_999_800, iva: 694_180, net: 3_305_620 },
      { rateBp: 1050, gross: 45_000_000, iva: 4_276_018, net: 40_723_982 },
    ]);
    expect(after.sales - before.sales).toBe(1);
    expect(after.sale_lines - before.sale_lines).toBe(2);
    expect(after.payments - before.payments).toBe(1);
    expect(after.stock_movements - before.stock_movements).toBe(2);
    expect(after.outbox - before.outbox).toBe(1);

    const mutation = db.prepare('SELECT kind, payload FROM outbox ORDER BY seq DESC LIMIT 1').get() as {
      kind: string;
      payload: string;
    };
    expect(mutation.kind).toBe('sale.complete');
    const payload = JSON.parse(mutation.payload);
    expect(payload.sales[0].id).toBe(saleId);
    expect(payload.sale_lines).toHaveLength(2);
    expect(payload.stock_movements.map((m: { quantity: number }) => m.quantity)).toEqual([-2, -1]);
    db.close();

    const stock = await h.ok('catalog.get', { id: charger.id });
    expect(stock.stockOnHand).toBe(8);
    expect((await h.ok('catalog.get', { id: phone.id })).stockOnHand).toBe(2);
  });

  it('numbers sales gap-free per terminal', async () => {
    const numbers: string[] = [];
    for (let i = 0; i < 5; i++) {
      const receipt = await h.ok('sales.complete', {
        saleId: newId(),
        lines: [{ productId: charger.id, quantity: 1 }],
        payment: { method: 'cash', tendered: 2_000_000 },
      });
      numbers.push(receipt.number);
    }
    expect(numbers).toEqual(['T01-00000001', 'T01-00000002', 'T01-00000003', 'T01-00000004', 'T01-00000005']);
  });

  it('answers a retry of the same sale with the first sale instead of selling twice', async () => {
    const request = {
      saleId: newId(),
      lines: [{ productId: charger.id, quantity: 1 }],
      payment: { method: 'cash' as const, tendered: 2_000_000 },
    };
    const [first, second] = await Promise.all([h.ok('sales.complete', request), h.ok('sales.complete', request)]);
    const third = await h.ok('sales.complete', request);
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    const db = h.inspect();
    expect(tableCounts(db).sales).toBe(1);
    expect(db.prepare("SELECT count(*) AS n FROM outbox WHERE kind = 'sale.complete'").get()).toEqual({ n: 1 });
    db.close();
    expect((await h.ok('catalog.get', { id: charger.id })).stockOnHand).toBe(9);
  });

  it('refuses the same sale id with other lines', async () => {
    const saleId = newId();
    await h.ok('sales.complete', {
      saleId,
      lines: [{ productId: charger.id, quantity: 1 }],
      payment: { method: 'cash', tendered: 2_000_000 },
    });
    const failure = await h.fails('sales.complete', {
      saleId,
      lines: [{ productId: charger.id, quantity: 2 }],
      payment: { method: 'cash', tendered: 4_000_000 },
    });
    expect(failure.code).toBe('CONFLICT');
  });

  it('refuses a sale whose prices changed since the cashier saw the total', async () => {
    await h.ok('catalog.update', { id: charger.id, changes: { price: 2_100_000 } });
    const failure = await h.fails('sales.complete', {
      saleId: newId(),
      lines: [{ productId: charger.id, quantity: 1 }],
      payment: { method: 'cash', tendered: 3_000_000 },
      expectedTotal: 1_999_900,
    });
    expect(failure.code).toBe('CONFLICT');
  });

  it('lets stock go below zero: a sale is never lost because the count was wrong', async () => {
    await h.ok('sales.complete', {
      saleId: newId(),
      lines: [{ productId: phone.id, quantity: 4 }],
      payment: { method: 'cash', tendered: 180_000_000 },
    });
    expect((await h.ok('catalog.get', { id: phone.id })).stockOnHand).toBe(-1);
  });

  it('reads a sale back as the same receipt, and lists it among recent sales', async () => {
    const receipt = await h.ok('sales.complete', {
      saleId: newId(),
      lines: [{ productId: charger.id, quantity: 3 }],
      payment: { method: 'cash', tendered: 6_000_000 },
    });
    expect(await h.ok('sales.get', { id: receipt.id })).toEqual(receipt);
    const recent = await h.ok('sales.recent', { limit: 5 });
    expect(recent.items[0]).toMatchObject({ id: receipt.id, number: receipt.number, total: 5_999_700, lineCount: 1 });
  });
});

describe('a sale that fails changes no row and answers a typed error', () => {
  const cases: [string, () => unknown, string][] = [
    ['an empty cart', () => ({ saleId: newId(), lines: [], payment: { method: 'cash', tendered: 0 } }), 'VALIDATION'],
    [
      'an unknown product',
      () => ({
        saleId: newId(),
        lines: [{ productId: newId(), quantity: 1 }],
        payment: { method: 'cash', tendered: 1 },
      }),
      'NOT_FOUND',
    ],
    [
      'a negative quantity',
      () => ({
        saleId: newId(),
        lines: [{ productId: charger.id, quantity: -1 }],
        payment: { method: 'cash', tendered: 0 },
      }),
      'VALIDATION',
    ],
    [
      'tendered below the total',
      () => ({
        saleId: newId(),
        lines: [{ productId: charger.id, quantity: 1 }],
        payment: { method: 'cash', tendered: 1_999_899 },
      }),
      'VALIDATION',
    ],
    [
      'a 10 MB string',
      () => ({
        saleId: 'x'.repeat(10 * 1024 * 1024),
        lines: [{ productId: charger.id, quantity: 1 }],
        payment: { method: 'cash', tendered: 2_000_000 },
      }),
      'VALIDATION',
    ],
    [
      'wrong types',
      () => ({ saleId: 42, lines: 'two chargers', payment: { method: 'cash', tendered: '2000000' } }),
      'VALIDATION',
    ],
    [
      'SQL in a product id',
      () => ({
        saleId: newId(),
        lines: [{ productId: "'); DELETE FROM sales; --", quantity: 1 }],
        payment: { method: 'cash', tendered: 2_000_000 },
      }),
      'VALIDATION',
    ],
  ];

  it.each(cases)('%s', async (_what, request, code) => {
    const db = h.inspect();
    const before = tableCounts(db);
    const failure = await h.fails('sales.complete', request());
    expect(failure.code).toBe(code);
    expect(failure.message).not.toMatch(/at .*\.ts:\d+/); // no stack trace crosses the boundary
    expect(tableCounts(db)).toEqual(before);
    db.close();
  });

  it('SQL in a product name is stored as text, and the catalog is intact', async () => {
    const name = "Funda'); DROP TABLE products; --";
    const created = await h.createProduct({ sku: 'FUNDA-X', name });
    expect((await h.ok('catalog.get', { id: created.id })).name).toBe(name);
    expect((await h.ok('catalog.search', { query: 'funda' })).items.map((i) => i.name)).toEqual([name]);
  });
});
