import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const RENDERER_INDEX = path.join(REPO_ROOT, 'dist', 'renderer', 'index.html');

const HOST_ENTRY = path.join(REPO_ROOT, 'electron', 'host', 'main.ts');
const READY_LINE = /^TechStore ready at (http:\/\/127\.0\.0\.1:(\d+)\/)#token=([A-Za-z0-9_-]+)$/;
/** Only the tail of stderr goes into an error: enough to see why the host failed, not the whole log. */
const STDERR_TAIL_CHARS = 8_000;

export interface HostProcessOptions {
  dataDir: string;
  /** How long to wait for the ready line; tsx compiles the host on the fly, which takes seconds on a slow box. */
  readyTimeoutMs?: number;
  /** Extra environment (e.g. TECHSTORE_LOG_LEVEL). */
  env?: Readonly<Record<string, string>>;
}

export interface HostProcess {
  /** The ready URL exactly as printed, with `#token=`: what a user opens. */
  readonly url: string;
  /** `http://127.0.0.1:<port>/`, without the token. */
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  readonly pid: number | undefined;
  /** Everything the host wrote on stderr so far (its log). */
  stderr(): string;
  /** SIGTERM, then waits for the exit; resolves with the exit code (null when ended by a signal). */
  stop(timeoutMs?: number): Promise<number | null>;
}

/** Fails with a message that says what to run, instead of a blank page later in a browser test. */
export function assertRendererBuilt(): void {
  if (!existsSync(RENDERER_INDEX)) {
    throw new Error(
      `the renderer is not built (${RENDERER_INDEX} is missing): run \`npm run build:renderer\` ` +
        '(`npm test` builds it before vitest runs)',
    );
  }
}

function tail(text: string): string {
  return text.length > STDERR_TAIL_CHARS ? `…${text.slice(-STDERR_TAIL_CHARS)}` : text;
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/**
 * Starts browser mode (`electron/host/main.ts` under tsx) as a child on its own data folder and a free port,
 * and resolves once its single stdout line announces the URL. A child that exits, or stays silent past the
 * timeout, rejects with its stderr so the failing test shows the host's own explanation.
 */
export function startHost(options: HostProcessOptions): Promise<HostProcess> {
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  // Node itself with tsx's loader, not the tsx wrapper: a signal must reach the process that holds the database.
  const child = spawn(process.execPath, ['--import', 'tsx', HOST_ENTRY], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      ...options.env,
      TECHSTORE_PORT: '0',
      TECHSTORE_DATA_DIR: options.dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let stderr = '';
  let stdout = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
  });

  const exit = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
  });

  const stop = async (timeoutMs = 15_000): Promise<number | null> => {
    if (!exited(child)) child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const outcome = await Promise.race([exit, timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      // A host that ignores SIGTERM is a bug to report, but it must not outlive the test run either.
      child.kill('SIGKILL');
      await exit;
      throw new Error(`the host did not exit within ${timeoutMs} ms of SIGTERM; stderr:\n${tail(stderr)}`);
    }
    return outcome;
  };

  return new Promise<HostProcess>((resolve, reject) => {
    let settled = false;
    const fail = (reason: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const message = `${reason}; stdout: ${JSON.stringify(stdout)}; stderr:\n${tail(stderr)}`;
      // Never leave a half-started host behind.
      void stop(5_000).then(
        () => reject(new Error(message)),
        () => reject(new Error(message)),
      );
    };
    const timer = setTimeout(() => fail(`the host printed no ready line within ${readyTimeoutMs} ms`), readyTimeoutMs);

    child.once('error', (error) => fail(`the host could not be started: ${error.message}`));
    child.once('exit', (code, signal) => fail(`the host exited before it was ready (code ${code}, signal ${signal})`));

    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      stdout += chunk;
      if (settled) return;
      const newline = stdout.indexOf('\n');
      if (newline < 0) return;
      const line = stdout.slice(0, newline).trimEnd();
      const match = READY_LINE.exec(line);
      const origin = match?.[1];
      const port = match?.[2];
      const token = match?.[3];
      if (origin === undefined || port === undefined || token === undefined) {
        fail(`the host's first stdout line is not the ready line: ${JSON.stringify(line)}`);
        return;
      }
      settled = true;
      clearTimeout(timer);
      resolve({
        url: line.slice('TechStore ready at '.length),
        origin,
        port: Number(port),
        token,
        pid: child.pid,
        stderr: () => stderr,
        stop,
      });
    });
  });
}
