import type { ChannelName } from '../../shared/contract/index';
import type { Result } from '../../shared/errors';
import type { SyncWorkerEntry } from './sync/sync-worker-entry';

/** Where the core writes its log lines. electron-log's scoped logger fits; tests pass a silent one. */
export interface Logger {
  debug(message: string, ...meta: unknown[]): void;
  info(message: string, ...meta: unknown[]): void;
  warn(message: string, ...meta: unknown[]): void;
  error(message: string, ...meta: unknown[]): void;
}

/** Wall-clock time, injected so tests can set it and the sync layer can reason about skew. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};

export interface CoreOptions {
  /** Folder that holds `techstore.sqlite`; created if missing. */
  dataDir: string;
  clock?: Clock;
  log?: Logger;
  /** A better-sqlite3 `.node` built for Electron's ABI; see TOOLCHAIN.md. Node uses its own build when absent. */
  nativeBinding?: string;
  /** How often the sync worker syncs when nothing wakes it sooner; 30 s when absent. */
  syncPeriodMs?: number;
  /** How to start the sync worker thread; found next to the core's own code when absent (sync-worker-entry.ts). */
  syncWorkerEntry?: SyncWorkerEntry;
  /**
   * Fault injection for tests, absent in the app: runs after every write transaction of a call that saved
   * something, before the call builds its answer, so a throw here is a failure after a commit.
   */
  afterCommit?: (channel: ChannelName) => void;
}

/** What every host (Electron main, browser-mode HTTP, CLI, tests) gets from `createCore`. */
export interface Core {
  /**
   * Validates and dispatches one call. Never throws and never rejects: every failure, including a bug,
   * comes back as `{ ok: false, code, message }`.
   */
  call(channel: string, envelope: unknown): Promise<Result<unknown>>;
  readonly databaseFile: string;
  close(): Promise<void>;
}
