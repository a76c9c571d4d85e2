/**
 * ARCHITECTURE.md: "A test in tests/ enforces the 'may import' column, so the house cannot drift." This is it,
 * plus STYLE.md points 1-2: no Node built-ins in shared/ or renderer/, and Electron loaded at run time only by
 * electron/main and electron/preload. The checker is first shown to catch each kind of violation, so a green
 * run cannot mean it looked at nothing.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkImport, LAYERS, type Layer, layerOf } from './import-rules';
import { type ImportRef, listSourceFiles, parseImports, readImports } from './import-scan';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const FOLDERS = ['shared', 'db', 'electron', 'renderer'] as const;

const ref = (specifier: string, typeOnly = false): ImportRef => ({ specifier, typeOnly, line: 1 });

describe('the import checker', () => {
  // [importing file, specifier, type only, a word the violation must contain or null when allowed]
  const cases: [string, string, boolean, string | null][] = [
    ['shared/money.ts', './tax', false, null],
    ['shared/contract/index.ts', '../errors', false, null],
    ['shared/money.ts', 'zod', false, null],
    ['shared/ids.ts', '../db/local/local-schema', true, 'shared may import shared, not db'],
    ['shared/ids.ts', '../electron/core/core.types', false, 'not electron/core'],
    ['shared/ids.ts', '../renderer/app/app-shell', false, 'not renderer'],
    ['shared/ids.ts', 'node:crypto', false, 'Node built-in'],
    ['shared/ids.ts', 'crypto', false, 'Node built-in'],
    ['shared/ids.ts', 'fs/promises', true, 'Node built-in'],
    ['shared/ids.ts', 'node', true, 'Node built-in'], // `/// <reference types="node" />`
    ['shared/contract/bridge.ts', 'electron', true, 'nothing of Electron'],
    ['db/local/open-local-database.ts', '../../shared/ids', false, null],
    ['db/local/open-local-database.ts', 'node:fs', false, null],
    ['db/local/open-local-database.ts', '../../electron/core/core.types', true, 'not electron/core'],
    ['db/local/open-local-database.ts', 'electron', true, 'nothing of Electron'],
    ['electron/core/create-core.ts', '../../db/local/open-local-database', false, null],
    ['electron/core/services/sales.service.ts', '../../../shared/ids', false, null],
    ['electron/core/create-core.ts', '../main/ipc', false, 'not electron/main'],
    ['electron/core/create-core.ts', '../host/host-server', false, 'not electron/host'],
    ['electron/core/create-core.ts', '../../renderer/app/app-shell', false, 'not renderer'],
    ['electron/core/create-core.ts', 'electron', false, 'use import type'],
    ['electron/core/create-core.ts', 'electron/main', false, 'use import type'],
    ['electron/core/create-core.ts', 'electron-log/main', false, 'use import type'],
    ['electron/core/create-core.ts', 'electron', true, null],
    ['electron/core/create-core.ts', 'electron-log/node', false, null],
    ['electron/main/main.ts', 'electron', false, null],
    ['electron/main/main.ts', 'electron-log/main', false, null],
    ['electron/main/main.ts', '../core/create-core', false, null],
    ['electron/main/main.ts', '../../db/local/open-local-database', false, 'not db'],
    ['electron/main/main.ts', '../preload/channel-list', false, 'not electron/preload'],
    ['electron/main/main.ts', '../host/host-server', false, 'not electron/host'],
    ['electron/preload/preload.ts', 'electron', false, null],
    ['electron/preload/preload.ts', '../main/ipc', true, 'not electron/main'],
    ['electron/host/main.ts', '../core/create-core', false, null],
    ['electron/host/main.ts', 'node:http', false, null],
    ['electron/host/main.ts', 'electron', false, 'use import type'],
    ['electron/host/main.ts', '../main/ipc', false, 'not electron/main'],
    ['electron/host/main.ts', '../../db/local/open-local-database', false, 'not db'],
    ['renderer/app/app-shell.tsx', '../../shared/contract/index', false, null],
    ['renderer/app/app-shell.tsx', 'react', false, null],
    ['renderer/app/app-shell.tsx', '../../electron/core/core.types', true, 'renderer may import renderer, shared'],
    ['renderer/app/app-shell.tsx', '../../electron/preload/techstore-api', false, 'not electron/preload'],
    ['renderer/app/app-shell.tsx', '../../db/local/local-schema', true, 'not db'],
    ['renderer/app/app-shell.tsx', 'node:path', false, 'Node built-in'],
    ['renderer/app/app-shell.tsx', 'path', false, 'Node built-in'],
    ['renderer/app/app-shell.tsx', 'electron', true, 'nothing of Electron'],
    ['renderer/app/app-shell.tsx', '../../tests/support/core-harness', false, 'tests is no layer'],
    ['renderer/app/app-shell.tsx', '../../../outside/secret', false, 'outside the repository'],
    ['electron/tools/script.ts', '../../shared/ids', false, 'in no layer'],
  ];

  it.each(cases)('%s importing %s (type only: %s)', (file, specifier, typeOnly, expected) => {
    const violation = checkImport(file, ref(specifier, typeOnly));
    if (expected === null) expect(violation).toBeNull();
    else expect(violation).toContain(expected);
  });

  it('refuses an import() whose target is computed', () => {
    expect(checkImport('renderer/app/app-shell.tsx', { specifier: null, typeOnly: false, line: 3 })).toContain(
      'computed import()',
    );
  });

  it('reads every form of import, and nothing in comments or strings', () => {
    const source = `/// <reference types="node" />
      import {
        a,
        b,
      } from './multi-line';
      import type { T } from 'electron';
      import { type U, type V } from './inline-types';
      import { type W, x } from './mixed';
      import Default from './default';
      import * as ns from './namespace';
      import './side-effect';
      export { y } from './reexport';
      export type { Z } from './reexport-type';
      export * from './star';
      // import { commented } from 'node:fs';
      /* import { blocked } from 'electron'; */
      const text = "import { quoted } from 'node:path'";
      const glob = 'src/**/*.ts';
      const later = await import('./dynamic');
      const legacy = require('./required');
      type Api = typeof import('./type-query');
      const computed = await import(someName);
      export const all = [a, b, x, Default, ns, text, glob, later, legacy];
    `;
    const seen = parseImports('shared/sample.ts', source).map((r) => [r.specifier, r.typeOnly]);
    expect(seen).toEqual(
      expect.arrayContaining([
        ['./multi-line', false],
        ['electron', true],
        ['./inline-types', true],
        ['./mixed', false],
        ['./default', false],
        ['./namespace', false],
        ['./side-effect', false],
        ['./reexport', false],
        ['./reexport-type', true],
        ['./star', false],
        ['./dynamic', false],
        ['./required', false],
        ['./type-query', true],
        [null, false],
        ['node', true],
      ]),
    );
    expect(seen).toHaveLength(15);
  });

  it('parses JSX files', () => {
    const refs = parseImports('renderer/x.tsx', "import { A } from './a';\nexport const B = () => <A label={'x'} />;");
    expect(refs.map((r) => r.specifier)).toEqual(['./a']);
  });
});

describe('the source tree', () => {
  const files = listSourceFiles(ROOT, FOLDERS);

  it('has a sensible number of files in every layer, so the rules are not checked against nothing', () => {
    const perLayer = new Map<Layer | null, number>();
    for (const file of files) perLayer.set(layerOf(file), (perLayer.get(layerOf(file)) ?? 0) + 1);
    const minimum: Record<Layer, number> = {
      shared: 10,
      db: 3,
      'electron/core': 15,
      'electron/main': 5,
      'electron/preload': 2,
      'electron/host': 2,
      renderer: 10,
    };
    for (const layer of LAYERS) expect(perLayer.get(layer) ?? 0, layer).toBeGreaterThanOrEqual(minimum[layer]);
    expect(files.some((f) => f.includes('node_modules/') || f.startsWith('dist'))).toBe(false);
  });

  it('follows the "may import" table and the Node and Electron rules', () => {
    let imports = 0;
    const violations: string[] = [];
    for (const file of files) {
      for (const found of readImports(ROOT, file)) {
        imports += 1;
        const violation = checkImport(file, found);
        if (violation) violations.push(violation);
      }
    }
    expect(imports).toBeGreaterThan(files.length);
    expect(violations).toEqual([]);
  });
});
