import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDataDir, resolvePort } from '../../../electron/host/data-dir';

const home = path.resolve('/home/cajero');

describe('resolveDataDir', () => {
  it('uses TECHSTORE_DATA_DIR when set', () => {
    expect(resolveDataDir({ platform: 'linux', env: { TECHSTORE_DATA_DIR: '/srv/pos' }, homedir: home })).toBe(
      path.resolve('/srv/pos'),
    );
  });

  it.each([
    ['linux', {}, path.join(home, '.config', 'TechStore POS')],
    ['linux', { XDG_CONFIG_HOME: '/cfg' }, path.join('/cfg', 'TechStore POS')],
    ['linux', { XDG_CONFIG_HOME: 'relative/cfg' }, path.join(home, '.config', 'TechStore POS')],
    ['darwin', {}, path.join(home, 'Library', 'Application Support', 'TechStore POS')],
    [
      'win32',
      { APPDATA: 'C:\\Users\\cajero\\AppData\\Roaming' },
      path.join('C:\\Users\\cajero\\AppData\\Roaming', 'TechStore POS'),
    ],
    ['win32', {}, path.join(home, 'AppData', 'Roaming', 'TechStore POS')],
  ] as const)('on %s with %j defaults to the per-user app-data folder', (platform, env, expected) => {
    expect(resolveDataDir({ platform, env, homedir: home })).toBe(expected);
  });
});

describe('resolvePort', () => {
  it.each([
    [undefined, 0],
    ['', 0],
    ['0', 0],
    ['8080', 8080],
    [' 3000 ', 3000],
    ['65535', 65_535],
  ])('reads %j as %i', (value, port) => {
    expect(resolvePort(value)).toBe(port);
  });

  it.each(['65536', '-1', '80abc', '1e3', '0x50', 'http'])('refuses %j', (value) => {
    expect(() => resolvePort(value)).toThrow(/TECHSTORE_PORT/);
  });
});
