import { describe, expect, it } from 'vitest';
import { type PaymentInput, remainingToPay, settlePayments } from '../../../shared/sale-payments';

const cash = (amount: number, tendered?: number): PaymentInput => ({ method: 'cash', amount, tendered });
const card = (amount: number, reference: string | null = 'CUP 1'): PaymentInput => ({
  method: 'debit_card',
  amount,
  reference,
});
const account = (amount: number): PaymentInput => ({ method: 'customer_account', amount });

describe('settlePayments', () => {
  it.each([
    ['exact cash', 1000, [cash(1000)], [[1000, 1000, 0]], 0],
    ['cash over the total gives change', 1000, [cash(1500)], [[1000, 1500, 500]], 500],
    ['cash amount with a larger tendered', 1000, [cash(1000, 2000)], [[1000, 2000, 1000]], 1000],
    [
      'card then cash over the rest',
      1000,
      [card(600), cash(500)],
      [
        [600, null, null],
        [400, 500, 100],
      ],
      100,
    ],
    [
      'the change comes from the last cash first',
      1000,
      [cash(600), account(300), cash(200)],
      [
        [600, 600, 0],
        [300, null, null],
        [100, 200, 100],
      ],
      100,
    ],
    ['a zero total paid with nothing but a zero cash', 0, [cash(0)], [[0, 0, 0]], 0],
  ] as const)('%s', (_what, total, payments, expected, change) => {
    const result = settlePayments(total, payments);
    if (!result.ok) throw new Error(result.reason);
    expect(result.payments.map((p) => [p.amount, p.tendered, p.change])).toEqual(expected);
    expect(result.change).toBe(change);
    expect(result.payments.reduce((s, p) => s + p.amount, 0)).toBe(total);
  });

  it.each([
    ['nothing', 1000, [], 'no_payments', null],
    ['short', 1000, [cash(999)], 'short', null],
    ['a card over the total', 1000, [card(1001)], 'non_cash_over_total', null],
    ['non-cash over even with cash', 1000, [card(900), account(200), cash(100)], 'non_cash_over_total', null],
    ['cash that is all change', 1000, [card(1000), cash(50)], 'all_change', 1],
    ['a card without reference', 1000, [cash(500), card(500, null)], 'reference_required', 1],
    ['a blank reference', 1000, [card(1000, '  ')], 'reference_required', 0],
    ['tendered below its amount', 1000, [cash(1000, 900)], 'tendered_below_amount', 0],
  ] as const)('refuses %s', (_what, total, payments, reason, index) => {
    expect(settlePayments(total, payments)).toEqual({ ok: false, reason, index });
  });

  it('remainingToPay never goes negative', () => {
    expect(remainingToPay(1000, [{ amount: 300 }])).toBe(700);
    expect(remainingToPay(1000, [{ amount: 1300 }])).toBe(0);
  });
});
