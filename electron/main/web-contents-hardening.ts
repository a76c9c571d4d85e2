import type { Session, WebContents } from 'electron';
import type { Logger } from '../core/core.types';
import { isAllowedNavigation } from './navigation-policy';

/** No camera, microphone, geolocation, notifications, HID, serial, USB: the POS asks the OS for nothing. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** Applied to every WebContents the app ever creates, not only the main window. */
export function hardenWebContents(contents: WebContents, log: Logger): void {
  const refuseNavigation = (event: { preventDefault(): void }, url: string, kind: string) => {
    if (isAllowedNavigation(url)) return;
    event.preventDefault();
    log.warn(`blocked ${kind}`, { url });
  };
  contents.on('will-navigate', (event) => refuseNavigation(event, event.url, 'navigation'));
  contents.on('will-redirect', (event) => refuseNavigation(event, event.url, 'redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('blocked a webview');
  });
  contents.setWindowOpenHandler(({ url }) => {
    log.warn('blocked a popup', { url });
    return { action: 'deny' };
  });
}
