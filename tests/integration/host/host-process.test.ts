import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const READY = /^TechStore ready at http:\/\/127\.0\.0\.1:(\d{1,5})\/#token=([A-Za-z0-9_-]{43})\n$/;

const dataDir = mkdtempSync(path.join(tmpdir(), 'techstore-host-process-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm run host (electron/host/main.ts)', () => {
  it('prints exactly one ready line, serves, and exits 0 on SIGTERM', async () => {
    const child = spawn(tsx, [path.join(root, 'electron', 'host', 'main.ts')], {
      cwd: root,
      env: { ...process.env, TECHSTORE_PORT: '0', TECHSTORE_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    const ready = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready line within 60 s; stderr:\n${stderr}`)), 60_000);
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk;
        if (stdout.includes('\n')) {
          clearTimeout(timer);
          resolve(stdout);
        }
      });
      child.on('exit', (code) => reject(new Error(`host exited with ${code} before ready; stderr:\n${stderr}`)));
    });

    const match = READY.exec(ready);
    expect(match, `ready line was ${JSON.stringify(ready)}`).not.toBeNull();
    const [, port = '', token = ''] = match ?? [];

    // "Ready" means ready: the first request right after the line succeeds.
    const response = await fetch(`http://127.0.0.1:${port}/api/app.status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ session: null, input: {} }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, value: { setupRequired: true } });

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    // Nothing else ever went to stdout: launchers parse it.
    expect(stdout).toBe(ready);
  }, 90_000);
});
