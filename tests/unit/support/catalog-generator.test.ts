import { describe, expect, it } from 'vitest';
import { checkBarcode } from '../../../shared/barcode';
import { productInputSchema } from '../../../shared/contract/catalog.contract';
import { type GeneratedProduct, generateCatalog, MAX_GENERATED_PRODUCTS } from '../../support/catalog-generator';

const large = generateCatalog({ count: 100_000, seed: 20_260_101 });

function fingerprint(items: readonly GeneratedProduct[]): string {
  return JSON.stringify(items);
}

describe('generateCatalog', () => {
  it('gives the same catalog for the same seed and another one for another seed', () => {
    const a = generateCatalog({ count: 500, seed: 7 });
    expect(fingerprint(generateCatalog({ count: 500, seed: 7 }))).toBe(fingerprint(a));
    expect(fingerprint(generateCatalog({ count: 500, seed: 8 }))).not.toBe(fingerprint(a));
  });

  it('is a prefix of itself: a smaller count gives the first products of a larger one', () => {
    expect(fingerprint(generateCatalog({ count: 100, seed: 20_260_101 }))).toBe(fingerprint(large.slice(0, 100)));
  });

  it('makes 100k products with unique SKUs and unique barcodes', () => {
    expect(large).toHaveLength(100_000);
    expect(new Set(large.map((g) => g.product.sku)).size).toBe(large.length);
    const codes = large.flatMap((g) => g.product.barcodes);
    expect(new Set(codes).size).toBe(codes.length);
    expect(large.every((g) => g.product.barcodes.length >= 1 && g.product.barcodes.length <= 2)).toBe(true);
  });

  it('makes only valid Argentine EAN-13 barcodes', () => {
    for (const code of large.flatMap((g) => g.product.barcodes)) {
      if (!/^779\d{10}$/.test(code) || !checkBarcode(code).valid) throw new Error(`bad barcode ${code}`);
    }
  });

  it('prices in positive integer centavos with a cost below the price', () => {
    for (const { product } of large) {
      const { price, cost } = product;
      if (!Number.isInteger(price) || !Number.isInteger(cost) || price <= 0 || cost <= 0 || cost >= price) {
        throw new Error(`bad price for ${product.sku}: price ${price}, cost ${cost}`);
      }
    }
  });

  it('keeps each category in its realistic price band', () => {
    const band = (category: string) => {
      const prices = large.filter((g) => g.product.category === category).map((g) => g.product.price / 100);
      return [Math.min(...prices), Math.max(...prices)];
    };
    expect(band('Accesorios')[0]).toBeGreaterThanOrEqual(7_999);
    expect(band('Accesorios')[1]).toBeLessThanOrEqual(60_000);
    expect(band('Celulares')[0]).toBeGreaterThanOrEqual(229_999);
    expect(band('Celulares')[1]).toBeLessThanOrEqual(2_500_000);
    expect(band('Repuestos')[0]).toBeGreaterThanOrEqual(14_999);
    expect(band('Repuestos')[1]).toBeLessThanOrEqual(200_000);
  });

  it('gives phones and notebooks the 10.5 % IVA rate and most of the rest 21 %', () => {
    const reduced = large.filter((g) => g.product.ivaRateBp === 1050);
    expect(reduced.every((g) => ['Celulares', 'Notebooks', 'Tablets'].includes(g.product.category))).toBe(true);
    expect(reduced.length).toBeGreaterThan(0);
    expect(large.filter((g) => g.product.ivaRateBp === 2100).length).toBeGreaterThan(large.length / 2);
  });

  it('makes products that catalog.create accepts as they are', () => {
    for (const generated of large.slice(0, 2_000)) {
      const parsed = productInputSchema.safeParse(generated.product);
      if (!parsed.success) throw new Error(`${generated.product.sku}: ${parsed.error.message}`);
      // The schema normalizes (trim, upper-case SKU); generated values must already be in normal form.
      expect(parsed.data.sku).toBe(generated.product.sku);
      expect(parsed.data.name).toBe(generated.product.name);
    }
  });

  it('gives every product a non-negative whole initial stock and minimum', () => {
    expect(large.every((g) => Number.isInteger(g.initialStock) && g.initialStock >= 0)).toBe(true);
    expect(large.every((g) => Number.isInteger(g.product.minStock) && g.product.minStock >= 0)).toBe(true);
  });

  it('gives a small demo catalog distinct names', () => {
    const demo = generateCatalog({ count: 300, seed: 2026 });
    expect(new Set(demo.map((g) => g.product.name)).size).toBe(demo.length);
  });

  it('refuses counts it cannot keep unique', () => {
    expect(() => generateCatalog({ count: MAX_GENERATED_PRODUCTS + 1, seed: 1 })).toThrow(RangeError);
    expect(() => generateCatalog({ count: -1, seed: 1 })).toThrow(RangeError);
  });
});
