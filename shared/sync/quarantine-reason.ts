/**
 * Why central quarantined a mutation, when it is one the staff can be told about in their own words. Central's
 * refusals of a write beyond the terminal's store (central migration 0011) and of an account past its cap (0012)
 * start with a fixed mark; an amount past its bound breaks one of 0012's CHECK constraints, whose names all end in
 * `_bounds`. Any other error is central's text, shown as it is.
 *
 * - `other_store`: the write touched a row of another store or of the whole chain (a chain admin), or would have
 *   moved one there.
 * - `central_only`: the write would have given a row a value only central gives (the admin role).
 * - `over_bounds`: an amount or a quantity past what the system records (shared/money-bounds.ts).
 */
export const QUARANTINE_REASONS = ['other_store', 'central_only', 'over_bounds'] as const;
export type QuarantineReason = (typeof QUARANTINE_REASONS)[number];

const MARKS: readonly (readonly [mark: string, reason: QuarantineReason])[] = [
  ['beyond store:', 'other_store'],
  ['central only:', 'central_only'],
  ['over bounds:', 'over_bounds'],
];

/** PostgreSQL's words for a row that breaks a CHECK constraint, with a name of central's bounds. */
const BOUNDS_CHECK = /^new row for relation "[a-z_]+" violates check constraint "[a-z_]+_bounds"/;

export function quarantineReasonOf(error: string | null): QuarantineReason | null {
  if (error === null) return null;
  for (const [mark, reason] of MARKS) if (error.startsWith(mark)) return reason;
  return BOUNDS_CHECK.test(error) ? 'over_bounds' : null;
}
