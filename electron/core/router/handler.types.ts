import type { UserSummary } from '../../../shared/contract/common.schemas';
import type { ChannelName, ParsedRequestOf, ResponseOf } from '../../../shared/contract/index';
import { CoreError } from '../../../shared/errors';

export interface CallContext {
  /** The logged-in user; the router guarantees it for every channel whose access is neither 'public' nor 'setup'. */
  user: UserSummary | null;
  session: string | null;
}

export type Handler<C extends ChannelName> = (input: ParsedRequestOf<C>, call: CallContext) => Promise<ResponseOf<C>>;

/** Every channel of the contract must have exactly one handler: a missing one is a compile error. */
export type Handlers = { [C in ChannelName]: Handler<C> };

export function requireUser(call: CallContext): UserSummary {
  if (!call.user) throw new CoreError('UNAUTHORIZED', 'log in first');
  return call.user;
}
