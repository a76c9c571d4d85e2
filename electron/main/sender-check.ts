import { isAppOriginUrl } from '../core/static/app-origin';

/**
 * Whether an IPC call may reach the core: only from the main frame of a page of our own `app://` origin.
 * Subframes (even of our origin), other origins, `file://`, `http(s)://` (including loopback), `devtools://`
 * and a frame that is already gone (`undefined`) are all refused.
 */
export function isTrustedSender(frameUrl: string | undefined, isMainFrame: boolean): boolean {
  return isMainFrame === true && isAppOriginUrl(frameUrl);
}
