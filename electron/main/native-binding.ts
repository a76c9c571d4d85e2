import path from 'node:path';

export interface NativeBindingContext {
  /** `TECHSTORE_SQLITE_BINDING`: an explicit path to an Electron-ABI `better_sqlite3.node`. */
  explicitPath: string | undefined;
  /** The app's root folder (`app.getAppPath()`). */
  appPath: string;
  /** `process.versions.modules`: the ABI the binding must have been compiled for. */
  abi: string;
  exists(file: string): boolean;
}

/**
 * The better-sqlite3 binding the shell should load, or undefined for the module's own build. The build that
 * `npm ci` makes is for Node's ABI (the tests need it), so running from source loads an Electron-ABI build kept
 * apart in `native/electron-abi<N>/` (or named by the environment). A packaged app is rebuilt for Electron by
 * electron-builder, so it normally finds none and uses its own. An explicit path that does not exist is an
 * error, not a silent fallback to a binding that would crash.
 */
export function resolveNativeBinding(context: NativeBindingContext): string | undefined {
  if (context.explicitPath !== undefined && context.explicitPath !== '') {
    const explicit = path.resolve(context.explicitPath);
    if (!context.exists(explicit)) throw new Error(`TECHSTORE_SQLITE_BINDING names a missing file: ${explicit}`);
    return explicit;
  }
  const keptApart = path.join(context.appPath, 'native', `electron-abi${context.abi}`, 'better_sqlite3.node');
  return context.exists(keptApart) ? keptApart : undefined;
}
