import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, MAX_DRAINED_BYTES } from '../../../electron/host/host-server';
import { type HostProcess, startHost } from '../../support/host-process';

const TRIES = 120;

// The host runs in its own process, as in use: with client and server on one event loop the race that resets the
// connection under the 413 (the host closing while the client still writes) never shows.
let dataDir: string;
let host: HostProcess;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'techstore-host-limit-'));
  host = await startHost({ dataDir });
});

afterAll(async () => {
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

type Outcome = { kind: 'answer'; status: number; text: string } | { kind: 'error'; code: string };

function headers(): Record<string, string> {
  return {
    host: `127.0.0.1:${host.port}`,
    'content-type': 'application/json',
    authorization: `Bearer ${host.token}`,
  };
}

/** One POST with a plain Node client on a fresh connection, as a script or a broken client would send it. */
function post(body: Buffer): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: host.port,
        method: 'POST',
        path: '/api/app.status',
        agent: new Agent({ keepAlive: false }),
        headers: headers(),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ kind: 'answer', status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', (error: NodeJS.ErrnoException) => resolve({ kind: 'error', code: error.code ?? 'ERROR' }));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ kind: 'error', code: error.code ?? 'ERROR' }));
    req.end(body);
  });
}

function envelopeOf(bytes: number): Buffer {
  const prefix = '{"session":null,"input":{},"pad":"';
  const suffix = '"}';
  return Buffer.from(prefix + 'x'.repeat(bytes - prefix.length - suffix.length) + suffix);
}

describe('browser-mode host: a body over the limit', () => {
  it.each([
    ['1.5 MiB', 1.5 * 1024 * 1024],
    ['4 MiB', 4 * 1024 * 1024],
  ])(
    `answers every one of ${TRIES} tries of %s with 413 and the JSON error, never a reset`,
    async (_label, bytes) => {
      const body = envelopeOf(bytes);
      const tally: Record<string, number> = {};
      const bodies = new Set<string>();
      for (let i = 0; i < TRIES; i += 1) {
        const outcome = await post(body);
        const key = outcome.kind === 'answer' ? String(outcome.status) : outcome.code;
        tally[key] = (tally[key] ?? 0) + 1;
        if (outcome.kind === 'answer') bodies.add(outcome.text);
      }
      expect(tally).toEqual({ '413': TRIES });
      expect([...bodies].map((text) => JSON.parse(text))).toEqual([
        { ok: false, code: 'VALIDATION', message: `the request body is over ${MAX_BODY_BYTES} bytes` },
      ]);
    },
    180_000,
  );

  it('reads a body just under the limit', async () => {
    const outcome = await post(envelopeOf(MAX_BODY_BYTES - 16));
    expect(outcome.kind).toBe('answer');
    expect(outcome).not.toMatchObject({ status: 413 });
    expect(outcome.kind === 'answer' && JSON.parse(outcome.text)).toHaveProperty('ok');
  });

  it('answers a declared length past the drain bound at once, without waiting for the body', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: host.port }, () => {
        const lines = Object.entries({ ...headers(), 'content-length': String(1024 * 1024 * 1024) }).map(
          ([name, value]) => `${name}: ${value}`,
        );
        socket.write(['POST /api/app.status HTTP/1.1', ...lines, '', ''].join('\r\n'));
      });
      let received = '';
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`no answer within 5 s; got ${JSON.stringify(received)}`));
      }, 5_000);
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        received += chunk;
      });
      socket.on('close', () => {
        clearTimeout(timer);
        resolve(received);
      });
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toContain('"code":"VALIDATION"');
  });

  it('stops reading an undeclared (chunked) body past the drain bound', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 0x78);
    const sent = await new Promise<number>((resolve) => {
      let written = 0;
      let done = false;
      const finish = () => {
        done = true;
        resolve(written);
      };
      const req = httpRequest(
        { host: '127.0.0.1', port: host.port, method: 'POST', path: '/api/app.status', headers: headers() },
        (res) => {
          res.resume();
          finish();
        },
      );
      req.on('error', finish);
      const pump = () => {
        // Up to 256 MiB; a host that read it all would let every byte through.
        while (!done && written < 256 * 1024 * 1024) {
          written += chunk.length;
          if (!req.write(chunk)) {
            req.once('drain', pump);
            return;
          }
        }
        if (!done) req.end();
      };
      pump();
    });
    // The drain bound plus what the kernel's socket buffers hold on loopback.
    expect(sent).toBeLessThan(MAX_DRAINED_BYTES + 32 * 1024 * 1024);
  }, 60_000);
});
