/**
 * The one line an admin copies from `npm run central -- add-terminal` into the terminal's setup screen: a
 * PostgreSQL URL with the terminal's own login. Pure (no Node APIs) so the terminal side parses it with the same
 * code that wrote it.
 */
export interface TerminalConnection {
  readonly role: string;
  readonly password: string;
  readonly host: string;
  readonly port: number;
  readonly database: string;
  /** Carried over from the admin URL, so a server that requires TLS keeps requiring it from terminals. */
  readonly sslmode?: string | undefined;
}

export class ConnectionTextError extends Error {
  override name = 'ConnectionTextError';
}

const SSL_MODES = new Set(['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full', 'no-verify']);

function checkPort(port: number): void {
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new ConnectionTextError(`port must be 1-65535, not ${port}`);
}

function checkSslMode(sslmode: string | undefined): void {
  if (sslmode !== undefined && !SSL_MODES.has(sslmode))
    throw new ConnectionTextError(`unknown sslmode ${JSON.stringify(sslmode)}`);
}

export function formatConnectionText(connection: TerminalConnection): string {
  for (const field of ['role', 'password', 'host', 'database'] as const) {
    if (connection[field].length === 0) throw new ConnectionTextError(`the connection needs a ${field}`);
  }
  checkPort(connection.port);
  checkSslMode(connection.sslmode);
  // Built on the WHATWG parser, so every part is percent-encoded exactly as parseConnectionText decodes it.
  const url = new URL('postgresql://placeholder');
  url.hostname =
    connection.host.includes(':') && !connection.host.startsWith('[') ? `[${connection.host}]` : connection.host;
  url.port = String(connection.port);
  url.username = encodeURIComponent(connection.role);
  url.password = encodeURIComponent(connection.password);
  url.pathname = `/${encodeURIComponent(connection.database)}`;
  if (connection.sslmode !== undefined) url.searchParams.set('sslmode', connection.sslmode);
  return url.toString();
}

function decode(part: string, what: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new ConnectionTextError(`the ${what} in the connection text is not validly encoded`);
  }
}

/** Reads what formatConnectionText wrote; surrounding whitespace (a sloppy paste) is forgiven, nothing else. */
export function parseConnectionText(text: string): TerminalConnection {
  const trimmed = text.trim();
  if (!/^postgres(ql)?:\/\//i.test(trimmed))
    throw new ConnectionTextError('the connection text must start with postgresql://');
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new ConnectionTextError('the connection text is not a valid URL');
  }
  const role = decode(url.username, 'login');
  const password = decode(url.password, 'password');
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const database = decode(url.pathname.replace(/^\//, ''), 'database');
  if (role.length === 0) throw new ConnectionTextError('the connection text has no login (postgresql://LOGIN:...)');
  if (password.length === 0) throw new ConnectionTextError('the connection text has no password');
  if (host.length === 0) throw new ConnectionTextError('the connection text has no host');
  if (database.length === 0 || database.includes('/'))
    throw new ConnectionTextError('the connection text must end with /DATABASE');
  const port = url.port === '' ? 5432 : Number(url.port);
  checkPort(port);
  for (const key of url.searchParams.keys()) {
    if (key !== 'sslmode')
      throw new ConnectionTextError(`unexpected parameter ${JSON.stringify(key)} in the connection text`);
  }
  const sslmode = url.searchParams.get('sslmode') ?? undefined;
  checkSslMode(sslmode);
  return { role, password, host, port, database, sslmode };
}
