/**
 * Bundles the Electron shell with Vite's build API into `dist-electron/`:
 * - `main.cjs`: the main process and the core, with `electron`, `better-sqlite3` (native) and Node's builtins
 *   left as run-time requires;
 * - `preload.cjs`: one CommonJS file for a sandboxed preload, whose only require is `electron`;
 * - `sync-worker.cjs`: the sync worker thread's entry (its own SQLite connection and pg client), found by the
 *   core next to `main.cjs`.
 * Needs no Electron binary: `electron` is never loaded here, only named as external.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type InlineConfig, type Plugin } from 'vite';
import { CHANNEL_NAMES } from '../shared/contract/index';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = path.join(root, 'dist-electron');
const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

/** The preload needs the channel names only; this keeps zod and every schema out of the sandboxed bundle. */
function channelListAsLiteral(): Plugin {
  const channelList = path.join(root, 'electron', 'preload', 'channel-list.ts');
  return {
    name: 'techstore-channel-list-literal',
    enforce: 'pre',
    load(id) {
      if (path.normalize(id.split('?', 1)[0] ?? id) !== channelList) return null;
      return `export const CHANNEL_NAMES = ${JSON.stringify(CHANNEL_NAMES)};\n`;
    },
  };
}

const shared: InlineConfig = {
  configFile: false,
  root,
  logLevel: 'warn',
  publicDir: false,
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
};

/** A Node-side bundle: everything inlined but Electron, the native SQLite module and Node's builtins. */
function nodeBundle(entry: string, fileName: string): InlineConfig {
  return {
    ...shared,
    build: {
      ssr: entry,
      outDir,
      emptyOutDir: false,
      target: 'node22',
      minify: false,
      sourcemap: false,
      rolldownOptions: {
        external: ['electron', 'better-sqlite3', ...nodeBuiltins],
        output: { format: 'cjs', entryFileNames: fileName, codeSplitting: false },
      },
    },
    ssr: { noExternal: true, external: ['electron', 'better-sqlite3'], target: 'node' },
  };
}

const mainConfig = nodeBundle(path.join(root, 'electron', 'main', 'main.ts'), 'main.cjs');
const syncWorkerConfig = nodeBundle(path.join(root, 'electron', 'core', 'sync', 'sync-worker.ts'), 'sync-worker.cjs');

const preloadConfig: InlineConfig = {
  ...shared,
  plugins: [channelListAsLiteral()],
  build: {
    lib: {
      entry: path.join(root, 'electron', 'preload', 'preload.ts'),
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    outDir,
    emptyOutDir: false,
    target: 'chrome140',
    minify: false,
    sourcemap: false,
    rolldownOptions: { external: ['electron'], output: { codeSplitting: false } },
  },
};

async function main(): Promise<void> {
  await build(mainConfig);
  await build(syncWorkerConfig);
  await build(preloadConfig);
  process.stdout.write(
    `Electron shell bundled into ${path.relative(root, outDir)}/ (main.cjs, sync-worker.cjs, preload.cjs)\n`,
  );
}

await main();
