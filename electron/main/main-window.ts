import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from '../core/static/app-origin';
import { buildWindowOptions } from './window-options';

/** The one window factory. Shown once the first paint is ready, so the cashier never sees a blank frame. */
export function createMainWindow(preloadPath: string, devTools: boolean): BrowserWindow {
  const window = new BrowserWindow(buildWindowOptions(preloadPath, { devTools }));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

export function focusWindow(window: BrowserWindow | null): void {
  if (window === null || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.focus();
}
