import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { HTTP_STATUS_OF_CODE } from '../../shared/contract/bridge';
import { isChannelName } from '../../shared/contract/index';
import type { ErrorCode, Failure, Result } from '../../shared/errors';
import type { Core, Logger } from '../core/core.types';
import { RENDERER_SECURITY_HEADERS } from '../core/static/content-security-policy';
import { contentTypeOf } from '../core/static/content-type';
import { resolveRendererAsset } from '../core/static/renderer-asset';
import { apiChannelOf, bearerTokenMatches, isAllowedHost, LOOPBACK_ADDRESS } from './request-guards';

export const MAX_BODY_BYTES = 1024 * 1024;
/**
 * How much of an oversized body is read and dropped before the 413 goes out. Closing a socket the client is still
 * writing to resets the connection, and the client may lose the answer; past this bound a reset is acceptable.
 */
export const MAX_DRAINED_BYTES = 8 * MAX_BODY_BYTES;

export interface HostServerOptions {
  core: Pick<Core, 'call'>;
  /** The per-start secret every API call must present as `Authorization: Bearer <token>`. */
  token: string;
  /** The built renderer, `dist/renderer`. */
  rendererDir: string;
  log: Logger;
  maxBodyBytes?: number;
  maxDrainedBytes?: number;
}

export interface HostServer {
  /** Binds 127.0.0.1 only; port 0 picks a free one. Resolves with the bound port. */
  listen(port: number): Promise<number>;
  close(): Promise<void>;
  readonly server: Server;
}

type ExtraHeaders = Record<string, string | number>;

function failure(code: ErrorCode, message: string): Failure {
  return { ok: false, code, message };
}

function sendResult(res: ServerResponse, status: number, result: Result<unknown>, extra: ExtraHeaders = {}): void {
  const body = JSON.stringify(result);
  res.writeHead(status, {
    ...RENDERER_SECURITY_HEADERS,
    'Cache-Control': 'no-store',
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    ...extra,
  });
  res.end(body);
}

function sendText(res: ServerResponse, status: number, text: string, extra: ExtraHeaders = {}): void {
  res.writeHead(status, {
    ...RENDERER_SECURITY_HEADERS,
    'Cache-Control': 'no-store',
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...extra,
  });
  res.end(text);
}

/**
 * The body; or 'too-large' once a body over `limit` has been read to its end and dropped (never buffered); or
 * 'endless' as soon as it passes `drainLimit`, when reading stops.
 */
function readBody(req: IncomingMessage, limit: number, drainLimit: number): Promise<Buffer | 'too-large' | 'endless'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > drainLimit) {
        req.pause();
        resolve('endless');
      } else if (size > limit) {
        chunks.length = 0;
      } else {
        chunks.push(chunk);
      }
    });
    req.on('end', () => resolve(size > limit ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function isJsonContentType(value: string | undefined): boolean {
  return typeof value === 'string' && value.split(';', 1)[0]?.trim().toLowerCase() === 'application/json';
}

/**
 * Browser mode over HTTP: `POST /api/<channel>` runs the same core the Electron shell binds over IPC, and GET
 * serves the built renderer through the same path guard as `app://`. Loopback only, per-start bearer token,
 * Host header checked against DNS rebinding; every answer to an API call is a Result.
 */
export function createHostServer(options: HostServerOptions): HostServer {
  const { core, token, rendererDir, log } = options;
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const maxDrainedBytes = Math.max(options.maxDrainedBytes ?? MAX_DRAINED_BYTES, maxBodyBytes);
  if (token.length < 32) throw new Error('the host token must be at least 32 characters');

  const boundPort = (): number => {
    const address = server.address();
    return address !== null && typeof address === 'object' ? address.port : 0;
  };

  async function handleApi(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'POST') {
      sendResult(res, 405, failure('VALIDATION', 'use POST for API calls'), { Allow: 'POST' });
      return;
    }
    if (!bearerTokenMatches(req.headers.authorization, token)) {
      log.warn('refused API call without a valid token', { path: pathname });
      sendResult(res, HTTP_STATUS_OF_CODE.UNAUTHORIZED, failure('UNAUTHORIZED', 'missing or wrong host token'), {
        'WWW-Authenticate': 'Bearer',
      });
      return;
    }
    const channel = apiChannelOf(pathname);
    if (channel === null || !isChannelName(channel)) {
      sendResult(res, HTTP_STATUS_OF_CODE.NOT_FOUND, failure('NOT_FOUND', 'no such channel'));
      return;
    }
    if (!isJsonContentType(req.headers['content-type'])) {
      sendResult(res, 415, failure('VALIDATION', 'send the envelope as application/json'));
      return;
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    const body = declared > maxDrainedBytes ? 'endless' : await readBody(req, maxBodyBytes, maxDrainedBytes);
    if (body === 'too-large' || body === 'endless') {
      // A body up to the drain bound has been read to its end, so closing now cannot reset the connection under
      // the answer; a longer one is cut off here, and the client may see a reset instead.
      sendResult(res, 413, failure('VALIDATION', `the request body is over ${maxBodyBytes} bytes`), {
        Connection: 'close',
      });
      return;
    }
    let envelope: unknown;
    try {
      envelope = JSON.parse(body.toString('utf8'));
    } catch {
      sendResult(res, HTTP_STATUS_OF_CODE.VALIDATION, failure('VALIDATION', 'the request body is not valid JSON'));
      return;
    }
    const result = await core.call(channel, envelope);
    sendResult(res, result.ok ? 200 : HTTP_STATUS_OF_CODE[result.code], result);
  }

  async function serveAsset(req: IncomingMessage, res: ServerResponse, url: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'method not allowed', { Allow: 'GET, HEAD' });
      return;
    }
    const file = resolveRendererAsset(rendererDir, url);
    if (file === null) {
      log.warn('refused a renderer request', { url });
      sendText(res, 404, 'not found');
      return;
    }
    const info = await stat(file).catch(() => null);
    if (info === null || !info.isFile()) {
      sendText(res, 404, 'not found');
      return;
    }
    const content = await readFile(file);
    res.writeHead(200, {
      ...RENDERER_SECURITY_HEADERS,
      'Cache-Control': 'no-cache',
      'Content-Type': contentTypeOf(file),
      'Content-Length': content.length,
    });
    res.end(req.method === 'HEAD' ? undefined : content);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isAllowedHost(req.headers.host, boundPort())) {
      log.warn('refused a request for another host', { host: req.headers.host ?? null });
      sendResult(res, HTTP_STATUS_OF_CODE.FORBIDDEN, failure('FORBIDDEN', 'unexpected Host header'));
      return;
    }
    const url = req.url ?? '/';
    const pathname = url.split(/[?#]/, 1)[0] ?? '';
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      await handleApi(req, res, pathname);
      return;
    }
    await serveAsset(req, res, url);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error('request failed', error);
      if (!res.headersSent) sendResult(res, 500, failure('INTERNAL', 'internal error'));
      else res.destroy();
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;

  return {
    server,
    listen(port) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen({ host: LOOPBACK_ADDRESS, port, exclusive: true }, () => {
          server.off('error', reject);
          resolve(boundPort());
        });
      });
    },
    close() {
      return new Promise((resolve, reject) => {
        if (!server.listening) {
          resolve();
          return;
        }
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
