import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core.types';
import { silentLogger } from '../../../electron/core/core.types';
import { createCore } from '../../../electron/core/create-core';
import { CONTENT_SECURITY_POLICY } from '../../../electron/core/static/content-security-policy';
import { createHostServer, type HostServer } from '../../../electron/host/host-server';

const TOKEN = 'test-token-0123456789abcdefghijklmnopqrstuvwxyz';

let base: string;
let core: Core;
let host: HostServer;
let port: number;

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** Raw HTTP, so tests can send what a browser's fetch never would: `..` paths, foreign Host headers. */
function send(options: {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { host: `127.0.0.1:${port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function api(channel: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return send({
    method: 'POST',
    path: `/api/${channel}`,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function json(reply: Reply): unknown {
  return JSON.parse(reply.text);
}

beforeAll(async () => {
  base = mkdtempSync(path.join(tmpdir(), 'techstore-host-'));
  const rendererDir = path.join(base, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>TechStore</title>');
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'export {};');
  writeFileSync(path.join(base, 'secret.txt'), 'TOP SECRET outside the renderer');
  core = await createCore({ dataDir: path.join(base, 'data') });
  host = createHostServer({ core, token: TOKEN, rendererDir, log: silentLogger });
  port = await host.listen(0);
});

afterAll(async () => {
  await host.close();
  await core.close();
  rmSync(base, { recursive: true, force: true });
});

describe('browser-mode host: API', () => {
  it('answers app.status through the real core', async () => {
    const reply = await api('app.status', { session: null, input: {} });
    expect(reply.status).toBe(200);
    expect(json(reply)).toEqual({ ok: true, value: { setupRequired: true, storeName: null, terminalCode: null } });
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.headers['referrer-policy']).toBe('no-referrer');
  });

  it.each([
    ['no Authorization header', {}],
    ['a wrong token', { authorization: 'Bearer wrong-token' }],
    ['the token with one character changed', { authorization: `Bearer ${TOKEN.slice(0, -1)}X` }],
    ['the token as Basic credentials', { authorization: `Basic ${TOKEN}` }],
    ['the token without the scheme', { authorization: TOKEN }],
    ['the token with a suffix', { authorization: `Bearer ${TOKEN}0` }],
  ])('answers 401 UNAUTHORIZED to %s', async (_label, headers) => {
    const reply = await send({
      method: 'POST',
      path: '/api/app.status',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ session: null, input: {} }),
    });
    expect(reply.status).toBe(401);
    expect(json(reply)).toMatchObject({ ok: false, code: 'UNAUTHORIZED' });
  });

  it('refuses unknown channels with 404 NOT_FOUND', async () => {
    for (const channel of ['nope.nothing', 'constructor', '__proto__', 'app.status%2f..', '']) {
      const reply = await api(channel, { session: null, input: {} });
      expect(reply.status, channel).toBe(404);
      expect(json(reply)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    }
  });

  it('answers 400 VALIDATION to a body that is not JSON', async () => {
    const reply = await api('app.status', '{"session": null, "input": {');
    expect(reply.status).toBe(400);
    expect(json(reply)).toMatchObject({ ok: false, code: 'VALIDATION' });
  });

  it('maps the core’s failure codes to HTTP statuses, with the Result as the body', async () => {
    const reply = await api('setup.initialize', { session: null, input: { storeName: '' } });
    expect(reply.status).toBe(400);
    expect(json(reply)).toMatchObject({ ok: false, code: 'VALIDATION' });
  });

  it('refuses a body over the limit with 413', async () => {
    const huge = JSON.stringify({ session: null, input: { pad: 'x'.repeat(1024 * 1024 + 10) } });
    const reply = await api('app.status', huge);
    expect(reply.status).toBe(413);
    expect(json(reply)).toMatchObject({ ok: false, code: 'VALIDATION' });
  });

  it('refuses a body that is not declared as JSON (no simple cross-site form posts)', async () => {
    const reply = await api('app.status', JSON.stringify({ session: null, input: {} }), {
      'content-type': 'text/plain',
    });
    expect(reply.status).toBe(415);
  });

  it('accepts only POST on /api', async () => {
    const reply = await send({ path: '/api/app.status', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('POST');
    expect(json(reply)).toMatchObject({ ok: false });
  });
});

describe('browser-mode host: renderer files', () => {
  it('serves index.html for / with the CSP and security headers', async () => {
    const reply = await send({ path: '/' });
    expect(reply.status).toBe(200);
    expect(reply.text).toContain('<title>TechStore</title>');
    expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.headers['referrer-policy']).toBe('no-referrer');
  });

  it('serves assets with their type', async () => {
    const reply = await send({ path: '/assets/app.js' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/%252e%252e/secret.txt',
    '/index.html%00.js',
    '//secret.txt',
    '/%2Fetc%2Fpasswd',
    'http://evil.example/secret.txt',
  ])('refuses the traversal attempt %s', async (attempt) => {
    const reply = await send({ path: attempt });
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.text).not.toContain('TOP SECRET');
  });

  it('accepts only GET and HEAD for files', async () => {
    expect((await send({ method: 'PUT', path: '/index.html', body: 'x' })).status).toBe(405);
    expect((await send({ method: 'HEAD', path: '/index.html' })).status).toBe(200);
  });
});

describe('browser-mode host: network exposure', () => {
  it('listens on 127.0.0.1 only', async () => {
    const address = host.server.address();
    expect(address).toMatchObject({ address: '127.0.0.1', family: 'IPv4', port });
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((entry) => entry !== undefined && entry.family === 'IPv4' && !entry.internal)
      .map((entry) => entry?.address ?? '');
    for (const other of [...others, '::1']) {
      const reached = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: other, port }, () => {
          socket.destroy();
          resolve(true);
        });
        socket.on('error', () => resolve(false));
      });
      expect(reached, `reachable on ${other}`).toBe(false);
    }
  });

  it.each([
    ['a rebinding attacker’s name', (p: number) => `evil.example:${p}`],
    ['our address on another port', (p: number) => `127.0.0.1:${p + 1}`],
    ['our address without a port', () => '127.0.0.1'],
    ['a LAN name', (p: number) => `pos-terminal.local:${p}`],
    ['localhost as a suffix', (p: number) => `localhost.evil.example:${p}`],
  ])('refuses a request whose Host is %s', async (_label, hostOf) => {
    const forApi = await api('app.status', { session: null, input: {} }, { host: hostOf(port) });
    expect(forApi.status).toBe(403);
    expect(json(forApi)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const forPage = await send({ path: '/', headers: { host: hostOf(port) } });
    expect(forPage.status).toBe(403);
    expect(forPage.text).not.toContain('<title>');
  });

  it('accepts localhost:<port> as well as 127.0.0.1:<port>', async () => {
    const reply = await api('app.status', { session: null, input: {} }, { host: `localhost:${port}` });
    expect(reply.status).toBe(200);
  });
});
