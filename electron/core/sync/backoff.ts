/**
 * Retry delays while central is unreachable: exponential with full jitter (each delay uniform in
 * [0, min(cap, base * 2^attempt))), so a store's terminals coming back from one outage do not retry in step.
 * Pure apart from the injected random source.
 */
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, capMs: 60_000 };

/** The ceiling of the delay after `attempt` consecutive failures (0 for the first retry). */
export function backoffCeilingMs(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  if (!Number.isInteger(attempt) || attempt < 0) throw new RangeError(`attempt must be a whole number, not ${attempt}`);
  // 2^attempt overflows to Infinity long after it has passed any sane cap; min() keeps it finite.
  return Math.min(options.capMs, options.baseMs * 2 ** attempt);
}

/** Full jitter: `random` returns a number in [0, 1), as Math.random does. */
export function fullJitterDelayMs(
  attempt: number,
  random: () => number,
  options: BackoffOptions = DEFAULT_BACKOFF,
): number {
  const r = random();
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0;
  return Math.floor(unit * backoffCeilingMs(attempt, options));
}

/** Consecutive failures and the next delay; `reset()` after a success starts again from the base. */
export class Backoff {
  private failures = 0;

  constructor(
    private readonly random: () => number = Math.random,
    private readonly options: BackoffOptions = DEFAULT_BACKOFF,
  ) {}

  get attempts(): number {
    return this.failures;
  }

  /** The delay before the next try, after one more failure. */
  next(): number {
    const delay = fullJitterDelayMs(this.failures, this.random, this.options);
    // Past the cap the exponent no longer matters; stop counting before it could overflow anything.
    if (backoffCeilingMs(this.failures, this.options) < this.options.capMs) this.failures++;
    return delay;
  }

  reset(): void {
    this.failures = 0;
  }
}
