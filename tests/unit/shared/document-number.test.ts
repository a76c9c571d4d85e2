import { describe, expect, it } from 'vitest';
import { formatSaleNumber, isTerminalCode, parseSaleNumber } from '../../../shared/document-number';

describe('sale numbers', () => {
  it.each([
    ['T01', 1, 'T01-00000001'],
    ['T01', 1234, 'T01-00001234'],
    ['BENCH2', 99_999_999, 'BENCH2-99999999'],
  ])('%s #%i is %s', (terminal, sequence, expected) => {
    expect(formatSaleNumber(terminal, sequence)).toBe(expected);
    expect(parseSaleNumber(expected)).toEqual({ terminalCode: terminal, sequence });
  });

  it.each([0, -1, 1.5, 100_000_000])('refuses sequence %s', (sequence) => {
    expect(() => formatSaleNumber('T01', sequence)).toThrow(RangeError);
  });

  it.each(['t01', '1AB', 'T', 'T01-X', 'TOOLONGCODE', ''])('refuses terminal code %j', (code) => {
    expect(isTerminalCode(code)).toBe(false);
    expect(() => formatSaleNumber(code, 1)).toThrow(RangeError);
  });

  it.each(['T01-0000001', 'T01-00000000', 't01-00000001', 'T01_00000001', 'T01-000000012'])(
    'does not parse %j',
    (text) => {
      expect(parseSaleNumber(text)).toBeNull();
    },
  );
});
