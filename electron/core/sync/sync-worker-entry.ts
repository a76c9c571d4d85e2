import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { WorkerOptions } from 'node:worker_threads';

/** How to start the sync worker: what `new Worker(specifier, options)` gets. */
export interface SyncWorkerEntry {
  specifier: string | URL;
  options: WorkerOptions;
}

/** The bundled worker's file name, next to the bundle that holds the core (dist-electron/). */
export const BUNDLED_WORKER_FILE = 'sync-worker.cjs';

/** This module's own file: a `.ts` source under tsx or vitest, or the `.cjs` bundle it was built into. */
function thisModuleFile(): string {
  // A CommonJS bundle has __filename; ES modules (tsx, vitest) have import.meta.url.
  return typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
}

/**
 * Source: `sync-worker.ts` beside this file, loaded through tsx's API. Node 20 does not apply `--import tsx` in
 * a worker's execArgv, so the worker starts from a two-line ES module that registers tsx for itself. Bundled:
 * `sync-worker.cjs` beside the bundle.
 */
export function resolveSyncWorkerEntry(moduleFile: string = thisModuleFile()): SyncWorkerEntry {
  const dir = path.dirname(moduleFile);
  if (moduleFile.endsWith('.ts')) {
    const entry = pathToFileURL(path.join(dir, 'sync-worker.ts')).href;
    // require.resolve picks tsx's CommonJS build of esm/api; its ES build sits beside it (package exports).
    const tsxApi = createRequire(moduleFile)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs');
    const bootstrap = [
      `import { tsImport } from ${JSON.stringify(pathToFileURL(tsxApi).href)};`,
      `await tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)});`,
    ].join('\n');
    return { specifier: new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), options: {} };
  }
  const bundled = path.join(dir, BUNDLED_WORKER_FILE);
  if (!existsSync(bundled)) throw new Error(`the sync worker bundle is missing: ${bundled}`);
  return { specifier: bundled, options: {} };
}
