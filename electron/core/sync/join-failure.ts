import pg from 'pg';
import type { TerminalConnection } from '../../../db/central/cli/connection-text';
import type { JoinFailureReason, JoinStatus } from '../../../shared/contract/app.contract';
import { CoreError } from '../../../shared/errors';
import { refusalFor } from './sync-supervisor-connect';
import { errorMessage } from './sync-worker-protocol';

/** SQLSTATE -> what the first-run screen tells the person holding the connection text. */
const REASON_OF_STATE: Readonly<Record<string, JoinFailureReason>> = {
  '28P01': 'wrong-password',
  // invalid_authorization_specification: the role is NOLOGIN (revoked) or pg_hba refuses it.
  '28000': 'revoked',
  '3D000': 'no-database',
  '22023': 'terminal-refused',
  '42501': 'terminal-refused',
  // The server ended the session: an administrator (a revoke ends the terminal's backends) or a shutdown.
  '57P01': 'interrupted',
  '57P02': 'interrupted',
  '57P03': 'unreachable',
};

/** A socket that failed or was dropped, as node-postgres reports it, rather than an answer from central. */
const NETWORK_MESSAGE =
  /timeout|timed out|Connection terminated|not queryable|ECONN|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|SSL/i;

function reasonFor(error: unknown): JoinFailureReason {
  if (error instanceof pg.DatabaseError && typeof error.code === 'string') {
    return REASON_OF_STATE[error.code] ?? 'other';
  }
  if (error instanceof AggregateError && error.errors.some((inner) => reasonFor(inner) === 'unreachable')) {
    return 'unreachable';
  }
  if (error instanceof Error) {
    if ('code' in error && typeof error.code === 'string' && /^E[A-Z]+$/.test(error.code)) return 'unreachable';
    if (NETWORK_MESSAGE.test(error.message)) return 'unreachable';
  }
  return 'other';
}

/** A failed join as the status channel shows it: a reason for the screen, a code and central's own words. */
export function joinFailureOf(error: unknown, connection: TerminalConnection): NonNullable<JoinStatus['failure']> {
  if (error instanceof CoreError) return { reason: 'other', code: error.code, message: error.message };
  const refusal = refusalFor(error, connection);
  return { reason: reasonFor(error), code: refusal.code, message: refusal.message || errorMessage(error) };
}
