/**
 * Test servers whose run was killed (SIGKILL, a CI timeout, a closed terminal) never reach their teardown and
 * keep running, each holding a port, memory and a temporary folder. Every cluster folder this suite makes
 * (`techstore-<label>-…` in the temporary folder, postgres-cluster.ts) records the pid of the process that
 * started it; the next run stops the servers whose owner is gone and deletes their folders.
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const OWNER_FILE = 'owner.pid';
const CLUSTER_FOLDER = /^techstore-pg\d+-/;

/** Records this process as the owner of a cluster folder it is about to fill. */
export async function markClusterOwner(root: string): Promise<void> {
  await writeFile(path.join(root, OWNER_FILE), `${process.pid}\n`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readPid(file: string): Promise<number | null> {
  const text = await readFile(file, 'utf8').catch(() => null);
  const pid = Number.parseInt(text?.split('\n')[0] ?? '', 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isRunning(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/**
 * Stops and deletes the clusters in `folder` whose owner process has exited, and answers their folders. A
 * folder without an owner file (made by something else, or by a version of this suite before owner files) is
 * left alone, as is any whose owner still runs: a parallel test run's servers are not ours to stop.
 */
export async function sweepAbandonedClusters(folder: string = tmpdir()): Promise<string[]> {
  const entries = await readdir(folder).catch(() => [] as string[]);
  const swept: string[] = [];
  for (const entry of entries.filter((name) => CLUSTER_FOLDER.test(name))) {
    const root = path.join(folder, entry);
    const owner = await readPid(path.join(root, OWNER_FILE));
    if (owner === null || isRunning(owner)) continue;
    // The first line of postmaster.pid is the server's pid. SIGQUIT is PostgreSQL's immediate shutdown, the
    // same as `pg_ctl stop -m immediate`, whatever the server's version.
    const postmaster = await readPid(path.join(root, 'data', 'postmaster.pid'));
    if (postmaster !== null && isRunning(postmaster)) {
      process.kill(postmaster, 'SIGQUIT');
      if (!(await waitForExit(postmaster, 10_000))) continue;
    }
    await rm(root, { recursive: true, force: true });
    swept.push(root);
  }
  return swept;
}
