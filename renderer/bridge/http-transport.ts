import { type CommittedWrite, type Failure, isErrorCode, type Result } from '../../shared/errors';

const TOKEN_KEY = 'techstore.hostToken';

/**
 * Browser mode: the host opens the page at `#token=...`. The token is read once, kept for this tab only
 * (sessionStorage survives a reload, not a new tab), and removed from the address bar and history.
 */
function readHostToken(): string | null {
  const fromHash = new URLSearchParams(window.location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    window.sessionStorage.setItem(TOKEN_KEY, fromHash);
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromHash;
  }
  return window.sessionStorage.getItem(TOKEN_KEY);
}

let hostToken: string | null | undefined;

function hostTokenOnce(): string | null {
  if (hostToken === undefined) hostToken = readHostToken();
  return hostToken;
}

function internal(message: string): Failure {
  return { ok: false, code: 'INTERNAL', message };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** What a COMMITTED failure says was saved, kept only when it has the expected shape. */
function committedOf(value: unknown): CommittedWrite | undefined {
  if (!isRecord(value) || !Array.isArray(value.mutationIds)) return undefined;
  const record = isRecord(value.record) ? value.record : null;
  return {
    record:
      record && typeof record.table === 'string' && typeof record.id === 'string'
        ? { table: record.table, id: record.id }
        : null,
    mutationIds: value.mutationIds.filter((id): id is string => typeof id === 'string'),
  };
}

/** The body is the Result whatever the HTTP status; anything else is reported as INTERNAL. */
function toResult(body: unknown): Result<unknown> {
  if (!isRecord(body)) return internal('malformed response');
  if (body.ok === true && 'value' in body) return { ok: true, value: body.value };
  if (body.ok === false && isErrorCode(body.code)) {
    const failure: Failure = {
      ok: false,
      code: body.code,
      message: typeof body.message === 'string' ? body.message : '',
    };
    if (Array.isArray(body.issues)) {
      failure.issues = body.issues.filter(isRecord).map((issue) => ({
        path: typeof issue.path === 'string' ? issue.path : '',
        message: typeof issue.message === 'string' ? issue.message : '',
      }));
    }
    const committed = body.code === 'COMMITTED' ? committedOf(body.committed) : undefined;
    if (committed) failure.committed = committed;
    return failure;
  }
  return internal('malformed response');
}

export async function postChannel(channel: string, envelope: { session: string | null; input: unknown }) {
  const token = hostTokenOnce();
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    const response = await fetch(`/api/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(envelope),
      cache: 'no-store',
    });
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return internal(`HTTP ${response.status} without a result body`);
    }
    return toResult(body);
  } catch (error) {
    return internal(error instanceof Error ? error.message : 'network failure');
  }
}

/** Read the host token at start-up, so it leaves the address bar before anything else runs. */
export function captureHostToken(): void {
  hostTokenOnce();
}
