import { describe, expect, it } from 'vitest';
import { balancesAfter, ledgerPage } from '../../../electron/core/services/account-ledger-page';

const row = (n: number) => ({ id: `id-${n}`, created_at: `2026-01-0${n}T00:00:00.000Z` });

describe('ledgerPage', () => {
  it.each([
    { read: 0, limit: 2, rows: 0, next: null },
    { read: 1, limit: 2, rows: 1, next: null },
    { read: 2, limit: 2, rows: 2, next: null },
    { read: 3, limit: 2, rows: 2, next: row(2) },
  ])('a read of $read rows with limit $limit is $rows rows, next $next', ({ read, limit, rows, next }) => {
    const page = ledgerPage(
      Array.from({ length: read }, (_, i) => row(i + 1)),
      limit,
    );
    expect(page.rows).toHaveLength(rows);
    expect(page.next).toEqual(next);
  });
});

describe('balancesAfter', () => {
  it.each([
    { name: 'an empty page', entries: [], opening: 500, expected: [] },
    {
      name: 'a first page (nothing older)',
      entries: [
        { kind: 'payment', amount: -300 },
        { kind: 'charge', amount: 1_000 },
      ],
      opening: 0,
      expected: [700, 1_000],
    },
    {
      name: 'a page deep in history starts from the sum of everything older',
      entries: [
        { kind: 'adjustment', amount: 50 },
        { kind: 'payment', amount: -2_000 },
        { kind: 'charge', amount: 400 },
      ],
      opening: 10_000,
      expected: [8_450, 8_400, 10_400],
    },
    {
      name: 'a credit in the customer’s favour',
      entries: [{ kind: 'payment', amount: -900 }],
      opening: 100,
      expected: [-800],
    },
  ] as const)('$name', ({ entries, opening, expected }) => {
    expect(balancesAfter(entries, opening)).toEqual(expected);
  });

  it('refuses an entry whose sign its kind forbids', () => {
    expect(() => balancesAfter([{ kind: 'payment', amount: 100 }], 0)).toThrow(RangeError);
  });
});
