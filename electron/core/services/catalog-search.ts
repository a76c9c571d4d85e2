import type { ProductRow } from '../repositories/product.repository';

/**
 * Turns what a cashier types into an FTS5 query: every word becomes a quoted prefix term, all required.
 * Quoting makes FTS5 syntax in the input (AND, NEAR, *, ", :) plain text, so no input can break the query.
 */
export function toFtsPrefixQuery(text: string): string | null {
  const words = text
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 8);
  if (words.length === 0) return null;
  return words.map((w) => `"${w}"*`).join(' ');
}

const spanishOrder = new Intl.Collator('es');

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Orders FTS candidates the way a cashier expects: an exact SKU first, then names that start with what was
 * typed, then names where every typed word starts a word, then the rest; alphabetical within each group.
 */
export function rankSearchResults(text: string, rows: readonly ProductRow[]): ProductRow[] {
  const typed = fold(text.trim());
  const words = typed.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const score = (row: ProductRow): number => {
    const name = fold(row.name);
    if (fold(row.sku) === typed) return 0;
    if (name.startsWith(typed)) return 1;
    const nameWords = name.split(/[^\p{L}\p{N}]+/u);
    if (words.every((w) => nameWords.some((nw) => nw.startsWith(w)))) return 2;
    return 3;
  };
  return rows
    .map((row) => ({ row, score: score(row) }))
    .sort((a, b) => a.score - b.score || spanishOrder.compare(a.row.name, b.row.name))
    .map((entry) => entry.row);
}
