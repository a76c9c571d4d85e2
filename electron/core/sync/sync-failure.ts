import pg from 'pg';

/**
 * Where a failed sync attempt went wrong, which decides what the worker does next:
 *
 * - `local`: this terminal's own SQLite file (its write lock held past the busy timeout, a full disk). Central is
 *   not at fault: the worker keeps its connections, the status keeps saying what central last did, and it tries
 *   again shortly without touching central's backoff.
 * - `unreachable`: no answer from central (refused, reset, timed out, a server shutting down or starting up).
 *   Offline; a cheap probe on a short fixed interval notices the moment it answers again.
 * - `refused`: central answered and will not let this terminal in (login refused or revoked, no such database,
 *   no privilege, out of connections). Offline, backing off with jitter.
 * - `central`: central let this terminal in, then failed (a function raised, an answer this terminal cannot
 *   read). Backing off with jitter: repeating at once would repeat the failure.
 */
export type SyncFailureKind = 'local' | 'unreachable' | 'refused' | 'central';

/** SQLSTATEs of a server that is going away or not there yet: the same as no answer. */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '57P05']);
/** SQLSTATEs of a login central refuses. */
const REFUSED_STATES = new Set(['3D000', '42501', '53300', '57P04']);
/** Messages of node-postgres for a connection that broke or timed out (it sets no code on them). */
const BROKEN_CONNECTION = /Connection terminated|timeout|not queryable|Connection closed|socket|ECONN/i;
/**
 * SQLite result codes of the file itself rather than of a row: the lock, the disk, memory. A row that breaks a
 * constraint (SQLITE_CONSTRAINT) or a value SQLite cannot take is a row's problem, not the file's.
 */
const STORAGE_CODES = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|NOMEM|READONLY|CANTOPEN|CORRUPT|NOTADB|PROTOCOL|INTERRUPT)/;

function codeOf(error: unknown): string | null {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : null;
}

/** The SQLSTATE of an error PostgreSQL answered with; null for anything else. */
export function sqlStateOf(error: unknown): string | null {
  return error instanceof pg.DatabaseError && typeof error.code === 'string' ? error.code : null;
}

/** An error of better-sqlite3: the terminal's own file answered. */
export function isLocalFailure(error: unknown): boolean {
  return codeOf(error)?.startsWith('SQLITE_') === true;
}

/** A local failure of the file itself (lock, disk, memory), as opposed to one row that cannot be stored. */
export function isStorageFailure(error: unknown): boolean {
  return STORAGE_CODES.test(codeOf(error) ?? '');
}

/** A local write lock that another connection held past the busy timeout. */
export function isLocalBusy(error: unknown): boolean {
  return /^SQLITE_(BUSY|LOCKED)/.test(codeOf(error) ?? '');
}

/** A TLS handshake that failed, or a server that will not speak TLS: a setting to fix, not an outage. */
export function isTlsFailure(error: unknown): boolean {
  const code = codeOf(error) ?? '';
  if (/^(ERR_TLS_|ERR_SSL_|UNABLE_TO_)|CERT/.test(code)) return true;
  return error instanceof Error && /does not support SSL|SSL/i.test(error.message);
}

/** A socket-level failure (refused, unknown host, reset, timed out, dropped) rather than an answer from central. */
export function isNetworkFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  // A refused connection to a name with several addresses: one error per address.
  if (error instanceof AggregateError && error.errors.some(isNetworkFailure)) return true;
  // Node's socket and name-lookup codes (ECONNREFUSED, ETIMEDOUT, EAI_AGAIN...), not its ERR_ codes.
  if (/^E(?!RR_)[A-Z_]+$/.test(codeOf(error) ?? '')) return true;
  return BROKEN_CONNECTION.test(error.message);
}

export function classifySyncFailure(error: unknown): SyncFailureKind {
  if (isLocalFailure(error)) return 'local';
  const state = sqlStateOf(error);
  if (state !== null) {
    if (state.startsWith('08') || UNAVAILABLE_STATES.has(state)) return 'unreachable';
    if (state.startsWith('28') || REFUSED_STATES.has(state)) return 'refused';
    return 'central';
  }
  // Before network errors: a TLS handshake that fails is a setting to fix, not an outage to wait out.
  if (isTlsFailure(error)) return 'refused';
  if (isNetworkFailure(error)) return 'unreachable';
  return 'central';
}
