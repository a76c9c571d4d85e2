import type { ConnectionOptions } from 'node:tls';
import type pg from 'pg';
import {
  ConnectionTextError,
  parseConnectionText,
  type TerminalConnection,
} from '../../../db/central/cli/connection-text';

export { ConnectionTextError };

/** How long a terminal waits for central before it counts as unreachable; a sale never waits on it. */
const CONNECT_TIMEOUT_MS = 10_000;
/** A push of one batch or a pull of one page; a query past this is a dead link, not a slow one. */
const QUERY_TIMEOUT_MS = 120_000;

/**
 * libpq's sslmode in node-postgres terms. `require` encrypts without checking the certificate, as libpq does;
 * `verify-ca` checks the chain, `verify-full` the chain and the host name. `allow` and `prefer` ask for no TLS:
 * node-postgres cannot fall back from TLS to plain the way libpq does, and a server that insists on TLS is
 * configured with `require` in the text `add-terminal` prints.
 */
export function sslOptionFor(sslmode: string | undefined): false | ConnectionOptions {
  switch (sslmode) {
    case undefined:
    case 'disable':
    case 'allow':
    case 'prefer':
      return false;
    case 'require':
    case 'no-verify':
      return { rejectUnauthorized: false };
    case 'verify-ca':
      return { rejectUnauthorized: true, checkServerIdentity: () => undefined };
    case 'verify-full':
      return { rejectUnauthorized: true };
    default:
      throw new ConnectionTextError(`unknown sslmode ${JSON.stringify(sslmode)}`);
  }
}

/** Throws ConnectionTextError with a message fit for the setup screen when the text is not a connection. */
export function parseTerminalConnection(text: string): TerminalConnection {
  return parseConnectionText(text);
}

/** Where central is, for messages: never the password. */
export function describeCentral(connection: TerminalConnection): string {
  const host = connection.host.includes(':') ? `[${connection.host}]` : connection.host;
  return `${host}:${connection.port}/${connection.database}`;
}

export function pgConfigFor(connection: TerminalConnection, applicationName: string): pg.ClientConfig {
  return {
    host: connection.host,
    port: connection.port,
    database: connection.database,
    user: connection.role,
    password: connection.password,
    ssl: sslOptionFor(connection.sslmode),
    application_name: applicationName.slice(0, 63),
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    query_timeout: QUERY_TIMEOUT_MS,
    keepAlive: true,
  };
}
