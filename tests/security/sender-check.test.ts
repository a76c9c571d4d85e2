import { describe, expect, it } from 'vitest';
import { isAllowedNavigation } from '../../electron/main/navigation-policy';
import { isTrustedSender } from '../../electron/main/sender-check';

describe('isTrustedSender', () => {
  it.each([
    'app://renderer/index.html',
    'app://renderer/',
    'app://renderer/index.html#/pos',
    'app://renderer/index.html?x=1',
  ])('accepts the main frame of our origin: %s', (url) => {
    expect(isTrustedSender(url, true)).toBe(true);
  });

  it('refuses a subframe even of our own origin', () => {
    expect(isTrustedSender('app://renderer/index.html', false)).toBe(false);
  });

  it.each([
    ['a frame that is gone', undefined],
    ['an empty URL', ''],
    ['file://', 'file:///work/main/dist/renderer/index.html'],
    ['loopback http', 'http://127.0.0.1:5173/'],
    ['localhost http', 'http://localhost/'],
    ['https', 'https://renderer/'],
    ['a foreign site', 'https://evil.example/'],
    ['devtools', 'devtools://devtools/bundled/devtools_app.html'],
    ['chrome internals', 'chrome://gpu'],
    ['about:blank', 'about:blank'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['javascript:', 'javascript:alert(1)'],
    ['blob: of our origin', 'blob:app://renderer/8a3c'],
    ['a longer host', 'app://renderer.evil.example/'],
    ['a host with our name as prefix', 'app://rendererx/'],
    ['our host as a subdomain', 'app://evil.renderer/'],
    ['credentials before the host', 'app://renderer@evil/'],
    ['userinfo that spells our host', 'app://user:pass@renderer/'],
    ['a port', 'app://renderer:8080/'],
    ['no authority', 'app:renderer/index.html'],
    ['an empty authority', 'app:///renderer/index.html'],
    ['another scheme named like ours', 'apps://renderer/'],
    ['our origin inside a query', 'https://evil.example/?app://renderer/'],
    ['not a URL', 'renderer'],
  ])('refuses %s', (_label, url) => {
    expect(isTrustedSender(url, true)).toBe(false);
    expect(isTrustedSender(url, false)).toBe(false);
  });
});

describe('isAllowedNavigation', () => {
  it('stays within our origin', () => {
    expect(isAllowedNavigation('app://renderer/index.html#/sales')).toBe(true);
  });

  it.each([
    'https://www.mercadolibre.com.ar/',
    'http://127.0.0.1:8080/',
    'file:///etc/passwd',
    'app://renderer.evil/',
    'javascript:alert(1)',
    'devtools://devtools/',
  ])('refuses %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(false);
  });
});
