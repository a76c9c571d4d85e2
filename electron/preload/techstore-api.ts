import { ipcChannelOf, type TechstoreApi } from '../../shared/contract/bridge';
import type { ChannelName } from '../../shared/contract/index';

/** How a call leaves the renderer: `ipcRenderer.invoke` in the preload, a recorder in tests. */
export type Invoke = (ipcChannel: string, envelope: unknown) => Promise<unknown>;

/**
 * `window.techstore`: one function per contract channel and nothing else. Each forwards the envelope to the
 * channel's own IPC name; the main process checks the sender and the core validates the envelope.
 */
export function buildTechstoreApi(channels: readonly ChannelName[], invoke: Invoke): TechstoreApi {
  const api: Record<string, (envelope: unknown) => Promise<unknown>> = {};
  for (const channel of channels) {
    const ipcChannel = ipcChannelOf(channel);
    api[channel] = (envelope: unknown) => invoke(ipcChannel, envelope);
  }
  // The loop builds exactly the mapped type's keys, each typed by the contract on the other side of IPC;
  // TypeScript cannot follow a mapped type through a loop, hence the one cast.
  return Object.freeze(api) as TechstoreApi;
}
