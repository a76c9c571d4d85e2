import { createHash, timingSafeEqual } from 'node:crypto';

export const LOOPBACK_ADDRESS = '127.0.0.1';

/**
 * DNS-rebinding guard: a page on `evil.example` that re-points its name to 127.0.0.1 still sends its own
 * name as Host. Only `127.0.0.1:<port>` and `localhost:<port>` of this very server are accepted.
 */
export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  if (typeof hostHeader !== 'string' || port <= 0) return false;
  const host = hostHeader.toLowerCase();
  return host === `${LOOPBACK_ADDRESS}:${port}` || host === `localhost:${port}`;
}

const BEARER = /^Bearer ([A-Za-z0-9_-]{1,256})$/;

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Whether `Authorization` carries exactly the per-start token. Both sides are hashed to equal-length digests,
 * so the comparison is constant-time whatever the length the caller sent.
 */
export function bearerTokenMatches(authorization: string | undefined, expected: string): boolean {
  if (typeof authorization !== 'string' || expected.length === 0) return false;
  const given = BEARER.exec(authorization)?.[1];
  if (given === undefined) return false;
  return timingSafeEqual(digest(given), digest(expected));
}

/** The channel named by `/api/<channel>`, undecoded-safe; null for anything that is not exactly one segment. */
export function apiChannelOf(pathname: string): string | null {
  if (!pathname.startsWith('/api/')) return null;
  let name: string;
  try {
    name = decodeURIComponent(pathname.slice('/api/'.length));
  } catch {
    return null;
  }
  return name.length > 0 && !name.includes('/') ? name : null;
}
