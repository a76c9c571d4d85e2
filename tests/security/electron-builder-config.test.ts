import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Configuration } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { beforeAll, describe, expect, it } from 'vitest';

// electron-builder's own loader and JSON-schema validation, exactly what `electron-builder --config` runs
// before packaging; nothing is packaged or downloaded here.
const root = fileURLToPath(new URL('../..', import.meta.url));
const configFile = path.join(root, 'electron-builder.yml');

let config: Configuration;

beforeAll(async () => {
  config = await getConfig(root, configFile, null);
});

describe('electron-builder.yml', () => {
  it('passes electron-builder schema validation', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('is really checked by that validation: an unknown fuse is refused', async () => {
    const broken = { ...config, electronFuses: { ...config.electronFuses, notARealFuse: true } };
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  });

  it('names the app', () => {
    expect(config.appId).toBe('ar.techstore.pos');
    expect(config.productName).toBe('TechStore POS');
  });

  it('flips every security fuse the shell relies on', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs into asar and unpacks only the native SQLite module', () => {
    expect(config.asar).not.toBe(false);
    expect(config.asarUnpack).toEqual(['**/node_modules/better-sqlite3/**']);
  });

  it('ships the built app, not its sources', () => {
    // The loader normalizes `files` into file sets; production node_modules are added by electron-builder itself.
    const patterns = [config.files]
      .flat()
      .flatMap((entry) => (typeof entry === 'string' ? [entry] : [entry?.filter ?? []].flat()))
      .filter((pattern): pattern is string => typeof pattern === 'string');
    expect(patterns).toEqual(expect.arrayContaining(['package.json', 'dist/renderer/**/*', 'dist-electron/**/*']));
    for (const source of ['electron/', 'renderer/', 'shared/', 'db/', 'tests/', 'src/']) {
      expect(patterns.some((pattern) => pattern.startsWith(source))).toBe(false);
    }
  });

  it('rebuilds native modules for Electron when packaging', () => {
    expect(config.npmRebuild).toBe(true);
  });

  it('builds AppImage and deb for Linux, filed under Office, with a maintainer', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.linux?.category).toBe('Office');
    expect(config.linux?.maintainer).toMatch(/\S+ <\S+@\S+>/);
  });

  it('builds an assisted NSIS installer for Windows that lets the user pick per-user or per-machine', () => {
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.nsis?.oneClick).toBe(false);
    // oneClick false + perMachine false is the mode where the installer asks (see electron-builder's schema).
    expect(config.nsis?.perMachine).toBe(false);
  });

  it('points at icons that exist', async () => {
    const { existsSync } = await import('node:fs');
    expect(existsSync(path.join(root, 'build', 'icon.png'))).toBe(true);
    expect(existsSync(path.join(root, 'build', 'icons', '256x256.png'))).toBe(true);
  });
});
