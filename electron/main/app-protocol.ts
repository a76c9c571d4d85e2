import { protocol } from 'electron';
import type { Logger } from '../core/core.types';
import { APP_SCHEME } from '../core/static/app-origin';
import { respondWithRendererAsset } from './renderer-response';

/** Must run before `app` is ready: makes `app://` a standard, secure origin that `fetch` may use. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer on `app://renderer/`, through the path-traversal guard. */
export function handleAppProtocol(rendererDir: string, log: Logger): void {
  protocol.handle(APP_SCHEME, (request) => respondWithRendererAsset(rendererDir, request.method, request.url, log));
}
