import type { Rng } from '../support/catalog-generator';

const FIXED = ['s', 'sa', 'sam', 'sam ga', 'sam gal a1', 'cab lig', 'fun sil iph', 'mod pan', 'bat iph 11', 'moto g'];

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * What a cashier types into the search box, keystroke by keystroke: one to three words of a real product name,
 * each cut to a 1 to 4 letter prefix, growing one letter at a time ("s", "sa", "sam", "sam g", "sam ga").
 */
export function searchAsYouTypeQueries(names: readonly string[], rng: Rng, count: number): string[] {
  const queries = [...FIXED];
  while (queries.length < count) {
    const words = fold(rng.pick(names))
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 0);
    const start = rng.chance(0.7) ? 0 : rng.int(0, Math.max(0, words.length - 1));
    const picked = words.slice(start, start + rng.int(1, 3)).map((w) => w.slice(0, rng.int(1, 4)));
    let typed = '';
    for (const word of picked) {
      const base = typed === '' ? '' : `${typed} `;
      for (let length = 1; length <= word.length; length++) queries.push(base + word.slice(0, length));
      typed = base + word;
    }
  }
  return queries.slice(0, count);
}
