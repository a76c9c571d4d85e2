import { afterEach, describe, expect, it } from 'vitest';
import { generateCatalog, loadCatalogFast } from '../../support/catalog-generator';
import { CoreHarness } from '../../support/core-harness';

let harness: CoreHarness | null = null;

afterEach(async () => {
  await harness?.close();
  harness = null;
});

describe('loadCatalogFast', () => {
  it('loads products the core can scan, search and count, without outbox rows', async () => {
    const h = await CoreHarness.open();
    harness = h;
    await h.setUp();
    const generated = generateCatalog({ count: 500, seed: 11 });
    const loaded = loadCatalogFast(h.core.databaseFile, generated, { storeId: 'store-test', terminalId: 'term-test' });
    expect(loaded).toHaveLength(500);

    for (const index of [0, 137, 499]) {
      const item = loaded[index];
      if (!item) throw new Error('missing loaded product');
      const lastCode = item.barcodes.at(-1) ?? '';
      const scanned = await h.ok('catalog.findByBarcode', { code: lastCode });
      expect(scanned).toMatchObject({ id: item.id, sku: item.sku, stockOnHand: item.initialStock });
      // The FTS triggers indexed the name and every barcode.
      const byName = await h.ok('catalog.search', { query: item.name, limit: 200 });
      expect(byName.items.map((p) => p.id)).toContain(item.id);
      const byCode = await h.ok('catalog.search', { query: lastCode });
      expect(byCode.items.map((p) => p.id)).toEqual([item.id]);
    }

    const db = h.inspect();
    try {
      const outbox = db.prepare("SELECT count(*) AS n FROM outbox WHERE kind LIKE 'product.%'").get();
      expect(outbox).toEqual({ n: 0 });
      const barcodes = db.prepare('SELECT count(*) AS n FROM product_barcodes').get();
      expect(barcodes).toEqual({ n: generated.reduce((n, g) => n + g.product.barcodes.length, 0) });
    } finally {
      db.close();
    }
  });

  it('refuses a file that has no store schema', async () => {
    const h = await CoreHarness.open();
    harness = h;
    const empty = `${h.dataDir}/empty.sqlite`;
    expect(() =>
      loadCatalogFast(empty, generateCatalog({ count: 1, seed: 1 }), { storeId: 's', terminalId: 't' }),
    ).toThrow(/migrated store/);
  });
});
