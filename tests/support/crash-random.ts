/**
 * A tiny seeded PRNG (mulberry32) for the crash tests: the parent and the child draw from it so a failing run
 * can be replayed from the seed it prints. Not for anything but tests.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both ends included. */
  int(min: number, max: number): number;
  /** `count` distinct items of `items`, in random order. */
  pick<T>(items: readonly T[], count: number): T[];
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick<T>(items: readonly T[], count: number): T[] {
      const pool = [...items];
      // Partial Fisher-Yates: the first `count` slots end up a uniform sample without replacement.
      for (let i = 0; i < Math.min(count, pool.length); i++) {
        const j = int(i, pool.length - 1);
        const a = pool[i];
        const b = pool[j];
        if (a === undefined || b === undefined) throw new RangeError('index out of range');
        pool[i] = b;
        pool[j] = a;
      }
      return pool.slice(0, count);
    },
  };
}
