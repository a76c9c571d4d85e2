/**
 * An IMEI is 14 digits (TAC + serial) and a Luhn check digit: 15 digits in all (3GPP TS 23.003, annex B).
 * Phones show it grouped (`35 209900 176148 1`, `35-209900-176148-1`), so spaces and dashes are accepted and
 * dropped; anything else is a typo. The 16-digit IMEISV replaces the check digit with a software version and
 * is refused: it is not what goes on a repair order or a serial unit.
 */
export const IMEI_LENGTH = 15;

export type ImeiCheck = { ok: true; imei: string } | { ok: false; reason: 'format' | 'check_digit' };

/** Luhn (ISO/IEC 7812-1): from the right of the body, double every other digit starting with the rightmost. */
export function luhnCheckDigit(body: string): number {
  if (!/^\d+$/.test(body)) throw new RangeError('a Luhn body is digits only');
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    if (i % 2 === 0) {
      const doubled = digit * 2;
      sum += doubled > 9 ? doubled - 9 : doubled;
    } else {
      sum += digit;
    }
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit is the Luhn check digit of the rest. */
export function isLuhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  return luhnCheckDigit(digits.slice(0, -1)) === Number(digits.at(-1));
}

/** The 15 digits of a typed or scanned IMEI, or null when it is not 15 digits once separators are dropped. */
export function normalizeImei(raw: string): string | null {
  const trimmed = raw.trim();
  if (!/^[\d\s-]*$/.test(trimmed)) return null;
  const digits = trimmed.replace(/[\s-]/g, '');
  return digits.length === IMEI_LENGTH ? digits : null;
}

export function checkImei(raw: string): ImeiCheck {
  const imei = normalizeImei(raw);
  if (imei === null) return { ok: false, reason: 'format' };
  return isLuhnValid(imei) ? { ok: true, imei } : { ok: false, reason: 'check_digit' };
}

export function isValidImei(raw: string): boolean {
  return checkImei(raw).ok;
}
