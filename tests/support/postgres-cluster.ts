/**
 * A throwaway PostgreSQL cluster from a set of server binaries (initdb + pg_ctl): initdb in a temporary
 * folder, start on a free port of 127.0.0.1, stop and delete at the end. Used for the embedded PostgreSQL 18
 * and for Debian's PostgreSQL 15 alike.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { markClusterOwner } from './postgres-sweep';

const execFileAsync = promisify(execFile);

export interface TestPostgresServer {
  /** Superuser URL of the `postgres` database. */
  readonly adminUrl: string;
  /** Stops the server and removes its files; a no-op for a server this suite did not start. */
  stop(): Promise<void>;
  /**
   * Stops the server the hard way (`pg_ctl stop -m immediate`: no checkpoint, like a power cut to the
   * process) and starts it again on the same data and port. Only for a server this suite started.
   */
  crashAndRestart?(): Promise<void>;
  /** Stops the server, keeping its data, until `resume`: central unreachable, as in an outage. */
  halt?(): Promise<void>;
  resume?(): Promise<void>;
}

export interface PostgresBinaries {
  readonly initdb: string;
  readonly pgCtl: string;
}

/**
 * Settings that make a throwaway server start and commit fast: a test database never has to survive a power
 * cut. Never use them for data that matters.
 */
const FAST_UNSAFE_SETTINGS = ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off'];

/** A port that was free a moment ago on 127.0.0.1 (the OS picks it, so parallel runs do not collide). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

type ServerUserIds = { uid: number; gid: number } | null;

/** As root, the server runs as `postgres`: PostgreSQL refuses to run as root. */
async function serverUserIds(): Promise<ServerUserIds> {
  if (userInfo().uid !== 0) return null;
  const read = async (flag: string): Promise<number> => {
    const value = Number.parseInt((await execFileAsync('id', [flag, 'postgres'])).stdout, 10);
    if (Number.isNaN(value)) throw new Error(`id ${flag} postgres printed no number`);
    return value;
  };
  try {
    const [uid, gid] = await Promise.all([read('-u'), read('-g')]);
    return { uid, gid };
  } catch (error) {
    throw new Error(`Running as root, but there is no usable \`postgres\` user for the test server: ${String(error)}`);
  }
}

/** Runs a PostgreSQL tool as the server user; throws with its output on failure. */
async function runAsServerUser(ids: ServerUserIds, file: string, args: string[]): Promise<void> {
  try {
    await execFileAsync(file, args, {
      ...(ids ?? {}),
      // A cwd the server user can enter, and messages in English whatever the machine's locale.
      cwd: '/',
      env: { ...process.env, LC_ALL: 'C.UTF-8', LC_MESSAGES: 'C' },
    });
  } catch (error) {
    const output = error instanceof Error && 'stderr' in error ? String(error.stderr) : '';
    throw new Error(
      `${path.basename(file)} failed: ${error instanceof Error ? error.message : String(error)}\n${output}`,
    );
  }
}

/** initdb's a temporary cluster, starts it and returns its superuser URL. */
export async function startPostgresCluster(binaries: PostgresBinaries, label: string): Promise<TestPostgresServer> {
  const ids = await serverUserIds();
  // 755 because, as root, the server runs as `postgres`, which must reach the data folder through every parent.
  const root = await mkdtemp(path.join(tmpdir(), `techstore-${label}-`));
  await chmod(root, 0o755);
  await markClusterOwner(root);
  const data = path.join(root, 'data');
  let started = false;
  const stop = async (): Promise<void> => {
    try {
      if (started) {
        started = false;
        // Immediate: no shutdown checkpoint, the files are deleted next anyway.
        await runAsServerUser(ids, binaries.pgCtl, ['stop', '-D', data, '-m', 'immediate', '-w']);
      }
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  };
  try {
    await mkdir(data, { mode: 0o700 });
    const password = randomBytes(18).toString('base64url');
    // The password file sits outside the data folder and only the server user may read it.
    const passwordFile = path.join(root, 'password');
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
    if (ids) {
      await chown(data, ids.uid, ids.gid);
      await chown(passwordFile, ids.uid, ids.gid);
    }
    await runAsServerUser(ids, binaries.initdb, [
      `--pgdata=${data}`,
      '--auth=scram-sha-256',
      '--username=postgres',
      `--pwfile=${passwordFile}`,
      // UTF-8 whatever the machine's locale (stores write Spanish text); no fsync of the new cluster.
      '--encoding=UTF8',
      '--locale=C.UTF-8',
      '--no-sync',
    ]);
    await rm(passwordFile);
    const port = await freePort();
    // The unix socket goes in the data folder: the default (/tmp or /run/postgresql) may be another server's.
    const options = ['-h', '127.0.0.1', '-p', String(port), '-k', data, ...FAST_UNSAFE_SETTINGS.map((s) => `-c ${s}`)];
    const logFile = path.join(data, 'server.log');
    started = true;
    const startArgs = ['start', '-D', data, '-l', logFile, '-w', '-t', '30', '-o', options.join(' ')];
    const start = () =>
      runAsServerUser(ids, binaries.pgCtl, startArgs).catch(async (error: unknown) => {
        const log = await readFile(logFile, 'utf8').catch(() => '');
        throw new Error(`${label} did not start: ${String(error)}\n${log}`);
      });
    await start();
    const crashAndRestart = async (): Promise<void> => {
      await runAsServerUser(ids, binaries.pgCtl, ['stop', '-D', data, '-m', 'immediate', '-w']);
      await start();
    };
    const halt = (): Promise<void> => runAsServerUser(ids, binaries.pgCtl, ['stop', '-D', data, '-m', 'fast', '-w']);
    return {
      adminUrl: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
      stop,
      crashAndRestart,
      halt,
      resume: start,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
