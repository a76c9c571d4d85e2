import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveRendererAsset } from '../../electron/core/static/renderer-asset';

const root = path.resolve('/srv/techstore/dist/renderer');

describe('resolveRendererAsset', () => {
  it.each([
    ['/', 'index.html'],
    ['/index.html', 'index.html'],
    ['/assets/index-3f2a9c.js', 'assets/index-3f2a9c.js'],
    ['/assets/index-3f2a9c.js?v=1#x', 'assets/index-3f2a9c.js'],
    ['app://renderer/', 'index.html'],
    ['app://renderer/index.html', 'index.html'],
    ['app://renderer/assets/logo.svg', 'assets/logo.svg'],
    ['app://renderer/assets/%61pp.css', 'assets/app.css'],
  ])('serves %s from inside the root', (url, relative) => {
    expect(resolveRendererAsset(root, url)).toBe(path.join(root, relative));
  });

  it.each([
    ['parent segment', '/../../etc/passwd'],
    ['parent segment inside', '/assets/../../secret'],
    ['parent segment at the end', '/assets/..'],
    ['current segment', '/./index.html'],
    ['encoded dots', '/%2e%2e/%2e%2e/etc/passwd'],
    ['upper-case encoded dots', '/%2E%2E/secret'],
    ['mixed encoding', '/.%2e/secret'],
    ['encoded slash', '/..%2f..%2fetc%2fpasswd'],
    ['double encoding', '/%252e%252e/secret'],
    ['backslash', '/..\\..\\windows\\win.ini'],
    ['encoded backslash', '/..%5c..%5csecret'],
    ['NUL', '/index.html\0.png'],
    ['encoded NUL', '/index.html%00.png'],
    ['absolute path via empty segment', '//etc/passwd'],
    ['encoded absolute path', '/%2fetc/passwd'],
    ['Windows drive', '/C:/Windows/win.ini'],
    ['encoded drive', '/C%3a/Windows'],
    ['alternate data stream', '/index.html::$DATA'],
    ['dot-file', '/.env'],
    ['dot-folder', '/.git/config'],
    ['trailing slash on a folder', '/assets/'],
    ['malformed escape', '/%E0%A4%A'],
    ['not a path', 'index.html'],
    ['another scheme', 'file:///etc/passwd'],
    ['http URL', 'http://127.0.0.1/index.html'],
    ['another host', 'app://evil/index.html'],
    ['a longer host', 'app://renderer.evil/index.html'],
    ['credentials', 'app://x@renderer/index.html'],
    ['a port', 'app://renderer:1/index.html'],
    ['our host with traversal', 'app://renderer/../../etc/passwd'],
    ['our host with encoded traversal', 'app://renderer/%2e%2e/%2e%2e/etc/passwd'],
    ['empty', ''],
  ])('refuses %s: %s', (_label, url) => {
    expect(resolveRendererAsset(root, url)).toBeNull();
  });

  it('never answers a path outside the root, whatever the input', () => {
    const attempts = ['/a/../..', '/assets/%2e%2e%2f%2e%2e', '/assets/..%2F..', `/${'../'.repeat(20)}etc/passwd`];
    for (const attempt of attempts) {
      const resolved = resolveRendererAsset(root, attempt);
      if (resolved !== null) expect(resolved.startsWith(root + path.sep)).toBe(true);
    }
  });
});
