import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Loading the electron module at run time downloads a binary on first use, which fails on the build machines; electron-log's
 * Electron entries load it too. Only the shell (electron/main, electron/preload) may load them at run time,
 * and no test may reach such a file through its imports. `import type` is erased and always allowed.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const SCANNED = ['electron', 'renderer', 'shared', 'db', 'tests', 'build'];
const SHELL = ['electron/main/', 'electron/preload/'];
const ELECTRON_RUNTIME = /^(electron(\/(main|renderer|common|utility))?|electron-log(\/(main|preload|renderer))?)$/;
const SOURCE = /\.(ts|tsx|mts|cts|mjs|cjs|js)$/;

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name.startsWith('.')) return [];
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return SOURCE.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Module specifiers a file loads at run time: value imports, re-exports, require() and import(). */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!node.importClause?.isTypeOnly) found.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!node.isTypeOnly) found.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expression = node.moduleReference.expression;
      if (!node.isTypeOnly && ts.isStringLiteral(expression)) found.push(expression.text);
    } else if (ts.isCallExpression(node)) {
      const [argument] = node.arguments;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      const isDynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      if ((isRequire || isDynamicImport) && argument && ts.isStringLiteralLike(argument)) found.push(argument.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function relative(file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

function resolveRelative(from: string, specifier: string): string | null {
  const base = path.resolve(path.dirname(from), specifier);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), base.replace(/\.js$/, '.ts')];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile()) ?? null;
}

const files = SCANNED.flatMap((dir) => sourceFiles(path.join(root, dir)));

describe('run-time Electron imports', () => {
  it('scans a real tree', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.map(relative)).toContain('electron/main/main.ts');
  });

  it('appear only in electron/main and electron/preload', () => {
    const offenders = files
      .filter((file) => !SHELL.some((prefix) => relative(file).startsWith(prefix)))
      .flatMap((file) =>
        runtimeImports(file)
          .filter((specifier) => ELECTRON_RUNTIME.test(specifier))
          .map((specifier) => `${relative(file)} loads ${specifier}`),
      )
      // This file names the modules it looks for, in strings only.
      .filter((line) => !line.startsWith('tests/security/electron-imports.test.ts'));
    expect(offenders).toEqual([]);
  });

  it('are never reached from a test through its imports', () => {
    const reaches = new Map<string, string | null>();
    const electronPath = (file: string, seen: Set<string>): string | null => {
      const known = reaches.get(file);
      if (known !== undefined) return known;
      if (seen.has(file)) return null;
      seen.add(file);
      let found: string | null = null;
      for (const specifier of runtimeImports(file)) {
        if (ELECTRON_RUNTIME.test(specifier)) {
          found = `${relative(file)} -> ${specifier}`;
        } else if (specifier.startsWith('.')) {
          const target = resolveRelative(file, specifier);
          const deeper = target === null ? null : electronPath(target, seen);
          if (deeper !== null) found = `${relative(file)} -> ${deeper}`;
        }
        if (found !== null) break;
      }
      reaches.set(file, found);
      return found;
    };
    const tests = files.filter((file) => relative(file).startsWith('tests/') && /\.test\.tsx?$/.test(file));
    expect(tests.length).toBeGreaterThan(0);
    const chains = tests.map((file) => electronPath(file, new Set())).filter((chain) => chain !== null);
    expect(chains).toEqual([]);
  });

  it('are detected by this scan (sanity check on the shell itself)', () => {
    const shellImports = runtimeImports(path.join(root, 'electron', 'main', 'main.ts'));
    expect(shellImports).toContain('electron');
    const typeOnly = runtimeImports(path.join(root, 'electron', 'main', 'window-options.ts'));
    expect(typeOnly).not.toContain('electron');
  });
});
