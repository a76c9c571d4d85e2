import { describe, expect, it } from 'vitest';
import { repairNumberFromText } from '../../../shared/repair-scan';

describe('repairNumberFromText', () => {
  it.each([
    ['R-T01-000012', 'R-T01-000012'],
    ['r-t01-000012', 'R-T01-000012'],
    ['  r t01 12 ', 'R-T01-000012'],
    ['R T01 000012\n', 'R-T01-000012'],
    ['RT01-12', 'R-T01-000012'],
    ['https://techstore.local/r?n=R-CAJA2-000345', 'R-CAJA2-000345'],
    ['orden: R-T01-999999', 'R-T01-999999'],
  ])('reads %j as %s', (text, number) => {
    expect(repairNumberFromText(text)).toBe(number);
  });

  it.each([
    ['a sale number', 'T01-00000012'],
    ['seven digits', 'R-T01-0000012'],
    ['sequence zero', 'R-T01-000000'],
    ['a bad terminal code', 'R-1T-000012'],
    ['nothing', ''],
    ['a word that ends in r', 'CARGADOR-T01-000012'],
  ])('finds nothing in %s', (_label, text) => {
    expect(repairNumberFromText(text)).toBeNull();
  });
});
