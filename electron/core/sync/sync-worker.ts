/**
 * Entry of the sync worker thread (started by SyncSupervisor, never imported by the core). It owns its own
 * SQLite connection to the terminal's file and its own PostgreSQL connections, so the till never waits on the
 * network: the main thread only posts wakes and reads status messages.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { parseTerminalConnection } from './sync-worker-connection';
import { SyncLoop } from './sync-worker-loop';
import { errorMessage, type MainToWorker, type SyncWorkerData, type WorkerToMain } from './sync-worker-protocol';

async function main(port: NonNullable<typeof parentPort>, data: SyncWorkerData): Promise<void> {
  const post = (message: WorkerToMain) => port.postMessage(message);
  const sqlite = new Database(data.databaseFile, data.nativeBinding ? { nativeBinding: data.nativeBinding } : {});
  // Every write transaction of the worker begins IMMEDIATE (local-write.ts) and waits up to this for the till.
  sqlite.pragma('busy_timeout = 5000');
  const loop = new SyncLoop({
    sqlite,
    connection: parseTerminalConnection(data.connectionText),
    identity: data.identity,
    periodMs: data.periodMs,
    post,
  });
  let stopped: Promise<void> | null = null;
  port.on('message', (message: MainToWorker) => {
    if (message.type === 'wake') loop.wake();
    else if (message.type === 'stop') stopped ??= loop.stop();
  });
  try {
    await loop.run();
    await stopped;
  } finally {
    sqlite.close();
    // Nothing else keeps this thread alive once the port is closed: it exits on its own.
    port.close();
  }
}

if (parentPort) {
  const port = parentPort;
  main(port, workerData as SyncWorkerData).catch((error: unknown) => {
    port.postMessage({ type: 'log', level: 'error', message: `sync worker failed: ${errorMessage(error)}` });
    port.close();
  });
}
