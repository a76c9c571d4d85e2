import { type IpcMainInvokeEvent, ipcMain } from 'electron';
import { ipcChannelOf } from '../../shared/contract/bridge';
import { CHANNEL_NAMES } from '../../shared/contract/index';
import type { Core, Logger } from '../core/core.types';
import { dispatchIpcCall, type IpcCallSource } from './ipc-dispatch';

function sourceOf(event: IpcMainInvokeEvent): IpcCallSource {
  const frame = event.senderFrame;
  if (frame === null) return { frameUrl: undefined, isMainFrame: false };
  // A frame without a parent is a main frame; webviews, the only other kind, are refused at attach time.
  return { frameUrl: frame.url, isMainFrame: frame.parent === null };
}

/** Binds every contract channel, and only those, to the core. The one place `ipcMain.handle` is called. */
export function bindIpc(core: Core, log: Logger): () => void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(ipcChannelOf(channel), (event, envelope: unknown) =>
      dispatchIpcCall(core, log, channel, sourceOf(event), envelope),
    );
  }
  return () => {
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(ipcChannelOf(channel));
  };
}
