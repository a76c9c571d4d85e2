import { describe, expect, it } from 'vitest';
import { CoreError } from '../../../shared/errors';
import {
  assertAmountWithinBound,
  assertSumWithinBound,
  isLimitIssue,
  MONEY_BOUNDS,
  QUANTITY_BOUNDS,
  withinBound,
} from '../../../shared/money-bounds';
import { saleBoundsIssue } from '../../../shared/sale-totals';

const { unitPrice, lineTotal, saleTotal, accountBalance, repairAmount, repairTotal } = MONEY_BOUNDS;

describe('the bounds themselves', () => {
  it('keep every sum the core computes from bounded parts exact', () => {
    for (const bound of Object.values(MONEY_BOUNDS)) expect(Number.isSafeInteger(bound)).toBe(true);
    // A line before its own check, and a ticket of 200 lines each at its bound.
    expect(Number.isSafeInteger(unitPrice * QUANTITY_BOUNDS.saleLine)).toBe(true);
    expect(Number.isSafeInteger(200 * lineTotal)).toBe(true);
    // A balance at its bound plus the largest entry, and parts of 1 000 units at the largest price.
    expect(Number.isSafeInteger(2 * accountBalance)).toBe(true);
    expect(Number.isSafeInteger(repairTotal + unitPrice * QUANTITY_BOUNDS.repairPart)).toBe(true);
    // Room for terminals of a chain that each took a balance to the bound offline.
    expect(Number.MAX_SAFE_INTEGER / accountBalance).toBeGreaterThan(900);
  });

  it('nest: a line fits a ticket, a seña or a repair fits a ticket, a ticket fits a balance', () => {
    expect(lineTotal).toBeLessThanOrEqual(saleTotal);
    expect(repairAmount).toBeLessThanOrEqual(saleTotal);
    expect(saleTotal).toBeLessThanOrEqual(accountBalance);
    expect(MONEY_BOUNDS.creditLimit).toBeLessThanOrEqual(accountBalance);
  });
});

describe('withinBound', () => {
  it.each([
    [0, true],
    [accountBalance, true],
    [-accountBalance, true],
    [accountBalance + 1, false],
    [-accountBalance - 1, false],
    [0.5, false],
    [Number.NaN, false],
    [Number.POSITIVE_INFINITY, false],
    [Number.MAX_SAFE_INTEGER, false],
  ])('%s within the balance bound: %s', (value, expected) => {
    expect(withinBound(value, 'accountBalance')).toBe(expected);
  });
});

function refusal(run: () => void): CoreError | null {
  try {
    run();
    return null;
  } catch (error) {
    if (error instanceof CoreError) return error;
    throw error;
  }
}

describe('assertSumWithinBound', () => {
  it.each([
    ['a sum at the bound', 0, accountBalance, null],
    ['one centavo past it', 1, accountBalance + 1, 'amount'],
    ['past it the other way', 0, -accountBalance - 1, 'amount'],
    ['a sum already past the bound moving back toward zero', 2 * accountBalance, 2 * accountBalance - 5, null],
    ['a sum already past the bound moving further', 2 * accountBalance, 2 * accountBalance + 5, 'amount'],
  ] as const)('%s', (_what, before, after, refusedPath) => {
    const error = refusal(() => assertSumWithinBound(before, after, 'accountBalance', 'amount', 'the balance'));
    if (refusedPath === null) {
      expect(error).toBeNull();
      return;
    }
    expect(error?.code).toBe('VALIDATION');
    expect(error?.issues).toEqual([{ path: refusedPath, message: `total_limit ${accountBalance}` }]);
    expect(error?.issues?.every(isLimitIssue)).toBe(true);
  });

  it('names the single amount refused with amount_limit', () => {
    const error = refusal(() => assertAmountWithinBound(unitPrice + 1, 'unitPrice', 'productId', 'the price'));
    expect(error?.issues).toEqual([{ path: 'productId', message: `amount_limit ${unitPrice}` }]);
  });
});

describe('saleBoundsIssue', () => {
  const line = (price: number, quantity: number) => ({ unitPrice: price, quantity, ivaRateBp: 2100 as const });
  it.each([
    ['an ordinary ticket', [line(1_500_000, 2)], null],
    ['a ticket at the bound', [line(unitPrice, saleTotal / unitPrice)], null],
    ['a unit price stored before the bound', [line(1, 1), line(Number.MAX_SAFE_INTEGER, 1)], 'lines.1'],
    ['a line past its bound', [line(unitPrice, lineTotal / unitPrice + 1)], 'lines.0'],
    ['a return line past its bound', [line(unitPrice, -(lineTotal / unitPrice) - 1)], 'lines.0'],
    ['a total past its bound, each line within', [line(unitPrice, 10), line(1, 1)], 'lines'],
  ] as const)('%s', (_what, lines, path) => {
    expect(saleBoundsIssue(lines)?.path ?? null).toBe(path);
  });
});
