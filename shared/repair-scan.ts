import { TERMINAL_CODE_PATTERN } from './document-number';
import { formatRepairNumber } from './repair-number';

/**
 * The repair number in what a scanner or a person typed: the label's QR text (which may carry the number inside a
 * longer text), `R-T01-000012`, or `r t01 12` typed at the counter. Case and spaces do not matter, the six digits
 * may be typed without their leading zeros, and the `R-` is what keeps a sale number (`T01-00000012`) from ever
 * being taken for a repair. Null when there is no repair number in it.
 */
export function repairNumberFromText(raw: string): string | null {
  const text = raw
    .toUpperCase()
    .replace(/[\s_]+/g, '-')
    .replace(/-+/g, '-');
  const match = /(?:^|[^A-Z0-9])R-?([A-Z][A-Z0-9]{1,7})-(\d{1,6})(?!\d)/.exec(text);
  const code = match?.[1];
  const digits = match?.[2];
  if (!code || !digits || !TERMINAL_CODE_PATTERN.test(code)) return null;
  const sequence = Number(digits);
  return sequence >= 1 ? formatRepairNumber(code, sequence) : null;
}
