import Database from 'better-sqlite3';
import pg from 'pg';
import type { TerminalConnection } from '../../../db/central/cli/connection-text';
import { CoreError } from '../../../shared/errors';
import { type Registration, SyncEngine, type SyncIdentity } from './sync-engine';
import { isNetworkFailure, isTlsFailure, sqlStateOf } from './sync-failure';
import { ConnectionTextError, describeCentral, parseTerminalConnection, pgConfigFor } from './sync-worker-connection';
import { errorMessage } from './sync-worker-protocol';

export interface RegisterOptions {
  databaseFile: string;
  nativeBinding?: string | undefined;
  identity: SyncIdentity;
  onCentralHlc(hlc: string): void;
}

/** The connection text as the setup screen sent it: VALIDATION with the parser's reason when it is not one. */
export function parseConnectionOrRefuse(text: string): TerminalConnection {
  try {
    return parseTerminalConnection(text);
  } catch (error) {
    if (error instanceof ConnectionTextError) throw new CoreError('VALIDATION', error.message);
    throw error;
  }
}

/** SQLSTATE classes of a login central refused: wrong password, a revoked (NOLOGIN) role, no such database. */
const LOGIN_REFUSED = new Set(['28P01', '28000', '3D000']);
/** What sync_api.register raises for a login that is not this terminal's (another store, code or install). */
const REGISTRATION_REFUSED = new Set(['22023', '42501']);

/** Turns a failed connect or register into a code the setup screen can act on, with central's own words. */
export function refusalFor(error: unknown, connection: TerminalConnection): CoreError {
  const where = describeCentral(connection);
  const state = sqlStateOf(error);
  const reason = errorMessage(error);
  if (state !== null && LOGIN_REFUSED.has(state)) {
    return new CoreError('VALIDATION', `central at ${where} refused the login: ${reason}`);
  }
  if (state !== null && REGISTRATION_REFUSED.has(state)) {
    return new CoreError('CONFLICT', `central refused this terminal: ${reason}`);
  }
  if (state !== null) return new CoreError('INTERNAL', `central at ${where} answered with an error: ${reason}`);
  if (isNetworkFailure(error) || isTlsFailure(error)) {
    return new CoreError(
      'INTERNAL',
      `central at ${where} is unreachable (${reason}); check the address and the network and try again`,
    );
  }
  return new CoreError('INTERNAL', `could not register with central at ${where}: ${reason}`);
}

/**
 * Registers this terminal with central as `sync.connect` does, before the worker takes over: on a connection of
 * its own (the engine turns foreign keys off on it) that is closed again at once. Throws a CoreError.
 */
export async function registerWithCentral(
  connection: TerminalConnection,
  options: RegisterOptions,
): Promise<Registration> {
  const client = new pg.Client(pgConfigFor(connection, `techstore ${options.identity.terminalCode ?? ''} connect`));
  client.on('error', () => {});
  const sqlite = new Database(
    options.databaseFile,
    options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
  );
  try {
    sqlite.pragma('busy_timeout = 5000');
    await client.connect();
    const engine = new SyncEngine(sqlite, client, options.identity, { onCentralHlc: options.onCentralHlc });
    return await engine.register();
  } catch (error) {
    if (error instanceof CoreError) throw error;
    throw refusalFor(error, connection);
  } finally {
    sqlite.close();
    await client.end().catch(() => undefined);
  }
}
