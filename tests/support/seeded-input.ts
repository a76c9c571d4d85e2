import { newId } from '../../shared/ids';
import { createRng, type Rng } from './catalog-generator-rng';

/**
 * Seeded values for property tests over the contract: mostly what a screen would send, often exactly at a bound
 * or one past it, and sometimes absurd (2^53 - 1, negative, fractional, NaN, a string for a number, 100 000
 * characters). A small generator of our own, on the seeded PRNG the catalog generator uses, rather than a
 * property-testing package: the suite installs no new dependency for it, and one seed replays a whole run.
 */

const ABSURD_NUMBERS: readonly unknown[] = [
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  -1,
  0.5,
  1e300,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  '100',
  null,
  true,
  {},
];

const ABSURD_TEXTS: readonly unknown[] = [
  '',
  '   ',
  'x'.repeat(100_000),
  '💥'.repeat(2_000),
  "'; DROP TABLE sales; --",
  'nul \u0000 byte',
  42,
  null,
  ['a'],
];

const WORDS = ['Pantalla', 'batería', 'Ñandú', 'cargador', 'Gómez', 'Samsung', 'iPhone', 'cambio de pin', 'ok'];

export interface InputDraw {
  rng: Rng;
  /**
   * Whether the call being drawn is a hostile one. A friendly call draws every field valid (amounts up to and at
   * their bounds, known ids); a hostile one makes each field wrong now and then (past its bound, absurd, unknown).
   * Without the split, a call of ten fields would almost never be valid as a whole.
   */
  hostile: boolean;
  /** Starts drawing a new call: friendly or hostile. */
  nextCall(): void;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** An amount for a field whose bound is `max` (and least value `min`). */
  amount(max: number, min?: number): unknown;
  /** A signed, non-zero amount within `max` either way. */
  signedAmount(max: number): unknown;
  /** A count for a field between 1 and `max`. */
  count(max: number): unknown;
  /** A text for a field of `min` to `max` characters. */
  text(min: number, max: number): unknown;
  /** One of the known ids, a fresh unknown one, or not an id at all. */
  id(known: readonly string[]): unknown;
  /** A known id that exists, or a fresh one when none does. */
  knownId(known: readonly string[]): string;
  /** One of `valid`; in a hostile call, sometimes one of `invalid` instead. */
  choose<T, U = never>(valid: readonly T[], invalid?: readonly U[]): T | U;
  /** A value of the field most of the time, something absurd otherwise. */
  or<T>(value: T, absurd?: number): T | unknown;
}

export function createInputDraw(seed: number): InputDraw {
  const rng = createRng(seed);
  /** In a hostile call, how often one field is wrong. */
  const wrong = () => draw.hostile && rng.chance(0.3);
  const draw: InputDraw = {
    rng,
    hostile: false,
    nextCall() {
      draw.hostile = rng.chance(0.35);
    },
    chance: (p) => rng.chance(p),
    pick: (items) => rng.pick(items),
    amount(max, min = 0) {
      if (!wrong()) {
        const roll = rng.next();
        if (roll < 0.7) return rng.int(Math.max(min, 1), Math.min(max, 5_000_000));
        return roll < 0.9 ? max : rng.int(min, max);
      }
      const roll = rng.next();
      if (roll < 0.45) return rng.int(Math.max(min, 1), Math.min(max, 5_000_000));
      if (roll < 0.6) return max;
      if (roll < 0.7) return max + 1;
      if (roll < 0.77) return rng.int(min, max);
      if (roll < 0.82) return min;
      if (roll < 0.85) return min - 1;
      return rng.pick(ABSURD_NUMBERS);
    },
    signedAmount(max) {
      const amount = draw.amount(max, 1);
      return typeof amount === 'number' && rng.chance(0.5) ? -amount : amount;
    },
    count(max) {
      if (!wrong()) return rng.chance(0.9) ? rng.int(1, Math.min(max, 5)) : max;
      const roll = rng.next();
      if (roll < 0.7) return rng.int(1, Math.min(max, 5));
      if (roll < 0.8) return max;
      if (roll < 0.87) return max + 1;
      if (roll < 0.9) return 0;
      return rng.pick(ABSURD_NUMBERS);
    },
    text(min, max) {
      const roll = wrong() ? rng.next() : 0;
      if (roll < 0.8) {
        const words = Array.from({ length: rng.int(1, 4) }, () => rng.pick(WORDS)).join(' ');
        return words.length > max ? words.slice(0, max) : words.padEnd(min, 'x');
      }
      if (roll < 0.86) return 'a'.repeat(max);
      if (roll < 0.9) return 'a'.repeat(max + 1);
      return rng.pick(ABSURD_TEXTS);
    },
    id(known) {
      const roll = wrong() ? rng.next() : 0;
      if (roll < 0.85 && known.length > 0) return rng.pick(known);
      if (roll < 0.95) return newId();
      return rng.pick(['not-an-id', '00000000-0000-4000-8000-000000000000', 7, null]);
    },
    choose<T, U>(valid: readonly T[], invalid: readonly U[] = []): T | U {
      return invalid.length > 0 && wrong() ? rng.pick(invalid) : rng.pick(valid);
    },
    knownId: (known) => (known.length > 0 ? rng.pick(known) : newId()),
    or(value, absurd = 0.25) {
      if (!draw.hostile || !rng.chance(absurd)) return value;
      return rng.chance(0.5) ? rng.pick(ABSURD_NUMBERS) : rng.pick(ABSURD_TEXTS);
    },
  };
  return draw;
}
