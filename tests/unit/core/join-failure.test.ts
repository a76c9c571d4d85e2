import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { joinFailureOf } from '../../../electron/core/sync/join-failure';
import { CoreError } from '../../../shared/errors';

const connection = { role: 'ts_pal_t02', password: 'secret', host: '10.0.0.5', port: 5432, database: 'techstore' };

function databaseError(code: string, message: string): pg.DatabaseError {
  const error = new pg.DatabaseError(message, message.length, 'error');
  error.code = code;
  return error;
}

function networkError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('joinFailureOf: why a join failed, in terms the first-run screen can say', () => {
  it.each([
    ['a wrong password', databaseError('28P01', 'password authentication failed'), 'wrong-password', 'VALIDATION'],
    ['a revoked (NOLOGIN) role', databaseError('28000', 'role is not permitted to log in'), 'revoked', 'VALIDATION'],
    ['no such database', databaseError('3D000', 'database "x" does not exist'), 'no-database', 'VALIDATION'],
    [
      'a login of another installation',
      databaseError('22023', 'already belongs to another'),
      'terminal-refused',
      'CONFLICT',
    ],
    ['backends ended by an admin', databaseError('57P01', 'terminating connection'), 'interrupted', 'INTERNAL'],
    ['another SQL error', databaseError('XX000', 'internal error'), 'other', 'INTERNAL'],
    [
      'a refused connection',
      networkError('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.5:5432'),
      'unreachable',
      'INTERNAL',
    ],
    ['an unknown host', networkError('ENOTFOUND', 'getaddrinfo ENOTFOUND central'), 'unreachable', 'INTERNAL'],
    ['a dropped link', new Error('Connection terminated unexpectedly'), 'unreachable', 'INTERNAL'],
    ['a connect timeout', new Error('timeout expired'), 'unreachable', 'INTERNAL'],
    [
      'a refused connection to every address',
      new AggregateError([networkError('ECONNREFUSED', 'connect ECONNREFUSED ::1:5432')], ''),
      'unreachable',
      'INTERNAL',
    ],
    ['something else', new Error('boom'), 'other', 'INTERNAL'],
  ])('%s', (_label, error, reason, code) => {
    const failure = joinFailureOf(error, connection);
    expect(failure).toMatchObject({ reason, code });
    // Where central is may be said; the password never.
    expect(failure.message).not.toContain('secret');
  });

  it('names where central is when it cannot be reached', () => {
    const failure = joinFailureOf(networkError('ECONNREFUSED', 'connect ECONNREFUSED'), connection);
    expect(failure.message).toContain('10.0.0.5:5432/techstore is unreachable');
  });

  it('keeps a CoreError as it is', () => {
    expect(joinFailureOf(new CoreError('VALIDATION', 'bad text'), connection)).toEqual({
      reason: 'other',
      code: 'VALIDATION',
      message: 'bad text',
    });
  });
});
