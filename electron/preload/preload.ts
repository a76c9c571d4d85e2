import { contextBridge, ipcRenderer } from 'electron';
import { CHANNEL_NAMES } from './channel-list';
import { buildTechstoreApi } from './techstore-api';

// Only typed functions cross the bridge; ipcRenderer itself, or a generic send/invoke, never does.
contextBridge.exposeInMainWorld(
  'techstore',
  buildTechstoreApi(CHANNEL_NAMES, (ipcChannel, envelope) => ipcRenderer.invoke(ipcChannel, envelope)),
);
