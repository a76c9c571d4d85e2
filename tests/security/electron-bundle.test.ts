import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const distElectron = fileURLToPath(new URL('../../dist-electron/', import.meta.url));

function bundle(name: string): string {
  const file = `${distElectron}${name}`;
  if (!existsSync(file)) {
    throw new Error(`dist-electron/${name} is missing: run \`npm run build:electron\` (npm test builds it first).`);
  }
  return readFileSync(file, 'utf8');
}

function requiresOf(code: string): string[] {
  return [...new Set([...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1] ?? ''))].sort();
}

describe('the bundled Electron shell', () => {
  it('has a sandbox-ready preload: one CommonJS file whose only require is electron', () => {
    const preload = bundle('preload.cjs');
    expect(requiresOf(preload)).toEqual(['electron']);
    expect(preload).not.toMatch(/\bimport\s*\(|^\s*import\s|^\s*export\s/m);
    // The channel names are inlined; zod and the schemas stay out of the renderer's process.
    expect(preload).toContain('"app.status"');
    expect(preload).not.toMatch(/zod|ZodType/);
  });

  it('keeps only electron, better-sqlite3 and Node builtins external in main', () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
    const external = requiresOf(bundle('main.cjs')).filter((name) => !builtins.has(name));
    expect(external).toEqual(['better-sqlite3', 'electron']);
  });

  it('bundles the sync worker beside main, needing only better-sqlite3 and Node builtins', () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
    const external = requiresOf(bundle('sync-worker.cjs')).filter((name) => !builtins.has(name));
    expect(external).toEqual(['better-sqlite3']);
  });
});
