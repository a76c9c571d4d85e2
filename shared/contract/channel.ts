import type { z } from 'zod';
import type { Role } from './common.schemas';

/**
 * Who may call a channel: anyone (before login), any logged-in user, or only the listed roles. The router
 * enforces it; the renderer may use it to hide what the user cannot do, never to decide.
 */
export type Access = 'public' | 'user' | readonly Role[];

export interface ChannelDefinition<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  access: Access;
  /** Whether a call changes stored data. Mutating calls append exactly one outbox mutation (SYNC.md). */
  mutates: boolean;
  request: Req;
  response: Res;
}

export function channel<Req extends z.ZodType, Res extends z.ZodType>(
  definition: ChannelDefinition<Req, Res>,
): ChannelDefinition<Req, Res> {
  return definition;
}
