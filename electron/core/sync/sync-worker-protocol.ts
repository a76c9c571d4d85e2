import type { SyncIdentity } from './sync-engine';
import type { SyncFailureKind } from './sync-failure';

/** What the main thread hands the sync worker when it starts it. Plain data: it crosses as a structured clone. */
export interface SyncWorkerData {
  databaseFile: string;
  connectionText: string;
  identity: SyncIdentity;
  /** A better-sqlite3 `.node` for Electron's ABI; null under Node. */
  nativeBinding: string | null;
  /** The periodic sync when nothing wakes the worker sooner. */
  periodMs: number;
}

export type MainToWorker =
  /**
   * A local commit appended to the outbox: push now. While the worker waits to retry (a probe of an unreachable
   * central, a backoff) it is remembered for the next cycle but does not cut the wait short.
   */
  | { type: 'wake' }
  /** Finish or abandon the current cycle, close both connections and the SQLite file, then exit. */
  | { type: 'stop' };

export type WorkerLogLevel = 'debug' | 'info' | 'warn' | 'error';

export type WorkerToMain =
  | {
      type: 'status';
      /**
       * The last attempt to reach central succeeded: said as soon as central answers a connect after an outage.
       * A failure of the terminal's own file never changes it.
       */
      online: boolean;
      at: string;
      /** Why the last attempt failed; null when it succeeded. */
      error: string | null;
      /** Where it failed (central unreachable, refusing, failing, or the local file); null when it succeeded. */
      cause: SyncFailureKind | null;
      /** When offline: how long the worker waits before the next attempt. */
      retryInMs: number | null;
    }
  /** Central's HLC from a response: the core's clock merges it (SYNC.md property 6). */
  | { type: 'central-hlc'; hlc: string }
  /** The worker has no logger of its own; its lines go through the core's. */
  | { type: 'log'; level: WorkerLogLevel; message: string };

/** One line for a log or the status screen: the message and, where Node or PostgreSQL gave one, the code. */
export function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = 'code' in error && typeof error.code === 'string' ? error.code : null;
  // A refused connection to a name with several addresses is an AggregateError with an empty message.
  const inner = error instanceof AggregateError ? error.errors.find((e) => e instanceof Error) : undefined;
  const message = error.message || (inner instanceof Error ? inner.message : '') || error.name;
  return code && !message.includes(code) ? `${message} (${code})` : message;
}
