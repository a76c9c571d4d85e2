import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sweepAbandonedClusters } from '../../support/postgres-sweep';

/**
 * A test run killed outright leaves its PostgreSQL running; the next run stops it (postgres-sweep.ts). Here a
 * child process starts a real embedded server in a folder of its own and is killed with SIGKILL, as a CI
 * timeout would; the sweep must leave the server alone while its owner lives and stop it once the owner is gone.
 */

const SERVER_MODULE = path.resolve('tests/support/postgres-server.ts');

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A process that starts a test server in `folder` (its TMPDIR) and never stops it. */
function ownerOfAServer(folder: string): { child: ChildProcess; ready: Promise<void> } {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `import { startEmbeddedPostgres } from ${JSON.stringify(SERVER_MODULE)};
       await startEmbeddedPostgres();
       process.stdout.write('ready\\n');
       setInterval(() => {}, 60_000);`,
    ],
    { env: { ...process.env, TMPDIR: folder }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the owner exited (${code}) before its server was ready`)));
  });
  return { child, ready };
}

describe('test PostgreSQL servers left by a killed run', () => {
  let folder = '';

  afterAll(async () => {
    if (folder) {
      await sweepAbandonedClusters(folder);
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('are stopped and removed by the next sweep once their owner is gone, and only then', async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'techstore-sweep-'));
    // The server runs as `postgres` when the suite is root: it must reach its folder.
    await chmod(folder, 0o755);
    const foreign = path.join(folder, 'techstore-pg18-foreign');
    await mkdir(foreign);

    const { child, ready } = ownerOfAServer(folder);
    await ready;
    const [cluster] = (await readdir(folder)).filter(
      (name) => name.startsWith('techstore-pg18-') && name !== 'techstore-pg18-foreign',
    );
    if (!cluster) throw new Error('the owner made no cluster folder');
    const root = path.join(folder, cluster);
    const postmaster = Number.parseInt(
      (await readFile(path.join(root, 'data', 'postmaster.pid'), 'utf8')).split('\n')[0] ?? '',
      10,
    );
    expect(running(postmaster)).toBe(true);

    // Its owner is alive: a parallel run's server is not ours to stop.
    expect(await sweepAbandonedClusters(folder)).toEqual([]);
    expect(running(postmaster)).toBe(true);

    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect(running(postmaster)).toBe(true);

    expect(await sweepAbandonedClusters(folder)).toEqual([root]);
    expect(running(postmaster)).toBe(false);
    expect(existsSync(root)).toBe(false);
    // A folder without an owner file is not one this suite can judge.
    expect(existsSync(foreign)).toBe(true);
  }, 60_000);
});
