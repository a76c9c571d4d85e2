/**
 * Document numbers are per terminal (`T01-00001234`) so two offline terminals can never collide, and gap-free:
 * the counter is taken inside the sale's own transaction.
 */
export const TERMINAL_CODE_PATTERN = /^[A-Z][A-Z0-9]{1,7}$/;
const SALE_NUMBER_DIGITS = 8;
const MAX_SALE_SEQUENCE = 10 ** SALE_NUMBER_DIGITS - 1;

export function isTerminalCode(value: string): boolean {
  return TERMINAL_CODE_PATTERN.test(value);
}

export function formatSaleNumber(terminalCode: string, sequence: number): string {
  if (!isTerminalCode(terminalCode)) throw new RangeError(`invalid terminal code: ${terminalCode}`);
  if (!Number.isSafeInteger(sequence) || sequence < 1 || sequence > MAX_SALE_SEQUENCE) {
    throw new RangeError(`sale sequence out of range: ${sequence}`);
  }
  return `${terminalCode}-${String(sequence).padStart(SALE_NUMBER_DIGITS, '0')}`;
}

export function parseSaleNumber(value: string): { terminalCode: string; sequence: number } | null {
  const match = /^([A-Z][A-Z0-9]{1,7})-(\d{8})$/.exec(value);
  if (!match?.[1] || !match[2]) return null;
  const sequence = Number(match[2]);
  return sequence >= 1 ? { terminalCode: match[1], sequence } : null;
}
