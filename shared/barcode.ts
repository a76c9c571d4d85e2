/**
 * Retail barcodes carry a mod-10 check digit (GS1): digits are weighted 3,1,3,1... from the right, excluding
 * the check digit itself. EAN-13, UPC-A (12) and EAN-8 share the rule. Other codes (an internal SKU label,
 * Code 128) have no check digit and are accepted as printed.
 */
export type BarcodeKind = 'ean13' | 'upca' | 'ean8' | 'internal';

export interface BarcodeCheck {
  kind: BarcodeKind;
  valid: boolean;
}

const GS1_LENGTHS: Record<number, BarcodeKind> = { 8: 'ean8', 12: 'upca', 13: 'ean13' };
export const INTERNAL_CODE_PATTERN = /^[A-Za-z0-9\-._]{1,48}$/;

export function gs1CheckDigit(body: string): number {
  if (!/^\d+$/.test(body)) throw new RangeError('a GS1 body is digits only');
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

export function checkBarcode(code: string): BarcodeCheck {
  const kind = /^\d+$/.test(code) ? GS1_LENGTHS[code.length] : undefined;
  if (kind) {
    return { kind, valid: gs1CheckDigit(code.slice(0, -1)) === Number(code.at(-1)) };
  }
  return { kind: 'internal', valid: INTERNAL_CODE_PATTERN.test(code) };
}

/** What a keyboard-wedge scanner typed, without the stray whitespace some scanners add. */
export function normalizeScannedCode(raw: string): string {
  return raw.trim();
}

export function withCheckDigit(body: string): string {
  return body + String(gs1CheckDigit(body));
}
