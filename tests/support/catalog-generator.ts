import { withCheckDigit } from '../../shared/barcode';
import type { ProductInput } from '../../shared/contract/catalog.contract';
import { PRODUCT_FAMILIES, type ProductFamily } from './catalog-generator-families';
import { createRng, type Rng } from './catalog-generator-rng';

export { type BulkLoadOptions, type LoadedProduct, loadCatalogFast } from './catalog-generator-loader';
export { createRng, mulberry32, type Rng } from './catalog-generator-rng';

/** One product as `catalog.create` takes it, plus the units received before the store opens. */
export interface GeneratedProduct {
  product: ProductInput & { barcodes: string[] };
  initialStock: number;
}

export interface GenerateCatalogOptions {
  count: number;
  seed: number;
}

/** SKU serials are 6 digits; the serial permutation covers exactly this many. */
export const MAX_GENERATED_PRODUCTS = 1_000_000;

/** GS1 Argentina's prefix: every generated EAN-13 is 779 + 9 digits + check digit. */
const ARGENTINE_PREFIX = '779';
const BARCODE_SPACE = 1_000_000_000;
const SKU_SPACE = MAX_GENERATED_PRODUCTS;
/**
 * Powers of 3 are coprime with powers of 10, so `k -> (k * multiplier + offset) mod space` is a bijection:
 * distinct k give distinct codes with no set to check, and the codes still look scattered.
 */
const BARCODE_MULTIPLIER = 387_420_489;
const SKU_MULTIPLIER = 531_441;
/** Tries for a name not yet used before accepting a repeat: a 300-product demo has none, 100k has many. */
const NAME_ATTEMPTS = 4;
const SECOND_BARCODE_SHARE = 0.25;
const OUT_OF_STOCK_SHARE = 0.08;

function permute(k: number, multiplier: number, offset: number, space: number): number {
  // k * multiplier stays below 2^53 for every k in range, so the arithmetic is exact.
  return (k * multiplier + offset) % space;
}

function barcodeAt(k: number, offset: number): string {
  const body = String(permute(k, BARCODE_MULTIPLIER, offset, BARCODE_SPACE)).padStart(9, '0');
  return withCheckDigit(ARGENTINE_PREFIX + body);
}

function skuCode(brand: string): string {
  const letters = brand
    .normalize('NFD')
    .replace(/[^A-Za-z0-9]/g, '')
    .toUpperCase();
  return letters.padEnd(3, 'X').slice(0, 3);
}

/** A shop price: rounded to $500 (or $1.000 above $100.000) and then one peso under, as shops label them. */
function shelfPricePesos(raw: number, [min, max]: readonly [number, number]): number {
  const clamped = Math.min(Math.max(raw, min), max);
  const step = clamped >= 100_000 ? 1_000 : 500;
  return Math.max(Math.round(clamped / step) * step - 1, step - 1);
}

function pickFamily(rng: Rng, totalWeight: number): ProductFamily {
  let ticket = rng.next() * totalWeight;
  for (const family of PRODUCT_FAMILIES) {
    ticket -= family.weight;
    if (ticket < 0) return family;
  }
  return rng.pick(PRODUCT_FAMILIES);
}

/**
 * A deterministic catalog: the same seed always gives the same products in the same order, and every SKU and
 * barcode is unique within it (by construction, see `permute`). 100k products take well under a second.
 */
export function generateCatalog({ count, seed }: GenerateCatalogOptions): GeneratedProduct[] {
  if (!Number.isInteger(count) || count < 0 || count > MAX_GENERATED_PRODUCTS) {
    throw new RangeError(`count must be an integer from 0 to ${MAX_GENERATED_PRODUCTS}`);
  }
  const rng = createRng(seed);
  const barcodeOffset = rng.int(0, BARCODE_SPACE - 1);
  const skuOffset = rng.int(0, SKU_SPACE - 1);
  const totalWeight = PRODUCT_FAMILIES.reduce((sum, f) => sum + f.weight, 0);
  const usedNames = new Set<string>();
  const products: GeneratedProduct[] = [];
  let nextBarcode = 0;

  for (let i = 0; i < count; i++) {
    const family = pickFamily(rng, totalWeight);
    let draft = family.draw(rng);
    for (let attempt = 1; attempt < NAME_ATTEMPTS && usedNames.has(draft.name); attempt++) draft = family.draw(rng);
    usedNames.add(draft.name);

    // The same model from another supplier lot costs a little more or less.
    const pesos = shelfPricePesos(draft.pricePesos * (0.94 + rng.next() * 0.12), family.pricePesos);
    const price = pesos * 100;
    const margin = 0.55 + rng.next() * 0.25;
    const cost = Math.min(Math.round(pesos * margin) * 100, price - 100);
    const barcodes = [barcodeAt(nextBarcode++, barcodeOffset)];
    if (rng.chance(SECOND_BARCODE_SHARE)) barcodes.push(barcodeAt(nextBarcode++, barcodeOffset));
    const serial = String(permute(i, SKU_MULTIPLIER, skuOffset, SKU_SPACE)).padStart(6, '0');
    const [minLow, minHigh] = family.minStock;
    const [stockLow, stockHigh] = family.initialStock;

    products.push({
      product: {
        sku: `${family.skuPrefix}-${skuCode(draft.brand)}-${serial}`,
        name: draft.name,
        brand: draft.brand,
        category: family.category,
        price,
        cost,
        ivaRateBp: family.ivaRateBp,
        minStock: rng.int(minLow, minHigh),
        serialTracked: family.serialTracked,
        barcodes,
      },
      initialStock: rng.chance(OUT_OF_STOCK_SHARE) ? 0 : rng.int(Math.max(stockLow, 1), stockHigh),
    });
  }
  return products;
}
