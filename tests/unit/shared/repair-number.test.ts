import { describe, expect, it } from 'vitest';
import { parseSaleNumber } from '../../../shared/document-number';
import { formatRepairNumber, parseRepairNumber } from '../../../shared/repair-number';

describe('repair numbers', () => {
  it.each([
    ['T01', 1, 'R-T01-000001'],
    ['T01', 123, 'R-T01-000123'],
    ['BENCH2', 999_999, 'R-BENCH2-999999'],
  ])('%s #%i is %s and parses back', (terminal, sequence, expected) => {
    expect(formatRepairNumber(terminal, sequence)).toBe(expected);
    expect(parseRepairNumber(expected)).toEqual({ terminalCode: terminal, sequence });
  });

  it.each([0, -1, 1.5, Number.NaN, 1_000_000])('refuses sequence %s', (sequence) => {
    expect(() => formatRepairNumber('T01', sequence)).toThrow(RangeError);
  });

  it.each(['t01', '1AB', 'T', 'T-1', 'TOOLONGCODE', ''])('refuses terminal code %j', (code) => {
    expect(() => formatRepairNumber(code, 1)).toThrow(RangeError);
  });

  it.each([
    'R-T01-00001', // five digits
    'R-T01-0000001', // seven digits
    'R-T01-000000', // sequence 0
    'r-T01-000001',
    'R-t01-000001',
    'R_T01_000001',
    'RT01-000001',
    'R-T-01-000001', // a dash inside the terminal code
    'R--000001',
    ' R-T01-000001',
    'R-T01-000001\n',
    'T01-00000001', // a sale number
    'R-T01-00000001', // a sale-length sequence
    '',
  ])('does not parse %j', (text) => {
    expect(parseRepairNumber(text)).toBeNull();
  });

  it('a repair number is never taken for a sale number', () => {
    expect(parseSaleNumber(formatRepairNumber('T01', 1))).toBeNull();
  });
});
