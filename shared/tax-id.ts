/**
 * A customer is identified by a DNI (persons) or a CUIT/CUIL (persons and companies). Staff type them as
 * printed (`12.345.678`, `20-12345678-6`), so the usual separators are accepted and dropped; the stored form
 * is digits only and the display form is rebuilt from it.
 */

export type DniCheck = { ok: true; dni: string } | { ok: false; reason: 'format' | 'range' };

export type CuitKind = 'person' | 'company';
export type CuitCheck =
  | { ok: true; cuit: string; kind: CuitKind }
  | { ok: false; reason: 'format' | 'prefix' | 'check_digit' };

/**
 * A DNI carries no check digit, so only the shape and the range can be checked: 7 or 8 digits (foreign
 * residents get numbers from 90 million up). Numbers under a million (very old libretas) are refused as issue 4
 * asks; if a store ever meets one, DNI_MIN is the one place to change.
 */
const DNI_MIN = 1_000_000;
const DNI_MAX = 99_999_999;

/** 20, 23, 24, 27: persons (CUIL or CUIT); 30, 33, 34: companies and other legal entities. */
export const CUIT_PREFIXES: Readonly<Record<string, CuitKind>> = {
  '20': 'person',
  '23': 'person',
  '24': 'person',
  '27': 'person',
  '30': 'company',
  '33': 'company',
  '34': 'company',
};

const CUIT_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

export function checkDni(raw: string): DniCheck {
  const digits = stripSeparators(raw, /[.\s]/g);
  if (digits === null || !/^\d{7,8}$/.test(digits)) return { ok: false, reason: 'format' };
  const value = Number(digits);
  if (value < DNI_MIN || value > DNI_MAX) return { ok: false, reason: 'range' };
  // A leading zero ("01234567") is the same DNI as 1234567: store one spelling so lookups match.
  return { ok: true, dni: String(value) };
}

/** `12.345.678`, `1.234.567`: how the DNI card prints it. */
export function formatDni(raw: string): string {
  const check = checkDni(raw);
  if (!check.ok) throw new RangeError(`not a DNI: ${raw}`);
  return check.dni.replace(/\B(?=(\d{3})+$)/g, '.');
}

/**
 * AFIP's mod-11 check digit over the first ten digits, weights 5,4,3,2,7,6,5,4,3,2: the digit is 11 minus the
 * remainder, 11 becomes 0, and 10 has no digit (null). AFIP publishes no normative text of the algorithm that
 * we could find; it is documented in the Spanish Wikipedia article "Clave Única de Identificación Tributaria"
 * (section "Procedimiento para obtener el dígito verificador") and implemented the same way in python-stdnum
 * (stdnum/ar/cuit.py). When a DNI would get a 10, AFIP does not issue that CUIT: it changes the prefix instead,
 * 20 -> 23 (digit 9), 27 -> 23 (digit 4), 30 -> 33 (digit 9). Those reassigned numbers satisfy this same rule
 * with their new prefix (the tests prove it), so no exception is needed: a computed 10 is always invalid.
 * Deliberate difference: python-stdnum maps 10 to 9 and so accepts e.g. 20-12345676-9, which AFIP never issues.
 */
export function cuitCheckDigit(firstTen: string): number | null {
  if (!/^\d{10}$/.test(firstTen)) throw new RangeError('a CUIT body is ten digits');
  let sum = 0;
  for (let i = 0; i < CUIT_WEIGHTS.length; i++) {
    sum += (firstTen.charCodeAt(i) - 48) * (CUIT_WEIGHTS[i] ?? 0);
  }
  const digit = 11 - (sum % 11);
  if (digit === 11) return 0;
  return digit === 10 ? null : digit;
}

export function checkCuit(raw: string): CuitCheck {
  const digits = stripSeparators(raw, /[-.\s]/g);
  if (digits === null || !/^\d{11}$/.test(digits)) return { ok: false, reason: 'format' };
  const kind = CUIT_PREFIXES[digits.slice(0, 2)];
  if (!kind) return { ok: false, reason: 'prefix' };
  const expected = cuitCheckDigit(digits.slice(0, 10));
  if (expected === null || expected !== Number(digits.at(-1))) return { ok: false, reason: 'check_digit' };
  return { ok: true, cuit: digits, kind };
}

export function isValidCuit(raw: string): boolean {
  return checkCuit(raw).ok;
}

/** `20-12345678-6`: the form on invoices and AFIP's own screens. */
export function formatCuit(raw: string): string {
  const check = checkCuit(raw);
  if (!check.ok) throw new RangeError(`not a CUIT: ${raw}`);
  return `${check.cuit.slice(0, 2)}-${check.cuit.slice(2, 10)}-${check.cuit.slice(10)}`;
}

/**
 * A person's CUIT/CUIL embeds their DNI, so a customer registered by CUIT can still be found by DNI. A
 * company's middle digits are an AFIP-assigned number, not a DNI: null.
 */
export function dniFromCuit(raw: string): string | null {
  const check = checkCuit(raw);
  if (!check.ok || check.kind !== 'person') return null;
  const dni = checkDni(check.cuit.slice(2, 10));
  return dni.ok ? dni.dni : null;
}

/** The digits of `raw` once the allowed separators are dropped, or null if anything else is in it. */
function stripSeparators(raw: string, separators: RegExp): string | null {
  const digits = raw.trim().replace(separators, '');
  return /^\d*$/.test(digits) ? digits : null;
}
