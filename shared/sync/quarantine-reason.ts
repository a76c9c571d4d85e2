/**
 * Why central quarantined a mutation, when it is one the staff can be told about in their own words. Central's
 * refusals of a write beyond the terminal's store (central migration 0011) start with a fixed mark; any other
 * error is central's text, shown as it is.
 *
 * - `other_store`: the write touched a row of another store or of the whole chain (a chain admin), or would have
 *   moved one there.
 * - `central_only`: the write would have given a row a value only central gives (the admin role).
 */
export const QUARANTINE_REASONS = ['other_store', 'central_only'] as const;
export type QuarantineReason = (typeof QUARANTINE_REASONS)[number];

const MARKS: readonly (readonly [mark: string, reason: QuarantineReason])[] = [
  ['beyond store:', 'other_store'],
  ['central only:', 'central_only'],
];

export function quarantineReasonOf(error: string | null): QuarantineReason | null {
  if (error === null) return null;
  for (const [mark, reason] of MARKS) if (error.startsWith(mark)) return reason;
  return null;
}
