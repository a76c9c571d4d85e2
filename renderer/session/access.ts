import type { Role } from '../../shared/contract/common.schemas';
import { type ChannelName, contract } from '../../shared/contract/index';

/**
 * Whether a logged-in user of this role may call a channel, read from the contract's `access`: what a screen
 * registers as "who sees it". For hiding only; the core decides.
 */
export function roleMayCall(role: Role, channel: ChannelName): boolean {
  const { access } = contract[channel];
  if (access === 'public' || access === 'user') return true;
  if (access === 'setup') return false;
  return access.includes(role);
}
