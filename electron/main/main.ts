import { existsSync } from 'node:fs';
import path from 'node:path';
import { app, type BrowserWindow, session } from 'electron';
import log from 'electron-log/main';
import type { Core } from '../core/core.types';
import { createCore } from '../core/create-core';
import { handleAppProtocol, registerAppScheme } from './app-protocol';
import { bindIpc } from './ipc';
import { createMainWindow, focusWindow } from './main-window';
import { resolveNativeBinding } from './native-binding';
import { denyAllPermissions, hardenWebContents } from './web-contents-hardening';

/**
 * The Electron shell: one instance, one hardened window, the renderer on `app://renderer`, IPC bound to the
 * core. Every decision lives in a pure, tested module; this file only wires them to Electron.
 */

log.transports.file.level = 'info';
log.errorHandler.startCatching({ showDialog: false });
const mainLog = log.scope('main');

// Before `ready`, or the scheme gets no origin and the CSP's 'self' would not match it.
registerAppScheme();

function startShell(): void {
  let window: BrowserWindow | null = null;
  let core: Core | null = null;
  let unbindIpc: (() => void) | null = null;
  let coreClosed = false;

  app.on('second-instance', () => focusWindow(window));
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, log.scope('web')));
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (core === null || coreClosed) return;
    // Let SQLite checkpoint and close before the process goes; then quit for real.
    event.preventDefault();
    unbindIpc?.();
    void core
      .close()
      .catch((error: unknown) => mainLog.error('closing the core failed', error))
      .finally(() => {
        coreClosed = true;
        app.quit();
      });
  });

  app
    .whenReady()
    .then(async () => {
      const appPath = app.getAppPath();
      denyAllPermissions(session.defaultSession);
      handleAppProtocol(path.join(appPath, 'dist', 'renderer'), log.scope('protocol'));

      const nativeBinding = resolveNativeBinding({
        explicitPath: process.env.TECHSTORE_SQLITE_BINDING,
        appPath,
        abi: process.versions.modules,
        exists: existsSync,
      });
      const dataDir = app.getPath('userData');
      mainLog.info('starting', { version: app.getVersion(), dataDir, nativeBinding: nativeBinding ?? 'default' });
      core = await createCore({ dataDir, log: log.scope('core'), nativeBinding });
      unbindIpc = bindIpc(core, log.scope('ipc'));

      window = createMainWindow(path.join(appPath, 'dist-electron', 'preload.cjs'), !app.isPackaged);
      window.on('closed', () => {
        window = null;
      });
    })
    .catch((error: unknown) => {
      mainLog.error('start-up failed', error);
      app.exit(1);
    });
}

if (app.requestSingleInstanceLock()) {
  startShell();
} else {
  // A second launch only brings the running window forward (see 'second-instance').
  app.quit();
}
