import { describe, expect, it } from 'vitest';
import {
  checkCuit,
  checkDni,
  cuitCheckDigit,
  dniFromCuit,
  formatCuit,
  formatDni,
  isValidCuit,
} from '../../../shared/tax-id';

describe('DNI', () => {
  it.each([
    ['12345678', '12345678', '12.345.678'],
    ['12.345.678', '12345678', '12.345.678'],
    [' 12 345 678 ', '12345678', '12.345.678'],
    ['1234567', '1234567', '1.234.567'],
    ['1.234.567', '1234567', '1.234.567'],
    ['01234567', '1234567', '1.234.567'], // a leading zero is the same person
    ['94123456', '94123456', '94.123.456'], // a foreign resident's DNI
    ['1000000', '1000000', '1.000.000'],
    ['99999999', '99999999', '99.999.999'],
  ])('%j is DNI %s, shown as %s', (raw, dni, shown) => {
    expect(checkDni(raw)).toEqual({ ok: true, dni });
    expect(formatDni(raw)).toBe(shown);
  });

  it.each([
    ['', 'format'],
    ['123456', 'format'], // six digits
    ['123456789', 'format'], // nine digits
    ['12-345-678', 'format'], // dashes belong to a CUIT, not a DNI
    ['12.345.67a', 'format'],
    ['DNI 12345678', 'format'],
    ['-1234567', 'format'],
    ['0999999', 'range'],
    ['00000000', 'range'],
  ])('refuses %j (%s)', (raw, reason) => {
    expect(checkDni(raw)).toEqual({ ok: false, reason });
    expect(() => formatDni(raw)).toThrow(RangeError);
  });
});

describe('CUIT/CUIL check digit', () => {
  it.each([
    ['2012345678', 6], // worked by hand: 2*5+0*4+1*3+2*2+3*7+4*6+5*5+6*4+7*3+8*2 = 148, 148 % 11 = 5, 11 - 5 = 6
    ['2005536168', 2], // python-stdnum's documented example
    ['2026756539', 3], // python-stdnum's documented example
    ['3369345023', 9], // AFIP's own CUIT
    ['3499903208', 9],
    ['2712345678', 0], // remainder 0: 11 - 0 = 11 becomes 0
  ])('the check digit of %s is %i', (body, digit) => {
    expect(cuitCheckDigit(body)).toBe(digit);
  });

  it.each(['2012345676', '2712345673', '3012345679'])('%s has no check digit (11 - remainder = 10)', (body) => {
    expect(cuitCheckDigit(body)).toBeNull();
  });

  it.each(['', '201234567', '20123456789', '20-1234567'])('refuses a body %j that is not ten digits', (body) => {
    expect(() => cuitCheckDigit(body)).toThrow(RangeError);
  });

  // AFIP's reassignment: where the natural prefix gives a 10, the person or company gets 23 or 33 instead, with
  // the fixed digit 9 (men, companies) or 4 (women). Those numbers pass the ordinary rule; the 10 never does.
  it.each([
    ['20', '12345676', '23', '9'],
    ['20', '12345693', '23', '9'],
    ['27', '12345673', '23', '4'],
    ['27', '12345687', '23', '4'],
    ['30', '12345679', '33', '9'],
    ['30', '12345696', '33', '9'],
  ])('%s-%s gets a 10, so AFIP issues %s-%s-%s, which validates', (natural, middle, reassigned, digit) => {
    expect(cuitCheckDigit(natural + middle)).toBeNull();
    for (const d of '0123456789') expect(isValidCuit(natural + middle + d)).toBe(false);
    expect(checkCuit(`${reassigned}-${middle}-${digit}`)).toMatchObject({
      ok: true,
      cuit: reassigned + middle + digit,
    });
  });
});

describe('CUIT/CUIL', () => {
  it.each([
    ['20-12345678-6', '20123456786', 'person'],
    ['20123456786', '20123456786', 'person'],
    [' 20 12345678 6 ', '20123456786', 'person'],
    ['20-12.345.678-6', '20123456786', 'person'],
    ['27-12345678-0', '27123456780', 'person'],
    ['24-12345678-1', '24123456781', 'person'],
    ['20-05536168-2', '20055361682', 'person'],
    ['33-69345023-9', '33693450239', 'company'],
    ['34-99903208-9', '34999032089', 'company'],
    ['30-54668997-9', '30546689979', 'company'],
  ])('%j is valid: %s, a %s', (raw, cuit, kind) => {
    expect(checkCuit(raw)).toEqual({ ok: true, cuit, kind });
    expect(formatCuit(raw)).toBe(`${cuit.slice(0, 2)}-${cuit.slice(2, 10)}-${cuit.slice(10)}`);
  });

  it.each([
    ['20-12345678-7', 'check_digit'], // one digit off
    ['20-12345678-5', 'check_digit'],
    ['20-21345678-6', 'check_digit'], // two DNI digits swapped
    ['27-12345678-6', 'check_digit'], // a man's digit on a woman's prefix
    ['20-12345676-9', 'check_digit'], // the 10 that python-stdnum would have let through as 9
    ['21-12345678-6', 'prefix'],
    ['10-12345678-6', 'prefix'],
    ['00-00000000-0', 'prefix'],
    ['2012345678', 'format'], // ten digits
    ['201234567861', 'format'], // twelve digits
    ['20/12345678/6', 'format'],
    ['20-1234567B-6', 'format'],
    ['CUIT 20-12345678-6', 'format'],
    ['', 'format'],
  ])('refuses %j (%s)', (raw, reason) => {
    expect(checkCuit(raw)).toEqual({ ok: false, reason });
    expect(isValidCuit(raw)).toBe(false);
    expect(() => formatCuit(raw)).toThrow(RangeError);
  });

  it('catches every single wrong digit in a valid CUIT (or its prefix becomes unknown)', () => {
    const valid = '20123456786';
    for (let position = 0; position < valid.length; position++) {
      for (const digit of '0123456789') {
        if (digit === valid[position]) continue;
        const typo = valid.slice(0, position) + digit + valid.slice(position + 1);
        expect(isValidCuit(typo), typo).toBe(false);
      }
    }
  });

  it.each([
    ['20-12345678-6', '12345678'],
    ['27-12345678-0', '12345678'],
    ['23-12345676-9', '12345676'], // a reassigned 23 is still a person
    ['33-69345023-9', null], // a company: the middle digits are not a DNI
    ['20-12345678-7', null], // an invalid CUIT yields nothing
  ])('dniFromCuit(%j) is %j', (raw, dni) => {
    expect(dniFromCuit(raw)).toBe(dni);
  });

  it('dniFromCuit drops the leading zero of a 7-digit DNI, as checkDni stores it', () => {
    const body = '2001234567';
    const cuit = body + String(cuitCheckDigit(body));
    expect(isValidCuit(cuit)).toBe(true);
    expect(dniFromCuit(cuit)).toBe('1234567');
  });
});
