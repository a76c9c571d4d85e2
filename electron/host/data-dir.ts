import path from 'node:path';

export const APP_FOLDER_NAME = 'TechStore POS';

export interface DataDirContext {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  homedir: string;
}

/**
 * Where browser mode keeps its SQLite store: `TECHSTORE_DATA_DIR` when set, otherwise the same per-user folder
 * Electron's `app.getPath('userData')` would give the installed app, so both modes share one store.
 */
export function resolveDataDir({ platform, env, homedir }: DataDirContext): string {
  const explicit = env.TECHSTORE_DATA_DIR;
  if (explicit !== undefined && explicit !== '') return path.resolve(explicit);
  if (platform === 'win32') {
    const appData = env.APPDATA;
    return path.join(
      appData !== undefined && appData !== '' ? appData : path.join(homedir, 'AppData', 'Roaming'),
      APP_FOLDER_NAME,
    );
  }
  if (platform === 'darwin') return path.join(homedir, 'Library', 'Application Support', APP_FOLDER_NAME);
  const xdg = env.XDG_CONFIG_HOME;
  // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const configHome = xdg !== undefined && path.isAbsolute(xdg) ? xdg : path.join(homedir, '.config');
  return path.join(configHome, APP_FOLDER_NAME);
}

/** `TECHSTORE_PORT`: 0 (a free port, the default) to 65535. Anything else is a start-up error. */
export function resolvePort(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 0;
  if (!/^\d{1,5}$/.test(value.trim())) throw new Error(`TECHSTORE_PORT must be a port number, got "${value}"`);
  const port = Number(value.trim());
  if (port > 65_535) throw new Error(`TECHSTORE_PORT must be at most 65535, got ${port}`);
  return port;
}
