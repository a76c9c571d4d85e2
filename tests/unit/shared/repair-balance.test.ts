import { describe, expect, it } from 'vitest';
import { repairDeliveryBalance } from '../../../shared/repair-balance';

describe('repair delivery balance', () => {
  it('charges the final price minus the deposits', () => {
    expect(
      repairDeliveryBalance({ finalPrice: 4_500_000, estimate: 4_000_000, deposits: [1_000_000, 500_000] }),
    ).toEqual({
      ok: true,
      price: 4_500_000,
      priceSource: 'final_price',
      deposits: 1_500_000,
      balance: 3_000_000,
      amountDue: 3_000_000,
      creditDue: 0,
    });
  });

  it('falls back to the estimate when no final price was set', () => {
    expect(repairDeliveryBalance({ finalPrice: null, estimate: 4_000_000, deposits: [1_000_000] })).toMatchObject({
      ok: true,
      price: 4_000_000,
      priceSource: 'estimate',
      amountDue: 3_000_000,
      creditDue: 0,
    });
  });

  it('a final price of 0 is a price (warranty, no charge), not a missing one', () => {
    expect(repairDeliveryBalance({ finalPrice: 0, estimate: 4_000_000, deposits: [] })).toMatchObject({
      ok: true,
      price: 0,
      priceSource: 'final_price',
      balance: 0,
      amountDue: 0,
      creditDue: 0,
    });
  });

  it('deposits that cover the price exactly leave nothing either way', () => {
    expect(repairDeliveryBalance({ finalPrice: 1_500_000, estimate: null, deposits: [1_500_000] })).toMatchObject({
      balance: 0,
      amountDue: 0,
      creditDue: 0,
    });
  });

  it('deposits above the price are owed to the customer: a negative balance, said out loud as creditDue', () => {
    // Unrepairable at no charge after a $10.000 seña: the store gives it back.
    expect(repairDeliveryBalance({ finalPrice: 0, estimate: 4_000_000, deposits: [1_000_000] })).toEqual({
      ok: true,
      price: 0,
      priceSource: 'final_price',
      deposits: 1_000_000,
      balance: -1_000_000,
      amountDue: 0,
      creditDue: 1_000_000,
    });
    // The final price came in under the seña.
    expect(repairDeliveryBalance({ finalPrice: 700_000, estimate: 1_200_000, deposits: [1_000_000] })).toMatchObject({
      balance: -300_000,
      amountDue: 0,
      creditDue: 300_000,
    });
  });

  it('with neither a final price nor an estimate there is nothing to charge: a person must set one', () => {
    expect(repairDeliveryBalance({ finalPrice: null, estimate: null, deposits: [500_000] })).toEqual({
      ok: false,
      reason: 'no_price',
    });
  });

  it.each([
    ['a negative final price', { finalPrice: -1, estimate: null, deposits: [] }],
    ['a fractional estimate', { finalPrice: null, estimate: 1000.5, deposits: [] }],
    ['a zero deposit', { finalPrice: 1000, estimate: null, deposits: [0] }],
    ['a negative deposit', { finalPrice: 1000, estimate: null, deposits: [-500] }],
    ['a fractional deposit', { finalPrice: 1000, estimate: null, deposits: [0.1] }],
    ['deposits past the safe range', { finalPrice: 1000, estimate: null, deposits: [Number.MAX_SAFE_INTEGER, 1] }],
  ])('refuses %s', (_name, charges) => {
    expect(() => repairDeliveryBalance(charges)).toThrow(RangeError);
  });
});
