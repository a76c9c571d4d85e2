import { describe, expect, it } from 'vitest';
import { checkImei, isLuhnValid, isValidImei, luhnCheckDigit, normalizeImei } from '../../../shared/imei';

// 490154203237518 is the textbook IMEI; 352099001761481 is the one printed grouped as 35-209900-176148-1 in
// the IMEI literature. The others were built by hand: 14 digits plus their Luhn digit.
const VALID = ['490154203237518', '352099001761481', '356938035643809', '012345678901237', '860123456789014'];

describe('Luhn check digit', () => {
  it.each([
    ['49015420323751', 8],
    ['35209900176148', 1],
    ['35693803564380', 9],
    ['7992739871', 3], // the ISO/IEC 7812 worked example
    ['0', 0],
    ['1', 8],
  ])('the check digit of %s is %i', (body, digit) => {
    expect(luhnCheckDigit(body)).toBe(digit);
    expect(isLuhnValid(body + digit)).toBe(true);
  });

  it.each(['', '12a', ' 12', '-1'])('refuses a body %j that is not digits', (body) => {
    expect(() => luhnCheckDigit(body)).toThrow(RangeError);
  });

  it.each(['', '7', 'abc'])('isLuhnValid(%j) is false, not a throw', (digits) => {
    expect(isLuhnValid(digits)).toBe(false);
  });
});

describe('IMEI', () => {
  it.each(VALID)('%s is valid', (imei) => {
    expect(checkImei(imei)).toEqual({ ok: true, imei });
  });

  it.each([
    ['35-209900-176148-1', '352099001761481'],
    ['35 209900 176148 1', '352099001761481'],
    ['  490154203237518\n', '490154203237518'],
    ['49-015420-323751-8', '490154203237518'],
  ])('accepts %j as typed or scanned and normalises it to %s', (raw, imei) => {
    expect(normalizeImei(raw)).toBe(imei);
    expect(checkImei(raw)).toEqual({ ok: true, imei });
  });

  it.each([
    '49015420323751', // 14 digits: the check digit left off
    '4901542032375180', // 16 digits: an IMEISV, not an IMEI
    '4901542032375l8', // letter l for digit 1
    '490154203237518/01',
    '35.209900.176148.1',
    'IMEI 490154203237518',
    '',
  ])('refuses %j as not an IMEI', (raw) => {
    expect(checkImei(raw)).toEqual({ ok: false, reason: 'format' });
    expect(isValidImei(raw)).toBe(false);
  });

  it.each(VALID)('catches every single wrong digit in %s', (imei) => {
    for (let position = 0; position < imei.length; position++) {
      for (let digit = 0; digit <= 9; digit++) {
        if (String(digit) === imei[position]) continue;
        const typo = imei.slice(0, position) + digit + imei.slice(position + 1);
        expect(checkImei(typo), typo).toEqual({ ok: false, reason: 'check_digit' });
      }
    }
  });

  it.each(VALID)('catches every swap of two neighbouring digits in %s, except 0<->9', (imei) => {
    let swapsTried = 0;
    for (let i = 0; i + 1 < imei.length; i++) {
      const a = imei.charAt(i);
      const b = imei.charAt(i + 1);
      if (a === b || `${a}${b}` === '09' || `${a}${b}` === '90') continue;
      const swapped = imei.slice(0, i) + b + a + imei.slice(i + 2);
      expect(isValidImei(swapped), swapped).toBe(false);
      swapsTried++;
    }
    expect(swapsTried).toBeGreaterThan(8);
  });

  it('misses a 0<->9 swap, a known limit of Luhn (documented so nobody relies on it)', () => {
    expect(isValidImei('352099001761481')).toBe(true);
    expect(isValidImei('352909001761481')).toBe(true);
  });
});
