import type { Result } from '../errors';
import type { ChannelName, RequestOf, ResponseOf } from './index';

/**
 * `window.techstore` as the preload exposes it: one function per channel, each taking the envelope and
 * answering a Result. The HTTP bridge of browser mode implements the same shape over `POST /api/<channel>`.
 */
export type TechstoreApi = {
  [C in ChannelName]: (envelope: { session: string | null; input: RequestOf<C> }) => Promise<Result<ResponseOf<C>>>;
};

/** The IPC channel name for a contract channel: a fixed prefix, so the shell never handles a foreign name. */
export const IPC_PREFIX = 'techstore:';
export function ipcChannelOf(channel: ChannelName): string {
  return IPC_PREFIX + channel;
}

/** HTTP status the browser-mode host answers for each failure code; the body is always the Result itself. */
export const HTTP_STATUS_OF_CODE = {
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  SETUP_REQUIRED: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  // Saved, though its answer could not be built: a 5xx would invite a client to send it again.
  COMMITTED: 200,
} as const;
