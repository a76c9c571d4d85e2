import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreHarness } from '../../support/core-harness';
import { tableCounts } from '../../support/table-counts';

let h: CoreHarness;

beforeEach(async () => {
  h = await CoreHarness.open();
  await h.setUp();
  await h.createProduct({
    sku: 'SAM-A15-128',
    name: 'Samsung Galaxy A15 128 GB',
    brand: 'Samsung',
    barcodes: ['7790001000019'],
  });
  await h.createProduct({ sku: 'SAM-S24', name: 'Samsung Galaxy S24 256 GB', brand: 'Samsung' });
  await h.createProduct({ sku: 'CAM-WEB', name: 'Cámara web Full HD', brand: 'Logitech' });
  await h.createProduct({ sku: 'FUN-IP15', name: 'Funda silicona iPhone 15', brand: 'Apple' });
});

afterEach(async () => {
  await h.close();
});

const names = async (query: string, includeArchived = false) =>
  (await h.ok('catalog.search', { query, includeArchived })).items.map((i) => i.name);

describe('catalog search', () => {
  it('matches word prefixes in any order: "sam gal" finds every Samsung Galaxy', async () => {
    expect(await names('sam gal')).toEqual(['Samsung Galaxy A15 128 GB', 'Samsung Galaxy S24 256 GB']);
    expect(await names('gal a15')).toEqual(['Samsung Galaxy A15 128 GB']);
  });

  it('ignores accents and case both ways', async () => {
    expect(await names('camara')).toEqual(['Cámara web Full HD']);
    expect(await names('CÁMARA WEB')).toEqual(['Cámara web Full HD']);
  });

  it('finds by brand, SKU and barcode prefix', async () => {
    expect(await names('logitech')).toEqual(['Cámara web Full HD']);
    expect(await names('fun-ip15')).toEqual(['Funda silicona iPhone 15']);
    expect(await names('77900010')).toEqual(['Samsung Galaxy A15 128 GB']);
  });

  it.each(['"', 'AND', 'sam OR', '*', 'NEAR(sam', 'name:sam', "'; DROP TABLE products; --", '(((', '^'])(
    'treats FTS syntax in %j as plain text',
    async (query) => {
      const result = await h.call('catalog.search', { query });
      expect(result.ok).toBe(true);
    },
  );

  it('hides archived products unless asked, and shows them again once unarchived', async () => {
    const [funda] = (await h.ok('catalog.search', { query: 'funda' })).items;
    if (!funda) throw new Error('no funda');
    await h.ok('catalog.archive', { id: funda.id, archived: true });
    expect(await names('funda')).toEqual([]);
    expect(await names('funda', true)).toEqual(['Funda silicona iPhone 15']);
    await h.ok('catalog.archive', { id: funda.id, archived: false });
    expect(await names('funda')).toEqual(['Funda silicona iPhone 15']);
  });

  it('keeps the index current when a product is renamed', async () => {
    const [cam] = (await h.ok('catalog.search', { query: 'camara' })).items;
    if (!cam) throw new Error('no camera');
    await h.ok('catalog.update', { id: cam.id, changes: { name: 'Webcam 4K' } });
    expect(await names('camara')).toEqual([]);
    expect(await names('webcam')).toEqual(['Webcam 4K']);
  });
});

describe('barcodes', () => {
  it('finds a product by any of its barcodes, or by its SKU', async () => {
    const product = await h.createProduct({
      sku: 'PB-10K',
      name: 'Power bank 10000 mAh',
      barcodes: ['7790002000018', '036000291452'],
    });
    expect((await h.ok('catalog.findByBarcode', { code: '036000291452' })).id).toBe(product.id);
    expect((await h.ok('catalog.findByBarcode', { code: ' 7790002000018\n' })).id).toBe(product.id);
    expect((await h.ok('catalog.findByBarcode', { code: 'pb-10k' })).id).toBe(product.id);
    expect((await h.fails('catalog.findByBarcode', { code: '0000000000000' })).code).toBe('NOT_FOUND');
  });

  it('refuses a barcode that another product already has, and a reused SKU', async () => {
    expect((await h.fails('catalog.create', { ...baseInput(), barcodes: ['7790001000019'] })).code).toBe('CONFLICT');
    expect((await h.fails('catalog.create', { ...baseInput(), sku: 'sam-s24' })).code).toBe('CONFLICT');
  });

  it('moves a barcode: removed from one product, it can be given to another', async () => {
    const [a15] = (await h.ok('catalog.search', { query: 'a15' })).items;
    if (!a15) throw new Error('no a15');
    const edited = await h.ok('catalog.update', { id: a15.id, changes: { barcodes: ['7790003000017'] } });
    expect(edited.barcodes).toEqual(['7790003000017']);
    const other = await h.ok('catalog.create', { ...baseInput(), barcodes: ['7790001000019'] });
    expect((await h.ok('catalog.findByBarcode', { code: '7790001000019' })).id).toBe(other.id);
    expect((await h.ok('catalog.findByBarcode', { code: '7790003000017' })).id).toBe(a15.id);
  });
});

describe('editing', () => {
  it('records only the columns that changed, and nothing for an unchanged form', async () => {
    const product = await h.createProduct({ sku: 'EDIT-1', name: 'Parlante Bluetooth', price: 2_500_000 });
    const db = h.inspect();
    const outboxBefore = tableCounts(db).outbox;
    const form = { ...baseInput(), sku: 'EDIT-1', name: 'Parlante Bluetooth', price: 2_500_000 };
    const unchanged = {
      ...form,
      brand: product.brand,
      category: product.category,
      cost: product.cost,
      minStock: product.minStock,
    };
    await h.ok('catalog.update', { id: product.id, changes: unchanged });
    expect(tableCounts(db).outbox).toBe(outboxBefore);

    const edited = await h.ok('catalog.update', { id: product.id, changes: { ...unchanged, price: 2_700_000 } });
    expect(edited).toMatchObject({ price: 2_700_000, rowVersion: 2 });
    const mutation = db.prepare('SELECT kind, payload FROM outbox ORDER BY seq DESC LIMIT 1').get() as {
      kind: string;
      payload: string;
    };
    expect(mutation.kind).toBe('product.update');
    expect(JSON.parse(mutation.payload).changes).toEqual([
      { table: 'products', id: product.id, columns: { price: 2_700_000, updated_at: expect.any(String) } },
    ]);
    db.close();
  });
});

describe('stock', () => {
  it('is the sum of the movement ledger', async () => {
    const product = await h.createProduct();
    await h.ok('stock.adjust', { productId: product.id, quantity: 12, reason: 'receipt' });
    const result = await h.ok('stock.adjust', { productId: product.id, quantity: -2, reason: 'count', note: 'conteo' });
    expect(result.stockOnHand).toBe(10);
    expect((await h.ok('catalog.get', { id: product.id })).stockOnHand).toBe(10);
  });
});

function baseInput() {
  return {
    sku: 'NEW-1',
    name: 'Auriculares Bluetooth',
    brand: 'JBL',
    category: 'Audio',
    price: 3_500_000,
    cost: 2_000_000,
    ivaRateBp: 2100,
    minStock: 1,
    serialTracked: false,
    barcodes: [],
  };
}
