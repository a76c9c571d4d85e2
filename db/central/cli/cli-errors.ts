/** The two ways the CLI fails; the exit code tells a script which one (SYNC.md's admin runs it by hand or in CI). */

/** The command line itself is wrong: exit code 2, nothing was attempted. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The command was valid but could not be carried out (no server, store exists, ...): exit code 1. */
export class CommandFailure extends Error {
  override name = 'CommandFailure';
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
