import type { Centavos } from '../../shared/money';

/**
 * What a cashier types as an amount in pesos, as exact integer centavos, or null when it is not an amount.
 * Accepts "1500", "1500,5", "1500.50", "1.500,50", "1,500.50", "$ 1.500". With both separators, the last
 * one is the decimal mark. With only one kind: repeated, or followed by exactly three digits, it groups
 * thousands ("1.500" is fifteen hundred pesos, as written in Argentina); followed by one or two digits it is
 * the decimal mark. No floating point is involved.
 */
export function parsePesos(raw: string): Centavos | null {
  const text = raw.replace(/[\s$\u00a0]/g, '');
  if (text === '' || !/^[\d.,]+$/.test(text) || !/\d/.test(text)) return null;

  let integerPart: string;
  let fraction = '';
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');

  if (lastDot >= 0 && lastComma >= 0) {
    const decimalAt = Math.max(lastDot, lastComma);
    const grouping = lastDot > lastComma ? ',' : '.';
    integerPart = ungroup(text.slice(0, decimalAt), grouping);
    fraction = text.slice(decimalAt + 1);
    if (!/^\d{1,2}$/.test(fraction)) return null;
  } else if (lastDot >= 0 || lastComma >= 0) {
    const separator = lastDot >= 0 ? '.' : ',';
    const parts = text.split(separator);
    const last = parts.at(-1) ?? '';
    if (parts.length === 2 && /^\d{1,2}$/.test(last)) {
      integerPart = parts[0] ?? '';
      fraction = last;
    } else {
      integerPart = ungroup(text, separator);
    }
  } else {
    integerPart = text;
  }

  if (integerPart === '' && fraction === '') return null;
  if (!/^\d*$/.test(integerPart)) return null;
  const pesos = integerPart === '' ? 0 : Number(integerPart);
  const centavos = pesos * 100 + Number(fraction.padEnd(2, '0'));
  return Number.isSafeInteger(centavos) ? centavos : null;
}

/** "1.234.567" -> "1234567", or "x" when a group is not exactly three digits (then parsing fails). */
function ungroup(text: string, separator: string): string {
  const groups = text.split(separator);
  const [first, ...rest] = groups;
  if (first === undefined || !/^\d{1,3}$/.test(first) || rest.some((g) => !/^\d{3}$/.test(g))) {
    return groups.length === 1 ? text : 'x';
  }
  return groups.join('');
}

/** Centavos as the plain text a form field shows for editing: 150050 -> "1500,50" (es-AR) or "1500.50". */
export function centavosToInput(centavos: Centavos, decimalMark: ',' | '.'): string {
  const pesos = Math.trunc(centavos / 100);
  const cents = centavos % 100;
  return cents === 0 ? String(pesos) : `${pesos}${decimalMark}${String(cents).padStart(2, '0')}`;
}
