import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { classifySyncFailure, isStorageFailure, type SyncFailureKind } from '../../../electron/core/sync/sync-failure';

function postgresError(code: string, message = `postgres said ${code}`): pg.DatabaseError {
  const error = new pg.DatabaseError(message, message.length, 'error');
  error.code = code;
  return error;
}

function nodeError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

const sqlite = (code: string, message = code) => new Database.SqliteError(message, code);

describe('classifySyncFailure', () => {
  it.each<[string, SyncFailureKind, unknown]>([
    // The terminal's own file: never central's fault.
    ['the write lock held past the busy timeout', 'local', sqlite('SQLITE_BUSY', 'database is locked')],
    ['a stale read snapshot', 'local', sqlite('SQLITE_BUSY_SNAPSHOT')],
    ['a full disk', 'local', sqlite('SQLITE_FULL')],
    ['a constraint', 'local', sqlite('SQLITE_CONSTRAINT_FOREIGNKEY')],
    // No answer from central.
    ['a refused connect', 'unreachable', nodeError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a reset', 'unreachable', nodeError('ECONNRESET', 'read ECONNRESET')],
    ['an unknown host', 'unreachable', nodeError('ENOTFOUND', 'getaddrinfo ENOTFOUND central')],
    ['a name server away', 'unreachable', nodeError('EAI_AGAIN', 'getaddrinfo EAI_AGAIN central')],
    [
      'every address of a name refused',
      'unreachable',
      new AggregateError([nodeError('ECONNREFUSED', 'connect ECONNREFUSED ::1:5432')], ''),
    ],
    ['a connection dropped mid-query', 'unreachable', new Error('Connection terminated unexpectedly')],
    ['a connect timeout', 'unreachable', new Error('Connection terminated due to connection timeout')],
    ['a query that never came back', 'unreachable', new Error('Query read timeout')],
    [
      'a client whose socket broke',
      'unreachable',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
    [
      'the server shutting down',
      'unreachable',
      postgresError('57P01', 'terminating connection due to administrator command'),
    ],
    ['the server starting up', 'unreachable', postgresError('57P03', 'the database system is starting up')],
    ['a connection exception', 'unreachable', postgresError('08006')],
    // Central answers and keeps this terminal out.
    ['a wrong password', 'refused', postgresError('28P01', 'password authentication failed')],
    ['a revoked login', 'refused', postgresError('28000', 'role is not permitted to log in')],
    ['no such database', 'refused', postgresError('3D000')],
    ['no privilege', 'refused', postgresError('42501')],
    ['too many connections', 'refused', postgresError('53300')],
    ['a server that will not speak TLS', 'refused', new Error('The server does not support SSL connections')],
    ['a certificate that does not check', 'refused', nodeError('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify')],
    ['a TLS host name mismatch', 'refused', nodeError('ERR_TLS_CERT_ALTNAME_INVALID', 'altname')],
    // Central lets this terminal in, then fails.
    ['a function that raised', 'central', postgresError('P0001', 'push failed')],
    ['a missing function', 'central', postgresError('42883')],
    ['a deadlock on central', 'central', postgresError('40P01')],
    [
      'a statement timeout on central',
      'central',
      postgresError('57014', 'canceling statement due to statement timeout'),
    ],
    ['an answer that does not parse', 'central', new ZodError([])],
    ['a short acknowledgement', 'central', new Error('central acknowledged up to 3, short of 5')],
    ['something that is not an Error', 'central', 'a string'],
  ])('%s: %s', (_what, kind, error) => {
    expect(classifySyncFailure(error)).toBe(kind);
  });
});

describe('isStorageFailure', () => {
  it.each<[string, boolean]>([
    ['SQLITE_BUSY', true],
    ['SQLITE_BUSY_SNAPSHOT', true],
    ['SQLITE_LOCKED', true],
    ['SQLITE_IOERR_WRITE', true],
    ['SQLITE_FULL', true],
    ['SQLITE_READONLY', true],
    ['SQLITE_CORRUPT', true],
    // A row's problem: the page falls back to row by row and the digest check retries that row.
    ['SQLITE_CONSTRAINT_UNIQUE', false],
    ['SQLITE_MISMATCH', false],
    ['SQLITE_ERROR', false],
  ])('%s: %s', (code, storage) => {
    expect(isStorageFailure(sqlite(code))).toBe(storage);
  });

  it('is false for what is not a SQLite error', () => {
    expect(isStorageFailure(new TypeError('SQLite3 can only bind numbers, strings, bigints, buffers, and null'))).toBe(
      false,
    );
  });
});
