/**
 * The "may import" column of docs/ARCHITECTURE.md and points 1-2 of STYLE.md as data and one pure function, so
 * the test can run it over the real tree and over a table of made-up violations alike.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';
import type { ImportRef } from './import-scan';

export const LAYERS = [
  'shared',
  'db',
  'electron/core',
  'electron/main',
  'electron/preload',
  'electron/host',
  'renderer',
] as const;
export type Layer = (typeof LAYERS)[number];

/** Every layer may import itself. main and preload are separate bundles (Node vs sandbox) and import neither. */
export const MAY_IMPORT: Record<Layer, readonly Layer[]> = {
  shared: ['shared'],
  db: ['db', 'shared'],
  'electron/core': ['electron/core', 'db', 'shared'],
  'electron/main': ['electron/main', 'electron/core', 'shared'],
  'electron/preload': ['electron/preload', 'electron/core', 'shared'],
  'electron/host': ['electron/host', 'electron/core', 'shared'],
  renderer: ['renderer', 'shared'],
};

/** Layers that run where Node is absent (the renderer) or must stay portable to anywhere (shared). */
const NO_NODE: readonly Layer[] = ['shared', 'renderer'];
/** Layers that may not name Electron at all, not even its types. */
const NO_ELECTRON_EVEN_TYPES: readonly Layer[] = ['shared', 'db', 'renderer'];
/** Requiring the runtime `electron` module needs its binary, which only the real shell has. */
const ELECTRON_AT_RUN_TIME: readonly Layer[] = ['electron/main', 'electron/preload'];

export function layerOf(file: string): Layer | null {
  const [top, second] = file.split('/');
  if (top === 'shared' || top === 'db' || top === 'renderer') return top;
  if (top === 'electron') {
    const layer = `electron/${second}`;
    return LAYERS.find((l) => l === layer) ?? null;
  }
  return null;
}

function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtinModules.includes(specifier) || specifier === 'node';
}

/**
 * `electron` and its subpaths, and electron-log's Electron entry points, which require `electron` themselves.
 * (`electron-log/node` does not and is fine anywhere Node is.)
 */
function loadsElectron(specifier: string): boolean {
  if (specifier === 'electron' || specifier.startsWith('electron/')) return true;
  return specifier === 'electron-log' || (specifier.startsWith('electron-log/') && specifier !== 'electron-log/node');
}

/** Where a relative specifier lands: a layer, or the top-level folder or file it reaches outside of them. */
function targetOf(file: string, specifier: string): { layer: Layer | null; path: string } {
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
  return { layer: layerOf(target), path: target };
}

/** Null when the import is allowed; otherwise `file: imports X (rule)`. */
export function checkImport(file: string, ref: ImportRef): string | null {
  const layer = layerOf(file);
  const violation = (rule: string) => `${file}:${ref.line}: imports ${ref.specifier ?? '<computed>'} (${rule})`;
  if (!layer) return violation('the file is in no layer of the ARCHITECTURE.md table; add its folder there first');
  const specifier = ref.specifier;
  if (specifier === null) return violation('a computed import() cannot be checked; import a literal path');

  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const target = targetOf(file, specifier);
    if (specifier.startsWith('/') || target.path.startsWith('..')) {
      return violation('reaches outside the repository');
    }
    if (!target.layer)
      return violation(`${target.path.split('/')[0]} is no layer; ${layer} may import ${MAY_IMPORT[layer].join(', ')}`);
    if (!MAY_IMPORT[layer].includes(target.layer)) {
      return violation(`${layer} may import ${MAY_IMPORT[layer].join(', ')}, not ${target.layer}`);
    }
    return null;
  }

  if (isNodeBuiltin(specifier) && NO_NODE.includes(layer)) return violation(`${layer} uses no Node built-in`);
  if (loadsElectron(specifier)) {
    if (NO_ELECTRON_EVEN_TYPES.includes(layer)) return violation(`${layer} knows nothing of Electron`);
    if (!ref.typeOnly && !ELECTRON_AT_RUN_TIME.includes(layer)) {
      return violation('only electron/main and electron/preload load Electron at run time; use import type');
    }
  }
  return null;
}
