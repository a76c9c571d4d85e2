import { describe, expect, it } from 'vitest';
import { centavosToInput, parsePesos } from '../../../renderer/format/parse-pesos';

describe('parsePesos: what a cashier types, as exact centavos', () => {
  it.each<[string, number | null]>([
    ['1500', 150_000],
    ['1500,5', 150_050],
    ['1500,50', 150_050],
    ['1500.50', 150_050],
    ['1.500', 150_000], // es-AR thousands grouping
    ['1.500,50', 150_050],
    ['1,500.50', 150_050],
    ['1.234.567,89', 123_456_789],
    ['$ 1.500', 150_000],
    ['\u00a01500\u00a0', 150_000],
    ['0,01', 1],
    [',5', 50],
    ['0', 0],
    ['', null],
    ['abc', null],
    ['-100', null],
    ['1,5,0', null],
    ['1.50.0', null],
    ['1500,123', null], // with both marks, the decimal part is one or two digits
    ['1.500,5.0', null],
    ['99999999999999999999', null], // past the safe-integer range
  ])('%j -> %s', (typed, expected) => {
    expect(parsePesos(typed)).toBe(expected);
  });

  it('round-trips what the form shows', () => {
    for (const centavos of [0, 1, 99, 100, 150_050, 123_456_789]) {
      expect(parsePesos(centavosToInput(centavos, ','))).toBe(centavos);
      expect(parsePesos(centavosToInput(centavos, '.'))).toBe(centavos);
    }
  });
});
