import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../../shared/contract/index';
import { ERROR_CODES } from '../../../shared/errors';
import { CoreHarness } from '../../support/core-harness';
import { tableCounts } from '../../support/table-counts';

/** Inputs a buggy renderer, a compromised page or a fuzzer could send. */
function garbage(): unknown[] {
  const deep: Record<string, unknown> = {};
  let cursor = deep;
  for (let i = 0; i < 2_000; i++) {
    const next: Record<string, unknown> = {};
    cursor.a = next;
    cursor = next;
  }
  return [
    undefined,
    null,
    0,
    -1,
    Number.NaN,
    '',
    'x'.repeat(1_000_000),
    true,
    [],
    [1, 2, 3],
    {},
    { id: null },
    { query: { $gt: '' } },
    JSON.parse('{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"polluted": 1}}}'),
    { code: "' OR 1=1 --" },
    { userId: '../../etc/passwd', pin: ['1', '2'] },
    { saleId: '01900000-0000-7000-8000-000000000000', lines: [{ productId: {}, quantity: Number.POSITIVE_INFINITY }] },
    deep,
  ];
}

const envelopes = (session: string | null): unknown[] => [
  ...garbage().map((input) => ({ session, input })),
  undefined,
  null,
  'not an envelope',
  { session: 42, input: {} },
  { session, input: {}, extra: true },
  { session: 'x'.repeat(10_000), input: {} },
];

let h: CoreHarness;
let adminId: string;
beforeAll(async () => {
  h = await CoreHarness.open();
  await h.setUp();
  const admin = (await h.ok('users.listForLogin', {})).users[0];
  if (!admin) throw new Error('no admin');
  adminId = admin.id;
  await h.createProduct({ barcodes: ['7790001000019'] });
});
afterAll(async () => {
  await h.close();
});

describe('every channel, called with garbage', () => {
  it.each(CHANNEL_NAMES)('%s answers a typed failure and never throws or writes', async (channel) => {
    // A fresh session each time: `users.logout` with a well-formed envelope rightly ends the one it is given.
    h.session = (await h.ok('users.login', { userId: adminId, pin: '1234' }, null)).token;
    const db = h.inspect();
    const before = tableCounts(db);
    for (const session of [h.session, null]) {
      for (const envelope of envelopes(session)) {
        const result = await h.core.call(channel, envelope);
        expect(result).toBeTypeOf('object');
        if (!result.ok) {
          expect(ERROR_CODES).toContain(result.code);
          expect(result.code).not.toBe('INTERNAL');
          expect(typeof result.message).toBe('string');
        }
      }
    }
    // Garbage never creates anything (the login audit of a real user is not reachable with these inputs).
    expect(tableCounts(db)).toEqual(before);
    db.close();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    undefined,
    null,
    42,
    '',
    'sales.complete; DROP',
    '__proto__',
    'constructor',
    'toString',
    'sales.complete\n',
  ])('an unknown channel %j is NOT_FOUND', async (channel) => {
    const result = await h.core.call(channel as string, { session: h.session, input: {} });
    expect(result).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('still sells after all of that', async () => {
    h.session = (await h.ok('users.login', { userId: adminId, pin: '1234' }, null)).token;
    const [product] = (await h.ok('catalog.search', { query: '' })).items;
    if (!product) throw new Error('no product');
    const receipt = await h.ok('sales.complete', {
      saleId: '01900000-0000-7000-8000-00000000abcd',
      lines: [{ productId: product.id, quantity: 1 }],
      payment: { method: 'cash', tendered: product.price },
    });
    expect(receipt.number).toBe('T01-00000001');
  });
});
