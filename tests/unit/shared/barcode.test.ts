import { describe, expect, it } from 'vitest';
import { checkBarcode, gs1CheckDigit, withCheckDigit } from '../../../shared/barcode';

describe('GS1 check digits', () => {
  it.each([
    ['779000100001', 9], // EAN-13 body, Argentine prefix
    ['590123412345', 7], // EAN-13 from the GS1 specification example
    ['03600029145', 2], // UPC-A body
    ['9638507', 4], // EAN-8 body
    ['400638133393', 1],
  ])('the check digit of %s is %i', (body, digit) => {
    expect(gs1CheckDigit(body)).toBe(digit);
    expect(withCheckDigit(body)).toBe(body + digit);
  });

  it.each([
    ['7790001000019', 'ean13', true],
    ['7790001000018', 'ean13', false],
    ['5901234123457', 'ean13', true],
    ['036000291452', 'upca', true],
    ['036000291453', 'upca', false],
    ['96385074', 'ean8', true],
    ['96385075', 'ean8', false],
    ['FUNDA-IP15-NEG', 'internal', true],
    ['12345', 'internal', true],
    ['has space', 'internal', false],
    ["1'; DROP TABLE products;--", 'internal', false],
    ['', 'internal', false],
  ])('%j is %s, valid=%s', (code, kind, valid) => {
    expect(checkBarcode(code)).toEqual({ kind, valid });
  });
});
