import { Worker } from 'node:worker_threads';
import type { Logger } from '../core.types';
import { Backoff } from './backoff';
import type { SyncIdentity } from './sync-engine';
import type { SyncFailureKind } from './sync-failure';
import { resolveSyncWorkerEntry, type SyncWorkerEntry } from './sync-worker-entry';
import type { MainToWorker, SyncWorkerData, WorkerToMain } from './sync-worker-protocol';

const DEFAULT_PERIOD_MS = 30_000;
/** How long a stop waits for the worker to close its connections and file before terminating it. */
const STOP_GRACE_MS = 5_000;

export interface SyncSupervisorOptions {
  databaseFile: string;
  nativeBinding?: string | undefined;
  log: Logger;
  /** Central's HLC as the worker hears it: the core's clock must never fall behind it (SYNC.md property 6). */
  onCentralHlc(hlc: string): void;
  periodMs?: number | undefined;
  /** Where the worker's code is; resolved next to this module when absent (see sync-worker-entry.ts). */
  workerEntry?: SyncWorkerEntry | undefined;
}

/** The supervisor's view of the worker's last report, for `sync.status`. */
export interface SyncLiveStatus {
  running: boolean;
  online: boolean;
  lastError: string | null;
  lastReportAt: string | null;
}

interface Running {
  worker: Worker;
  exited: Promise<void>;
  connectionText: string;
  identity: SyncIdentity;
}

/** How the log names a failure that took sync offline; the worker never reports its own file's as one. */
function offlineReason(cause: SyncFailureKind | null): string {
  switch (cause) {
    case 'refused':
      return 'central refused this terminal';
    case 'central':
      return 'central failed';
    default:
      return 'central unreachable';
  }
}

/**
 * Main-thread half of sync: starts and stops the worker thread, relays wakes to it, merges central's HLC into
 * the core's clock, and keeps its last status. Nothing here waits on the network; a worker that dies is
 * restarted after a backoff delay.
 */
export class SyncSupervisor {
  private running: Running | null = null;
  private stopping = false;
  private restartTimer: NodeJS.Timeout | null = null;
  private readonly restarts = new Backoff();
  private live: Omit<SyncLiveStatus, 'running'> = { online: false, lastError: null, lastReportAt: null };

  constructor(private readonly options: SyncSupervisorOptions) {}

  get status(): SyncLiveStatus {
    return { running: this.running !== null || this.restartTimer !== null, ...this.live };
  }

  /**
   * Starts the worker for a connection; `online` seeds the status until the worker's first report (true right
   * after a successful registration, false at start-up).
   */
  start(connectionText: string, identity: SyncIdentity, online = false): void {
    if (this.running || this.restartTimer) throw new Error('the sync worker is already running; stop it first');
    this.stopping = false;
    this.live = { online, lastError: null, lastReportAt: null };
    this.spawn(connectionText, identity);
  }

  /** A local commit appended to the outbox. Never blocks; a no-op when sync is not configured. */
  wake(): void {
    this.post({ type: 'wake' });
  }

  /** Asks the worker to close its connections and exit; terminates it if it does not within a few seconds. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const running = this.running;
    if (!running) return;
    this.post({ type: 'stop' });
    let timer: NodeJS.Timeout | undefined;
    const graceful = await Promise.race([
      running.exited.then(() => true),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), STOP_GRACE_MS);
      }),
    ]);
    clearTimeout(timer);
    if (!graceful) {
      this.options.log.warn('sync worker did not stop in time; terminating it');
      await running.worker.terminate();
      await running.exited;
    }
    this.live = { ...this.live, online: false };
  }

  private post(message: MainToWorker): void {
    this.running?.worker.postMessage(message);
  }

  private spawn(connectionText: string, identity: SyncIdentity): void {
    const { log } = this.options;
    let worker: Worker;
    try {
      const entry = this.options.workerEntry ?? resolveSyncWorkerEntry();
      const workerData: SyncWorkerData = {
        databaseFile: this.options.databaseFile,
        connectionText,
        identity,
        nativeBinding: this.options.nativeBinding ?? null,
        periodMs: this.options.periodMs ?? DEFAULT_PERIOD_MS,
      };
      worker = new Worker(entry.specifier, { ...entry.options, workerData });
    } catch (error) {
      log.error('could not start the sync worker', error);
      this.live = { ...this.live, online: false, lastError: 'the sync worker could not start' };
      this.scheduleRestart(connectionText, identity);
      return;
    }
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    const running: Running = { worker, exited, connectionText, identity };
    this.running = running;
    worker.on('message', (message: WorkerToMain) => this.onMessage(message));
    worker.on('error', (error) => log.error('sync worker crashed', error));
    worker.once('exit', (code) => {
      if (this.running === running) this.running = null;
      if (this.stopping) return;
      log.warn(`sync worker exited unexpectedly (code ${code}); restarting`);
      this.live = { ...this.live, online: false };
      this.scheduleRestart(connectionText, identity);
    });
  }

  private scheduleRestart(connectionText: string, identity: SyncIdentity): void {
    if (this.stopping) return;
    const delay = this.restarts.next();
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (!this.stopping) this.spawn(connectionText, identity);
    }, delay);
  }

  private onMessage(message: WorkerToMain): void {
    const { log } = this.options;
    switch (message.type) {
      case 'status': {
        if (message.online) this.restarts.reset();
        if (message.online !== this.live.online || this.live.lastReportAt === null) {
          if (message.online) log.info('central reachable: sync online');
          else log.warn(`${offlineReason(message.cause)}: sync offline (${message.error ?? 'unknown error'})`);
        }
        this.live = { online: message.online, lastError: message.error, lastReportAt: message.at };
        return;
      }
      case 'central-hlc':
        try {
          this.options.onCentralHlc(message.hlc);
        } catch (error) {
          log.error('could not merge central’s clock', error);
        }
        return;
      case 'log':
        log[message.level](`[sync worker] ${message.message}`);
        return;
    }
  }
}
