import { isTerminalCode } from './document-number';

/**
 * Repair orders are numbered per terminal like sales (`R-T01-000123`), so two offline benches never collide;
 * the `R-` prefix keeps a repair label's QR from ever being read as a sale number. Six digits: a bench does
 * not take a million repairs.
 */
const REPAIR_NUMBER_DIGITS = 6;
const MAX_REPAIR_SEQUENCE = 10 ** REPAIR_NUMBER_DIGITS - 1;

export function formatRepairNumber(terminalCode: string, sequence: number): string {
  if (!isTerminalCode(terminalCode)) throw new RangeError(`invalid terminal code: ${terminalCode}`);
  if (!Number.isSafeInteger(sequence) || sequence < 1 || sequence > MAX_REPAIR_SEQUENCE) {
    throw new RangeError(`repair sequence out of range: ${sequence}`);
  }
  return `R-${terminalCode}-${String(sequence).padStart(REPAIR_NUMBER_DIGITS, '0')}`;
}

/** Strict: what the label's QR or the ticket carries. The terminal code's rule lives in document-number.ts. */
export function parseRepairNumber(value: string): { terminalCode: string; sequence: number } | null {
  const match = /^R-(.+)-(\d{6})$/.exec(value);
  if (!match?.[1] || !match[2] || !isTerminalCode(match[1])) return null;
  const sequence = Number(match[2]);
  return sequence >= 1 ? { terminalCode: match[1], sequence } : null;
}
