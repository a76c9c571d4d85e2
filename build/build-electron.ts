/**
 * Bundles the Electron shell with Vite's build API into `dist-electron/`:
 * - `main.cjs`: the main process and the core, with `electron`, `better-sqlite3` (native) and Node's builtins
 *   left as run-time requires;
 * - `preload.cjs`: one CommonJS file for a sandboxed preload, whose only require is `electron`.
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

const mainConfig: InlineConfig = {
  ...shared,
  build: {
    ssr: path.join(root, 'electron', 'main', 'main.ts'),
    outDir,
    emptyOutDir: false,
    target: 'node22',
    minify: false,
    sourcemap: false,
    rolldownOptions: {
      external: ['electron', 'better-sqlite3', ...nodeBuiltins],
      output: { format: 'cjs', entryFileNames: 'main.cjs', codeSplitting: false },
    },
  },
  ssr: { noExternal: true, external: ['electron', 'better-sqlite3'], target: 'node' },
};

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
  await build(preloadConfig);
  process.stdout.write(`Electron shell bundled into ${path.relative(root, outDir)}/ (main.cjs, preload.cjs)\n`);
}

await main();
