import { describe, expect, it } from 'vitest';
import { Backoff, backoffCeilingMs, DEFAULT_BACKOFF, fullJitterDelayMs } from '../../../electron/core/sync/backoff';

describe('backoffCeilingMs', () => {
  it.each([
    [0, 1_000],
    [1, 2_000],
    [2, 4_000],
    [5, 32_000],
    [6, 60_000],
    [7, 60_000],
    [1_000, 60_000],
  ])('after %i failures the ceiling is %i ms', (attempt, ceiling) => {
    expect(backoffCeilingMs(attempt)).toBe(ceiling);
  });

  it.each([-1, 1.5, Number.NaN])('refuses attempt %s', (attempt) => {
    expect(() => backoffCeilingMs(attempt)).toThrow(RangeError);
  });
});

describe('fullJitterDelayMs', () => {
  it.each([
    [0, 0, 0],
    [0, 0.5, 500],
    [3, 0.999_999, 7_999],
    [10, 0.25, 15_000],
    // A broken random source never yields a negative, NaN or over-cap delay.
    [10, 1.5, 60_000],
    [10, -3, 0],
    [10, Number.NaN, 0],
  ])('attempt %i with random %d waits %i ms', (attempt, random, delay) => {
    expect(fullJitterDelayMs(attempt, () => random)).toBe(delay);
  });
});

describe('Backoff', () => {
  it('grows to the cap while failures continue, then starts over from the base after a success', () => {
    const backoff = new Backoff(() => 0.999_999);
    const delays = Array.from({ length: 9 }, () => backoff.next());
    expect(delays).toEqual([999, 1_999, 3_999, 7_999, 15_999, 31_999, 59_999, 59_999, 59_999]);
    backoff.reset();
    expect(backoff.attempts).toBe(0);
    expect(backoff.next()).toBe(999);
  });

  it('stays within [0, ceiling) for every attempt with a real random source', () => {
    const backoff = new Backoff(Math.random, DEFAULT_BACKOFF);
    for (let attempt = 0; attempt < 50; attempt++) {
      const ceiling = backoffCeilingMs(Math.min(attempt, 6));
      const delay = backoff.next();
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(ceiling);
    }
  });
});
