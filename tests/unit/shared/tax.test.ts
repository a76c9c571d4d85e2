import { describe, expect, it } from 'vitest';
import { computeSaleTotals } from '../../../shared/sale-totals';
import { type IvaRateBp, ivaBreakdown, splitGross } from '../../../shared/tax';

describe('splitGross: the IVA inside a tax-included price', () => {
  // gross * r / (1 + r), rounded half away from zero, net = gross - iva.
  it.each<[number, IvaRateBp, number, number]>([
    [12_100, 2100, 2_100, 10_000], // $121,00 at 21 %: exact
    [100, 2100, 17, 83], // 17.355... -> 17
    [1, 2100, 0, 1], // 0.1735 -> 0
    [3, 2100, 1, 2], // 0.5206 -> 1
    [11_050, 1050, 1_050, 10_000], // 10.5 % exact
    [221, 1050, 21, 200], // 21.0 -> 21
    [12_700, 2700, 2_700, 10_000], // 27 % exact
    [999_999, 0, 0, 999_999], // exempt
    [0, 2100, 0, 0],
    [-12_100, 2100, -2_100, -10_000], // a return line: symmetric rounding
    [-100, 2100, -17, -83],
  ])('%i centavos at %i bp: IVA %i, net %i', (gross, rate, iva, net) => {
    const split = splitGross(gross, rate);
    expect(split).toEqual({ gross, iva, net });
    expect(split.iva + split.net).toBe(gross);
  });
});

describe('ivaBreakdown', () => {
  it('groups per rate, highest rate first, as sums of rounded lines', () => {
    const rows = ivaBreakdown([
      { rateBp: 1050, ...splitGross(50_000, 1050) },
      { rateBp: 2100, ...splitGross(100, 2100) },
      { rateBp: 2100, ...splitGross(100, 2100) },
      { rateBp: 0, ...splitGross(700, 0) },
    ]);
    expect(rows.map((r) => r.rateBp)).toEqual([2100, 1050, 0]);
    // Two lines of $1,00 each carry 17 centavos: 34, not the 35 that 21 % of $2,00 would give.
    expect(rows[0]).toEqual({ rateBp: 2100, gross: 200, iva: 34, net: 166 });
    expect(rows[1]).toEqual({ rateBp: 1050, gross: 50_000, iva: 4_751, net: 45_249 });
    expect(rows[2]).toEqual({ rateBp: 0, gross: 700, iva: 0, net: 700 });
  });
});

describe('computeSaleTotals', () => {
  it('prices lines, sums the total and splits IVA once per line', () => {
    const totals = computeSaleTotals([
      { unitPrice: 1_500_000, quantity: 2, ivaRateBp: 2100 },
      { unitPrice: 45_000_000, quantity: 1, ivaRateBp: 1050 },
      { unitPrice: 333, quantity: 3, ivaRateBp: 2100 },
    ]);
    expect(totals.lines.map((l) => l.lineTotal)).toEqual([3_000_000, 45_000_000, 999]);
    expect(totals.total).toBe(48_000_999);
    const ivaSum = totals.ivaBreakdown.reduce((s, r) => s + r.iva + r.net, 0);
    expect(ivaSum).toBe(totals.total);
  });

  it.each([0, 1.5, Number.NaN])('refuses quantity %s', (quantity) => {
    expect(() => computeSaleTotals([{ unitPrice: 100, quantity, ivaRateBp: 2100 }])).toThrow(RangeError);
  });

  it('refuses a fractional price', () => {
    expect(() => computeSaleTotals([{ unitPrice: 99.5, quantity: 1, ivaRateBp: 2100 }])).toThrow(RangeError);
  });
});
