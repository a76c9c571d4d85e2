import type { ChannelName } from '../../shared/contract/index';
import type { Failure, Result } from '../../shared/errors';
import type { Core, Logger } from '../core/core.types';
import { isTrustedSender } from './sender-check';

export interface IpcCallSource {
  /** URL of the frame that sent the call; undefined when the frame is gone. */
  frameUrl: string | undefined;
  isMainFrame: boolean;
}

/**
 * One IPC call, Electron-free so it can be tested: the sender is checked before anything else; a refused
 * call never reaches the core and is answered FORBIDDEN. The envelope itself is validated by the core.
 */
export async function dispatchIpcCall(
  core: Pick<Core, 'call'>,
  log: Logger,
  channel: ChannelName,
  source: IpcCallSource,
  envelope: unknown,
): Promise<Result<unknown>> {
  if (!isTrustedSender(source.frameUrl, source.isMainFrame)) {
    log.warn('refused IPC call from an untrusted frame', {
      channel,
      frameUrl: source.frameUrl ?? null,
      isMainFrame: source.isMainFrame,
    });
    return {
      ok: false,
      code: 'FORBIDDEN',
      message: 'this frame may not call the app',
    } satisfies Failure;
  }
  return core.call(channel, envelope);
}
