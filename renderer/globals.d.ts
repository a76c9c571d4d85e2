import type { TechstoreApi } from '../shared/contract/bridge';

declare global {
  interface Window {
    /** Present only inside Electron, where the preload exposes it; browser mode uses the HTTP bridge instead. */
    techstore?: TechstoreApi;
  }
}
