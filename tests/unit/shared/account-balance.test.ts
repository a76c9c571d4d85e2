import { describe, expect, it } from 'vitest';
import {
  type AccountEntry,
  accountBalance,
  adjustmentEntry,
  assertAccountEntry,
  availableCredit,
  chargeEntry,
  paymentEntry,
  runningBalances,
  wouldExceedCreditLimit,
} from '../../../shared/account-balance';

describe('account entries', () => {
  it('a charge adds to what the customer owes, a payment subtracts, an adjustment goes either way', () => {
    expect(chargeEntry(150_000)).toEqual({ kind: 'charge', amount: 150_000 });
    expect(paymentEntry(50_000)).toEqual({ kind: 'payment', amount: -50_000 });
    expect(adjustmentEntry(-1_250)).toEqual({ kind: 'adjustment', amount: -1_250 });
    expect(adjustmentEntry(99)).toEqual({ kind: 'adjustment', amount: 99 });
  });

  it.each([
    ['charge of 0', () => chargeEntry(0)],
    ['negative charge', () => chargeEntry(-100)],
    ['payment of 0', () => paymentEntry(0)],
    ['negative payment', () => paymentEntry(-100)],
    ['adjustment of 0', () => adjustmentEntry(0)],
    ['charge in pesos with decimals', () => chargeEntry(1500.5)],
    ['NaN payment', () => paymentEntry(Number.NaN)],
    ['unsafe adjustment', () => adjustmentEntry(2 ** 53)],
  ])('refuses a %s', (_name, make) => {
    expect(make).toThrow(RangeError);
  });

  it.each<AccountEntry>([
    { kind: 'charge', amount: -500 },
    { kind: 'payment', amount: 500 },
    { kind: 'adjustment', amount: 0 },
    { kind: 'payment', amount: -0.5 },
  ])('refuses a stored entry with the wrong sign or a fraction: %j', (entry) => {
    expect(() => assertAccountEntry(entry)).toThrow(RangeError);
    expect(() => accountBalance([chargeEntry(100), entry])).toThrow(RangeError);
  });
});

describe('balance', () => {
  const ledger = [
    chargeEntry(250_000), // credit sale, $2.500
    paymentEntry(100_000), // paid $1.000 in cash
    chargeEntry(80_050), // repair balance on account, $800,50
    adjustmentEntry(-5_050), // manager forgives the 50,50
    paymentEntry(300_000), // overpays: the customer now has credit
  ];

  it("is the sum of the ledger; negative means credit in the customer's favour", () => {
    expect(accountBalance([])).toBe(0);
    expect(accountBalance(ledger)).toBe(-75_000);
  });

  it('runs entry by entry for the statement, ending at the balance', () => {
    expect(runningBalances(ledger)).toEqual([250_000, 150_000, 230_050, 225_000, -75_000]);
    expect(runningBalances([])).toEqual([]);
  });

  it('is exact in centavos where floats in pesos would drift', () => {
    const tenCents = Array.from({ length: 10 }, () => chargeEntry(10));
    expect(accountBalance(tenCents)).toBe(100); // 0.1 * 10 in floating pesos is 0.9999999999999999
  });

  it('refuses a total past the safe-integer range rather than round it', () => {
    const huge = chargeEntry(Number.MAX_SAFE_INTEGER);
    expect(() => accountBalance([huge, chargeEntry(1)])).toThrow(RangeError);
    expect(() => runningBalances([huge, chargeEntry(1)])).toThrow(RangeError);
  });
});

describe('credit limit', () => {
  it.each([
    // balance, charge, limit, exceeds
    [0, 100_000, null, false], // no limit
    [90_000_000, 100_000_000, null, false],
    [0, 100_000, 100_000, false], // reaching the limit exactly is allowed
    [0, 100_001, 100_000, true],
    [60_000, 40_000, 100_000, false],
    [60_000, 40_001, 100_000, true],
    [-50_000, 150_000, 100_000, false], // credit in favour counts
    [120_000, 1, 100_000, true], // already over after the limit was lowered
    [0, 1, 0, true], // a limit of 0: nothing on account
  ])('balance %i + charge %i against limit %j exceeds: %s', (balance, charge, limit, exceeds) => {
    expect(wouldExceedCreditLimit(balance, charge, limit)).toBe(exceeds);
  });

  it.each([
    ['a zero charge', 0, 0, 100],
    ['a negative charge', 0, -1, 100],
    ['a fractional charge', 0, 0.5, 100],
    ['a fractional balance', 0.5, 1, 100],
    ['a negative limit', 0, 1, -1],
    ['a fractional limit', 0, 1, 10.5],
  ])('refuses %s', (_name, balance, charge, limit) => {
    expect(() => wouldExceedCreditLimit(balance, charge, limit)).toThrow(RangeError);
  });

  it.each([
    [0, 100_000, 100_000],
    [30_000, 100_000, 70_000],
    [-20_000, 100_000, 120_000],
    [150_000, 100_000, 0], // over the limit: nothing available, not a negative amount
    [5_000, null, null],
  ])('with balance %i and limit %j, %j is available', (balance, limit, available) => {
    expect(availableCredit(balance, limit)).toBe(available);
  });
});
