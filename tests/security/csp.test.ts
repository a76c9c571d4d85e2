import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/core/static/content-security-policy';

const builtIndex = fileURLToPath(new URL('../../dist/renderer/index.html', import.meta.url));

let html = '';

function directivesOf(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

function metaPolicy(): string {
  const tags = html.match(/<meta\b[^>]*>/gi) ?? [];
  const csp = tags.filter((tag) => /http-equiv\s*=\s*["']content-security-policy["']/i.test(tag));
  expect(csp, 'exactly one CSP meta tag').toHaveLength(1);
  const content = /content\s*=\s*"([^"]*)"/i.exec(csp[0] ?? '')?.[1];
  expect(content, 'the CSP meta tag has a content attribute').toBeTypeOf('string');
  return content ?? '';
}

beforeAll(() => {
  if (!existsSync(builtIndex)) {
    throw new Error(
      `dist/renderer/index.html is missing: run \`npm run build:renderer\` (npm test builds it before vitest).`,
    );
  }
  html = readFileSync(builtIndex, 'utf8');
});

describe('the built renderer index.html', () => {
  it("allows scripts from 'self' only", () => {
    const directives = directivesOf(metaPolicy());
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
  });

  it('never allows inline code or eval', () => {
    expect(metaPolicy()).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|'nonce-|'sha\d+-/);
  });

  it('lets the page talk only to its own origin', () => {
    const sources = directivesOf(metaPolicy()).get('connect-src');
    expect(sources).toEqual(["'self'"]);
  });

  it('has no inline <script> bodies, only scripts loaded from files', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes = '', body = ''] of scripts) {
      expect(attributes).toMatch(/\bsrc\s*=\s*["']\.?\/?assets\//);
      expect(body.trim()).toBe('');
    }
  });

  it('has no inline event handlers, javascript: URLs or inline styles', () => {
    expect(html).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/<style\b/i);
  });

  it('carries the same policy the app:// protocol and browser mode send as a header', () => {
    const normalize = (policy: string) => [...directivesOf(policy)].map(([name, s]) => `${name} ${s.join(' ')}`);
    expect(normalize(CONTENT_SECURITY_POLICY)).toEqual(normalize(metaPolicy()));
  });
});
