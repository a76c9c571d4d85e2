import { describe, expect, it } from 'vitest';
import { ROLES } from '../../../shared/contract/common.schemas';
import { envelopeSchema } from '../../../shared/contract/envelope';
import { CHANNEL_NAMES, contract } from '../../../shared/contract/index';
import { newId } from '../../../shared/ids';

const sale = (overrides: Record<string, unknown> = {}) => ({
  saleId: newId(),
  lines: [{ productId: newId(), quantity: 1 }],
  payment: { method: 'cash', tendered: 100 },
  ...overrides,
});

const product = (overrides: Record<string, unknown> = {}) => ({
  sku: 'cab-usbc-1m',
  name: 'Cable USB-C 1 m',
  brand: 'Genérico',
  category: 'Accesorios',
  price: 850_000,
  cost: 400_000,
  ivaRateBp: 2100,
  minStock: 5,
  serialTracked: false,
  barcodes: ['7790001000019'],
  ...overrides,
});

describe('the contract', () => {
  it('names each channel domain.action and gives it a valid access rule', () => {
    expect(CHANNEL_NAMES.length).toBeGreaterThan(10);
    for (const name of CHANNEL_NAMES) {
      expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
      const { access } = contract[name];
      if (typeof access !== 'string') {
        expect(access.length).toBeGreaterThan(0);
        for (const role of access) expect(ROLES).toContain(role);
      } else {
        expect(['public', 'setup', 'user']).toContain(access);
      }
    }
  });

  it('keeps the few public channels to what a locked screen needs', () => {
    const publicChannels = CHANNEL_NAMES.filter((name) => contract[name].access === 'public').sort();
    expect(publicChannels).toEqual([
      'app.joinStatus',
      'app.status',
      'setup.initialize',
      'users.listForLogin',
      'users.login',
    ]);
  });

  it('opens app.join only to a terminal that is not set up yet', () => {
    const setupChannels = CHANNEL_NAMES.filter((name) => contract[name].access === 'setup').sort();
    expect(setupChannels).toEqual(['app.join']);
  });
});

describe('sales.complete request', () => {
  const schema = contract['sales.complete'].request;

  it('accepts a well-formed cash sale', () => {
    expect(schema.safeParse(sale()).success).toBe(true);
  });

  it.each([
    ['an empty cart', { lines: [] }],
    ['a negative quantity', { lines: [{ productId: newId(), quantity: -1 }] }],
    ['a fractional quantity', { lines: [{ productId: newId(), quantity: 1.5 }] }],
    ['a product id that is not a UUIDv7', { lines: [{ productId: 'abc', quantity: 1 }] }],
    ['centavos as a float', { payment: { method: 'cash', tendered: 10.5 } }],
    ['centavos as a string', { payment: { method: 'cash', tendered: '100' } }],
    ['an unknown payment method', { payment: { method: 'bitcoin', tendered: 100 } }],
    ['an unknown field', { discount: 50 }],
    ['a v4 sale id', { saleId: '2f1b6a32-2c9e-4d3b-9b7a-0c6c1f8e9a11' }],
  ])('refuses %s', (_what, overrides) => {
    expect(schema.safeParse(sale(overrides)).success).toBe(false);
  });
});

describe('catalog.create request', () => {
  const schema = contract['catalog.create'].request;

  it('normalises the SKU to upper case and keeps valid barcodes', () => {
    const parsed = schema.parse(product());
    expect(parsed.sku).toBe('CAB-USBC-1M');
    expect(parsed.barcodes).toEqual(['7790001000019']);
  });

  it.each([
    ['a wrong EAN-13 check digit', { barcodes: ['7790001000018'] }],
    ['the same barcode twice', { barcodes: ['7790001000019', '7790001000019'] }],
    ['a 10 MB name', { name: 'x'.repeat(10 * 1024 * 1024) }],
    ['an IVA rate that does not exist', { ivaRateBp: 1900 }],
    ['a negative price', { price: -1 }],
    ['SQL in the SKU', { sku: "X'; DROP TABLE products;--" }],
    ['an empty name', { name: '   ' }],
  ])('refuses %s', (_what, overrides) => {
    expect(schema.safeParse(product(overrides)).success).toBe(false);
  });
});

describe('setup.initialize request', () => {
  const schema = contract['setup.initialize'].request;
  const base = { storeName: 'TechStore Centro', terminalCode: 't01', adminName: 'Ana', pin: '1234' };

  it('upper-cases the terminal code', () => {
    expect(schema.parse(base).terminalCode).toBe('T01');
  });

  it.each([
    ['a 3-digit PIN', { pin: '123' }],
    ['a PIN with letters', { pin: '12a4' }],
    ['a terminal code with a dash', { terminalCode: 'T-1' }],
  ])('refuses %s', (_what, overrides) => {
    expect(schema.safeParse({ ...base, ...overrides }).success).toBe(false);
  });
});

describe('the envelope', () => {
  it('carries only a session and an input', () => {
    expect(envelopeSchema.safeParse({ session: null, input: {} }).success).toBe(true);
    expect(envelopeSchema.safeParse({ input: {}, channel: 'x' }).success).toBe(false);
    expect(envelopeSchema.safeParse('string').success).toBe(false);
  });
});
