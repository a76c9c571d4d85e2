import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core, Logger } from '../../electron/core/core.types';
import { createCore } from '../../electron/core/create-core';
import { dispatchIpcCall } from '../../electron/main/ipc-dispatch';

const warnings: unknown[][] = [];
const log: Logger = { debug() {}, info() {}, warn: (...args) => warnings.push(args), error() {} };
const envelope = { session: null, input: {} };

let dataDir: string;
let core: Core;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'techstore-ipc-'));
  core = await createCore({ dataDir });
});

afterAll(async () => {
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('dispatchIpcCall', () => {
  it('passes a call from our main frame to the core', async () => {
    const result = await dispatchIpcCall(
      core,
      log,
      'app.status',
      { frameUrl: 'app://renderer/index.html', isMainFrame: true },
      envelope,
    );
    expect(result).toEqual({ ok: true, value: expect.objectContaining({ setupRequired: true }) });
  });

  it.each([
    ['a subframe', { frameUrl: 'app://renderer/index.html', isMainFrame: false }],
    ['a destroyed frame', { frameUrl: undefined, isMainFrame: true }],
    ['a foreign page', { frameUrl: 'https://evil.example/', isMainFrame: true }],
    ['a file:// page', { frameUrl: 'file:///tmp/x.html', isMainFrame: true }],
  ])('answers FORBIDDEN to %s, logs it, and never reaches the core', async (_label, source) => {
    const calls: string[] = [];
    const spy = {
      call: (channel: string, body: unknown) => {
        calls.push(channel);
        return core.call(channel, body);
      },
    };
    warnings.length = 0;
    const result = await dispatchIpcCall(spy, log, 'setup.initialize', source, envelope);
    expect(result).toEqual({ ok: false, code: 'FORBIDDEN', message: expect.any(String) });
    expect(calls).toEqual([]);
    expect(warnings).toHaveLength(1);
  });
});
