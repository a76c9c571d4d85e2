import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptionsOverrides {
  /** DevTools stay closed in a packaged build; a developer running from source may open them. */
  devTools?: boolean;
}

/**
 * The one window the app opens. Every web preference that widens what page code can reach is set explicitly,
 * even where Electron's default already agrees, so a changed default can never loosen the shell.
 */
export function buildWindowOptions(
  preloadPath: string,
  overrides: WindowOptionsOverrides = {},
): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 680,
    show: false,
    title: 'TechStore POS',
    backgroundColor: '#f4f5f7',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: overrides.devTools ?? false,
    },
  };
}
