import { readFile, stat } from 'node:fs/promises';
import type { Logger } from '../core/core.types';
import { RENDERER_SECURITY_HEADERS } from '../core/static/content-security-policy';
import { contentTypeOf } from '../core/static/content-type';
import { resolveRendererAsset } from '../core/static/renderer-asset';

function refusal(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...RENDERER_SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/**
 * The answer of the `app://` protocol to one request: a file of the built renderer with the security headers
 * (the CSP as a header too), or a plain refusal. Free of Electron, so it is tested without the binary.
 */
export async function respondWithRendererAsset(
  rendererDir: string,
  method: string,
  url: string,
  log: Logger,
): Promise<Response> {
  if (method !== 'GET' && method !== 'HEAD') return refusal(405, 'method not allowed');
  const file = resolveRendererAsset(rendererDir, url);
  if (file === null) {
    log.warn('refused app:// request', { url });
    return refusal(404, 'not found');
  }
  try {
    const info = await stat(file);
    if (!info.isFile()) return refusal(404, 'not found');
    const body = method === 'HEAD' ? null : new Uint8Array(await readFile(file));
    return new Response(body, {
      status: 200,
      headers: { ...RENDERER_SECURITY_HEADERS, 'Content-Type': contentTypeOf(file), 'Cache-Control': 'no-cache' },
    });
  } catch {
    return refusal(404, 'not found');
  }
}
