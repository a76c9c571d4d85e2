import type { CustomerRow } from '../repositories/customer.repository';
import { toFtsPrefixQuery } from './catalog-search';

/** What people type around a DNI, CUIT or phone number: `12.345.678`, `20-12345678-6`, `+54 9 (11) 4444-5555`. */
const NUMBER_ONLY = /^[\d\s.\-()+/]+$/;

/**
 * Turns what staff type into an FTS5 query over customers_fts. A number with separators is one term of its
 * digits, because the index holds tax ids and phones as digits only (db/local/migrations/0004_customers.ts);
 * anything else is the catalog's word-prefix query, so names, emails and addresses search as products do.
 */
export function toCustomerFtsQuery(text: string): string | null {
  const typed = text.normalize('NFKC').trim();
  if (NUMBER_ONLY.test(typed)) {
    const digits = typed.replace(/\D/g, '');
    if (digits.length > 0) return `"${digits}"*`;
  }
  return toFtsPrefixQuery(typed);
}

const spanishOrder = new Intl.Collator('es');

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Orders candidates the way a counter expects: the exact tax id or DNI first, then the exact phone, then names
 * that start with what was typed, then names where every typed word starts a word, then the rest (found by
 * email or address); alphabetical within each group.
 */
export function rankCustomers(text: string, rows: readonly CustomerRow[]): CustomerRow[] {
  const typed = fold(text.normalize('NFKC').trim());
  const digits = NUMBER_ONLY.test(typed) ? typed.replace(/\D/g, '') : '';
  const words = typed.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const score = (row: CustomerRow): number => {
    if (digits !== '' && (row.tax_id === digits || row.tax_dni === digits)) return 0;
    if (digits.length >= 6 && row.phone.replace(/\D/g, '').endsWith(digits)) return 1;
    const name = fold(row.name);
    if (typed !== '' && name.startsWith(typed)) return 2;
    const nameWords = name.split(/[^\p{L}\p{N}]+/u);
    if (words.length > 0 && words.every((w) => nameWords.some((nw) => nw.startsWith(w)))) return 3;
    return 4;
  };
  return rows
    .map((row) => ({ row, score: score(row) }))
    .sort((a, b) => a.score - b.score || spanishOrder.compare(a.row.name, b.row.name))
    .map((entry) => entry.row);
}
