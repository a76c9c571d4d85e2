/**
 * Bundles the crash-test child (crash-sale-child.ts and the core under it) into one CommonJS file, the way
 * build/build-electron.ts bundles the core for the app. Loading the core through tsx costs about two seconds of
 * CPU per process, and the crash test starts dozens of processes; the bundle starts in a fraction of that, and it
 * is the shape the code actually runs in on a terminal.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD_ENTRY = fileURLToPath(new URL('./crash-sale-child.ts', import.meta.url));
const NODE_BUILTINS = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

/** The native module stays a run-time require, found through NODE_PATH since the bundle lives outside the repo. */
export const CHILD_NODE_PATH = path.join(REPO_ROOT, 'node_modules');

export async function bundleCrashChild(outDir: string): Promise<string> {
  await build({
    configFile: false,
    root: REPO_ROOT,
    logLevel: 'warn',
    publicDir: false,
    build: {
      ssr: CHILD_ENTRY,
      outDir,
      emptyOutDir: false,
      target: 'node20',
      minify: false,
      sourcemap: false,
      rolldownOptions: {
        external: ['better-sqlite3', ...NODE_BUILTINS],
        output: { format: 'cjs', entryFileNames: 'crash-sale-child.cjs', codeSplitting: false },
      },
    },
    ssr: { noExternal: true, external: ['better-sqlite3'], target: 'node' },
  });
  return path.join(outDir, 'crash-sale-child.cjs');
}
