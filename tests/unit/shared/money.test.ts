import { describe, expect, it } from 'vitest';
import { divideRoundHalfAwayFromZero, mulDivRound, roundToStep, sumCentavos } from '../../../shared/money';

describe('divideRoundHalfAwayFromZero', () => {
  it.each([
    [5, 2, 3],
    [-5, 2, -3],
    [4, 2, 2],
    [7, 3, 2],
    [8, 3, 3],
    [-8, 3, -3],
    [1, 3, 0],
    [0, 7, 0],
    [15, -2, -8],
  ])('%i / %i = %i', (n, d, expected) => {
    expect(divideRoundHalfAwayFromZero(n, d)).toBe(expected);
  });

  it('refuses a float or a zero divisor', () => {
    expect(() => divideRoundHalfAwayFromZero(1.5, 2)).toThrow(RangeError);
    expect(() => divideRoundHalfAwayFromZero(1, 0)).toThrow(RangeError);
  });
});

describe('mulDivRound', () => {
  it('stays exact where the product passes 2^53', () => {
    // 9e12 * 2100 = 1.89e16 passes a double's exact range; BigInt keeps the answer right.
    expect(mulDivRound(9_000_000_000_000, 2100, 12100)).toBe(1_561_983_471_074);
  });
});

describe('sumCentavos and roundToStep', () => {
  it('sums integers and refuses floats', () => {
    expect(sumCentavos([100, 250, -50])).toBe(300);
    expect(() => sumCentavos([0.1, 0.2])).toThrow(RangeError);
  });

  it.each([
    [12_345, 100, 12_300],
    [12_350, 100, 12_400],
    [-12_350, 100, -12_400],
    [99, 1000, 0],
    [500, 1000, 1000],
  ])('rounds %i to a step of %i: %i', (amount, step, expected) => {
    expect(roundToStep(amount, step)).toBe(expected);
  });
});
