/**
 * `npm start`: builds what is missing, then runs the Electron shell when its binary is installed, or browser
 * mode (the same core and renderer over HTTP on 127.0.0.1) when it is not. Never loads `electron` itself:
 * on machines where the binary cannot be downloaded, that require would fail.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function say(line) {
  process.stdout.write(`${line}\n`);
}

/**
 * The Electron executable the way the `electron` package itself finds it (path.txt, or a dist folder named by
 * ELECTRON_OVERRIDE_DIST_PATH), but only if it exists: the package would try to download it otherwise.
 */
function electronBinary() {
  const electronDir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  let binary = null;
  if (override) binary = path.join(override, relative || 'electron');
  else if (relative !== '') binary = path.join(electronDir, 'dist', relative);
  return binary !== null && existsSync(binary) ? binary : null;
}

function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: process.env, ...options });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1));
    });
  });
}

async function main() {
  const binary = electronBinary();
  const needed = [path.join(root, 'dist', 'renderer', 'index.html')];
  if (binary !== null) needed.push(path.join(root, 'dist-electron', 'main.cjs'));
  if (needed.some((file) => !existsSync(file))) {
    say('Building the app first (npm run build)...');
    const built = await run(npm, ['run', 'build'], { shell: process.platform === 'win32' });
    if (built !== 0) return built;
  }
  if (binary !== null) return run(binary, ['.']);
  say('Electron is not available on this machine; starting browser mode.');
  return run(process.execPath, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'electron/host/main.ts']);
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`npm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
