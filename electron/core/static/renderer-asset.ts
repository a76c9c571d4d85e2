import path from 'node:path';
import { APP_ORIGIN } from './app-origin';

const APP_PREFIX = `${APP_ORIGIN}/`;
const FORBIDDEN_CHARACTERS = /[\0\\%:]/;
const SEGMENT = /^[A-Za-z0-9_@+~=,()[\]-][A-Za-z0-9._@+~=,()[\]-]*$/;

function pathPartOf(requestUrl: string): string | null {
  if (requestUrl.startsWith('/') && !requestUrl.startsWith('//')) return requestUrl;
  // Compared on the raw text, not through `new URL`, which would quietly resolve `..` and hide the attempt.
  if (requestUrl.toLowerCase().startsWith(APP_PREFIX)) return requestUrl.slice(APP_PREFIX.length - 1);
  return null;
}

function decodedPath(rawPath: string): string | null {
  const withoutQuery = rawPath.split(/[?#]/, 1)[0] ?? '';
  if (/[\0\\]/.test(withoutQuery)) return null;
  try {
    return decodeURIComponent(withoutQuery);
  } catch {
    return null;
  }
}

/**
 * Maps a request for the built renderer to a file inside `root`, or null when the request must be refused.
 * Accepts a path (`/assets/index-3f2a.js`, what the HTTP host sees) or a URL of our own origin
 * (`app://renderer/assets/index-3f2a.js`, what the `app://` protocol sees). Refused: other schemes and hosts,
 * `..` and `.` segments (plain or percent-encoded), backslashes, NUL, `%` left after one decoding (double
 * encoding), `:` (drive letters, alternate data streams), empty segments (`//etc/passwd`), dot-files.
 * The resolved path is checked to be inside `root` as the last line of defence.
 */
export function resolveRendererAsset(root: string, requestUrl: string): string | null {
  const rawPath = pathPartOf(requestUrl);
  if (rawPath === null) return null;
  const decoded = decodedPath(rawPath);
  if (decoded === null || FORBIDDEN_CHARACTERS.test(decoded)) return null;
  if (decoded === '/') return path.join(path.resolve(root), 'index.html');
  const segments = decoded.slice(1).split('/');
  if (!segments.every((segment) => SEGMENT.test(segment))) return null;
  const base = path.resolve(root);
  const resolved = path.resolve(base, ...segments);
  return resolved.startsWith(base + path.sep) ? resolved : null;
}
