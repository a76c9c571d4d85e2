import pg from 'pg';
import type { OptionSpec, ParsedOptions } from './cli-args';
import { CommandFailure, UsageError } from './cli-errors';

export const ADMIN_URL_ENV = 'TECHSTORE_CENTRAL_ADMIN_URL';

export const URL_OPTION: OptionSpec = {
  type: 'string',
  value: '<admin url>',
  description: `postgresql://USER:PASSWORD@HOST:PORT/DATABASE of a role that can create roles (or ${ADMIN_URL_ENV})`,
};

/** The admin URL's parts the CLI needs besides the URL itself; never the password, which is never printed. */
export interface AdminTarget {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly sslmode: string | undefined;
  /** The URL with its password masked, for messages. */
  readonly display: string;
}

export function resolveAdminTarget(
  command: string,
  options: ParsedOptions,
  env: Readonly<Record<string, string | undefined>>,
): AdminTarget {
  const raw = options.strings.get('url') ?? env[ADMIN_URL_ENV];
  if (raw === undefined || raw.trim() === '') throw new UsageError(`${command}: missing --url (or ${ADMIN_URL_ENV})`);
  // No part of a refused URL is echoed: a mistyped URL may well contain the password.
  const text = raw.trim();
  if (!/^postgres(ql)?:\/\//i.test(text)) throw new UsageError(`${command}: --url must start with postgresql://`);
  const expected = '(expected postgresql://USER:PASSWORD@HOST:PORT/DATABASE)';
  let url: URL;
  let database: string;
  try {
    url = new URL(text);
    database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  } catch {
    throw new UsageError(`${command}: --url is not a valid URL ${expected}`);
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') throw new UsageError(`${command}: --url has no host ${expected}`);
  if (database === '') throw new UsageError(`${command}: --url has no database ${expected}`);
  const port = url.port === '' ? 5432 : Number(url.port);
  const masked = new URL(url.toString());
  if (masked.password !== '') masked.password = '****';
  return {
    url: url.toString(),
    host,
    port,
    database,
    sslmode: url.searchParams.get('sslmode') ?? undefined,
    display: masked.toString(),
  };
}

/** Opens one admin session, runs the work and always closes it. Connection problems are failures, one line. */
export async function withAdminClient<T>(target: AdminTarget, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: target.url,
    connectionTimeoutMillis: 10_000,
    application_name: 'techstore-central-cli',
  });
  // A server that goes away between queries emits 'error' on the client; the failing query reports it.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw new CommandFailure(`cannot connect to ${target.display}: ${describeError(error)}`, { cause: error });
  }
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describeError(error.errors[0]);
  if (error instanceof Error) return error.message || ('code' in error ? String(error.code) : error.name);
  return String(error);
}
