import type { ChannelName, RequestOf, ResponseOf } from '../../shared/contract/index';
import type { Failure, Result } from '../../shared/errors';
import { useSessionStore } from '../session/session.store';
import { captureHostToken, postChannel } from './http-transport';

/**
 * The only module that touches `window.techstore`. Inside Electron the preload provides it; in browser mode
 * the same calls go over HTTP to the host. Either way every call answers a Result, never throws.
 */

/** Channels whose UNAUTHORIZED means "wrong credentials", not "your session is gone". */
const CREDENTIAL_CHANNELS: readonly ChannelName[] = ['users.login', 'setup.initialize'];

if (!window.techstore) captureHostToken();

async function send<C extends ChannelName>(
  channel: C,
  envelope: { session: string | null; input: RequestOf<C> },
): Promise<Result<ResponseOf<C>>> {
  const api = window.techstore;
  if (api) {
    try {
      return await api[channel](envelope);
    } catch (error) {
      return { ok: false, code: 'INTERNAL', message: error instanceof Error ? error.message : 'IPC failure' };
    }
  }
  const result = await postChannel(channel, envelope);
  // The host answers the contract's response for this channel; the core validated the request, and the
  // response is built from the same inferred types, so the value is trusted here rather than re-parsed.
  return result as Result<ResponseOf<C>>;
}

export async function call<C extends ChannelName>(channel: C, input: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
  const token = useSessionStore.getState().session?.token ?? null;
  const result = await send(channel, { session: token, input });
  if (!result.ok && result.code === 'UNAUTHORIZED' && token !== null && !CREDENTIAL_CHANNELS.includes(channel)) {
    // Only expire the session this call was made with; a newer login in the meantime stays.
    if (useSessionStore.getState().session?.token === token) useSessionStore.getState().expire();
  }
  return result;
}

export type { Failure, Result };
