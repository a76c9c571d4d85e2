import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildTechstoreApi } from '../../electron/preload/techstore-api';
import { IPC_PREFIX, ipcChannelOf } from '../../shared/contract/bridge';
import { CHANNEL_NAMES } from '../../shared/contract/index';

const preloadSource = readFileSync(
  fileURLToPath(new URL('../../electron/preload/preload.ts', import.meta.url)),
  'utf8',
);

/** The source without comments, so a comment that mentions ipcRenderer does not count as code. */
const preloadCode = preloadSource.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');

describe('window.techstore as the preload builds it', () => {
  it('has exactly one function per contract channel', () => {
    const api = buildTechstoreApi(CHANNEL_NAMES, async () => undefined);
    expect(Object.keys(api).sort()).toEqual([...CHANNEL_NAMES].sort());
    for (const channel of CHANNEL_NAMES) expect(typeof api[channel]).toBe('function');
  });

  it('sends each call on its own prefixed IPC channel with the envelope untouched', async () => {
    const calls: Array<[string, unknown]> = [];
    const api = buildTechstoreApi(CHANNEL_NAMES, async (ipcChannel, envelope) => {
      calls.push([ipcChannel, envelope]);
      return { ok: true, value: null };
    });
    const envelope = { session: null, input: {} };
    await api['app.status'](envelope);
    await api['users.listForLogin'](envelope);
    expect(calls).toEqual([
      [ipcChannelOf('app.status'), envelope],
      [ipcChannelOf('users.listForLogin'), envelope],
    ]);
    expect(calls.every(([name]) => name.startsWith(IPC_PREFIX))).toBe(true);
  });

  it('cannot be extended or rewired from the page', () => {
    const api = buildTechstoreApi(CHANNEL_NAMES, async () => undefined);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('uses the contract channel list, not a copy', () => {
    expect(preloadCode).toMatch(/buildTechstoreApi\(\s*CHANNEL_NAMES\s*,/);
    expect(preloadCode).toMatch(/from '\.\/channel-list'/);
  });
});

describe('preload.ts source', () => {
  it('exposes exactly one thing, window.techstore', () => {
    const exposures = [...preloadCode.matchAll(/exposeInMainWorld\(\s*'([^']+)'/g)].map((match) => match[1]);
    expect(exposures).toEqual(['techstore']);
    expect(preloadCode).not.toMatch(/exposeInIsolatedWorld|executeInMainWorld/);
  });

  it('uses ipcRenderer only to invoke, inside the preload', () => {
    expect(preloadCode).toMatch(/^import \{ contextBridge, ipcRenderer \} from 'electron';$/m);
    const body = preloadCode.replace(/^import [^;]+;$/gm, '');
    // Exactly one use, a `.invoke(` call: never passed along, returned, spread, bound or listened on.
    const uses = [...body.matchAll(/\bipcRenderer\b(.{0,8})/g)].map((match) => match[1] ?? '');
    expect(uses).toEqual([expect.stringMatching(/^\.invoke\(/)]);
  });

  it('does not expose Node or Electron objects', () => {
    expect(preloadCode).not.toMatch(/\b(require|process|webFrame|shell|Buffer)\b/);
  });
});
