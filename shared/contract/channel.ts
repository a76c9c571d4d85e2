import type { z } from 'zod';
import type { Role } from './common.schemas';

/**
 * Who may call a channel: anyone (before login), anyone but only while the terminal is not set up yet
 * ('setup': first-run screens; once set up the router answers CONFLICT), any logged-in user, or only the listed
 * roles. The router enforces it; the renderer may use it to hide what the user cannot do, never to decide.
 */
export type Access = 'public' | 'setup' | 'user' | readonly Role[];

export interface ChannelDefinition<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  access: Access;
  /**
   * Whether a call may change stored data. A mutating call that changes anything appends its outbox mutation in
   * the same transaction (SYNC.md): one, or two when it writes money or stock history and also changes mutable
   * rows (history first: electron/core/sync/history-first.ts). A call that finds nothing to change (a retry, an
   * unchanged form) appends none.
   */
  mutates: boolean;
  request: Req;
  response: Res;
}

export function channel<Req extends z.ZodType, Res extends z.ZodType>(
  definition: ChannelDefinition<Req, Res>,
): ChannelDefinition<Req, Res> {
  return definition;
}
