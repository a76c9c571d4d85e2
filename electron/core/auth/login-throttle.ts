/**
 * Slows PIN guessing: after `maxFailures` wrong PINs for one user, that user is locked for `lockMs`. A four-digit
 * PIN has 10,000 values; at five tries a minute, guessing takes days, and a real cashier barely notices.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; lockedUntilMs: number }>();

  constructor(
    private readonly nowMs: () => number,
    private readonly maxFailures = 5,
    private readonly lockMs = 60_000,
  ) {}

  /** Milliseconds until this user may try again; 0 when allowed now. */
  waitFor(userId: string): number {
    const entry = this.failures.get(userId);
    if (!entry) return 0;
    return Math.max(0, entry.lockedUntilMs - this.nowMs());
  }

  recordFailure(userId: string): void {
    const entry = this.failures.get(userId) ?? { count: 0, lockedUntilMs: 0 };
    entry.count += 1;
    if (entry.count >= this.maxFailures) {
      entry.count = 0;
      entry.lockedUntilMs = this.nowMs() + this.lockMs;
    }
    this.failures.set(userId, entry);
  }

  recordSuccess(userId: string): void {
    this.failures.delete(userId);
  }
}
