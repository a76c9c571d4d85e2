import type Database from 'better-sqlite3';
import pg from 'pg';
import type { TerminalConnection } from '../../../db/central/cli/connection-text';
import { Backoff, type BackoffOptions } from './backoff';
import { CentralAlertSync } from './central-alert-sync';
import { checkAndRepairDigests } from './digest-check';
import { SyncEngine, type SyncIdentity } from './sync-engine';
import { classifySyncFailure, type SyncFailureKind } from './sync-failure';
import { pgConfigFor } from './sync-worker-connection';
import { errorMessage, type WorkerLogLevel, type WorkerToMain } from './sync-worker-protocol';

/** Central's channel for "something was applied": it carries no data (SYNC.md property 10). */
export const CHANGES_CHANNEL = 'techstore_changes';
/** The digest comparison (property 9) reads every table on both sides; once in a while is enough. */
const DIGEST_INTERVAL_MS = 15 * 60_000;
/** Closing a connection to a host that vanished must not hold up a stop or a retry. */
const END_TIMEOUT_MS = 2_000;
/**
 * While central does not answer, a connect is tried about this often: a refused or unreachable connect costs
 * central nothing, and the terminal is back within about a second of central. Each wait is drawn from 75% to 125%
 * of it, so a store's terminals, cut off at the same instant, do not knock in step.
 */
export const PROBE_INTERVAL_MS = 1_000;
/** Retries after this terminal's own file failed (a write lock held past the busy timeout, a full disk). */
const LOCAL_RETRY: BackoffOptions = { baseMs: 250, capMs: 5_000 };

export interface SyncLoopOptions {
  sqlite: Database.Database;
  connection: TerminalConnection;
  identity: SyncIdentity;
  periodMs: number;
  post(message: WorkerToMain): void;
  random?: () => number;
}

interface Sleep {
  timer: NodeJS.Timeout;
  /**
   * Whether a wake ends it: a periodic wait yes; a wait before a retry no (a busy till would turn the probe into
   * one connect per sale and defeat the backoff).
   */
  wakeable: boolean;
  done(): void;
}

async function endQuietly(client: pg.Client): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    client.end().catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, END_TIMEOUT_MS);
    }),
  ]);
  clearTimeout(timer);
}

/**
 * The sync worker's loop: push then pull, then wait for a wake (a local commit, central's notification, or the
 * period). One cycle at a time; a wake during a cycle runs one more right after it, however many wakes came.
 *
 * A failed cycle is retried according to where it failed (sync-failure.ts). Central unreachable: offline, and a
 * connect every PROBE_INTERVAL_MS finds it back; the cycle that gets in says online at once, LISTENs again, pushes
 * and pulls. Central answering but refusing or failing: offline, exponential backoff with full jitter, since
 * trying again at once would fail again. This terminal's own file failing: central is not at fault, so its
 * connections, its status and its backoff are left alone and the cycle is tried again shortly.
 */
export class SyncLoop {
  private stopping = false;
  private wakeRequested = false;
  private sleeping: Sleep | null = null;
  private central: pg.Client | null = null;
  private listener: pg.Client | null = null;
  private engine: SyncEngine | null = null;
  private alerts: CentralAlertSync | null = null;
  private lastDigestAt = 0;
  /** What the last status said of central; null before the first. */
  private online: boolean | null = null;
  /** Why central was last given up on, until a cycle succeeds; a failure of the local file does not count. */
  private offlineCause: Exclude<SyncFailureKind, 'local'> | null = null;
  /** The last failure recorded in the file and logged: a long outage writes and logs it once, not every probe. */
  private lastFailure: string | null = null;
  private readonly random: () => number;
  /** Repeated failures of central itself, once it answers. */
  private readonly centralBackoff: Backoff;
  /** Repeated failures of the local file: retried soon, never counted against central. */
  private readonly localBackoff: Backoff;
  private readonly markFailure: Database.Statement<[string]>;
  private readonly markSuccess: Database.Statement<[number | null]>;
  private readonly pendingCount: Database.Statement<[], { n: number }>;

  constructor(private readonly options: SyncLoopOptions) {
    this.random = options.random ?? Math.random;
    this.centralBackoff = new Backoff(this.random);
    this.localBackoff = new Backoff(this.random, LOCAL_RETRY);
    const { sqlite } = options;
    this.markFailure = sqlite.prepare('UPDATE sync_state SET last_error = ? WHERE only_row = 1');
    this.markSuccess = sqlite.prepare('UPDATE sync_state SET last_error = NULL, clock_skew_ms = ? WHERE only_row = 1');
    this.pendingCount = sqlite.prepare(
      `SELECT count(*) AS n FROM outbox
        WHERE seq > (SELECT acked_seq FROM sync_state WHERE only_row = 1) AND quarantined = 0`,
    );
  }

  wake(): void {
    this.wakeRequested = true;
    if (this.sleeping?.wakeable) this.sleeping.done();
  }

  /** Ends the loop: an in-flight query fails when its connection closes, which is safe at any point (property 2). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.sleeping?.done();
    await this.dropConnections();
  }

  async run(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.cycle();
        this.centralBackoff.reset();
        this.localBackoff.reset();
        this.offlineCause = null;
        this.lastFailure = null;
        this.report(true, null, null, null);
        if (!this.wakeRequested) await this.sleep(this.options.periodMs, true);
      } catch (error) {
        if (this.stopping) break;
        await this.retryAfter(error);
      }
    }
    await this.dropConnections();
  }

  /** Waits before the next cycle, as long as where the failure lay calls for, and says what happened. */
  private async retryAfter(error: unknown): Promise<void> {
    const message = errorMessage(error);
    const cause = classifySyncFailure(error);
    if (cause === 'local') {
      const first = this.localBackoff.attempts === 0;
      const delay = this.localBackoff.next();
      this.log(
        first ? 'warn' : 'debug',
        `could not write sync results locally (${message}); trying again in ${delay} ms`,
      );
      // Central's state is as the last report said: only the reason shown changes.
      if (this.online !== null) this.report(this.online, `local store: ${message}`, cause, delay);
      await this.sleep(delay, false);
      return;
    }
    const delay = cause === 'unreachable' ? this.probeDelay() : this.centralBackoff.next();
    this.offlineCause = cause;
    if (message !== this.lastFailure) {
      this.lastFailure = message;
      this.record(() => this.markFailure.run(message));
      this.log('debug', `sync failed (${message}); retrying in ${delay} ms`);
    }
    this.report(false, message, cause, delay);
    await this.dropConnections();
    await this.sleep(delay, false);
  }

  private probeDelay(): number {
    const r = this.random();
    const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0.5;
    return Math.round(PROBE_INTERVAL_MS * (0.75 + unit / 2));
  }

  private async cycle(): Promise<void> {
    this.wakeRequested = false;
    const engine = await this.connect();
    // Listening before the pull: a change committed after the pull's snapshot still wakes the next cycle.
    await this.listen();
    const result = await engine.syncOnce();
    if (result.quarantined > 0) this.log('warn', `central quarantined ${result.quarantined} mutation(s)`);
    if (result.pushed > 0 || result.pulled > 0) {
      this.log('debug', `synced: pushed ${result.pushed}, pulled ${result.pulled}`);
    }
    this.record(() => this.markSuccess.run(engine.clockSkewMs()));
    await this.syncAlerts();
    await this.checkDigests(engine);
  }

  private async connect(): Promise<SyncEngine> {
    if (this.engine) return this.engine;
    // A connection already open without an engine: its registration failed locally; register again on it.
    let client = this.central;
    if (!client) {
      client = this.newClient('sync');
      this.central = client;
      await client.connect();
      // Back from an outage: online as soon as central answers, not once the backlog has been pushed. After central
      // itself failed or refused, only a whole cycle that succeeds says so.
      if (this.online !== true && (this.offlineCause === null || this.offlineCause === 'unreachable')) {
        this.report(true, null, null, null);
      }
    }
    const engine = new SyncEngine(this.options.sqlite, client, this.options.identity, {
      onCentralHlc: (hlc) => this.options.post({ type: 'central-hlc', hlc }),
      onApplyFailures: (failures) => {
        const first = failures[0];
        const example = first ? ` (${first.table} ${String(first.id)}: ${first.error})` : '';
        this.log(
          'warn',
          `${failures.length} pulled row(s) could not be stored${example}; the digest check retries them`,
        );
      },
    });
    // On every (re)connection: central may have been restored from a backup and hold less than it acknowledged.
    await engine.register();
    this.engine = engine;
    this.alerts = new CentralAlertSync(this.options.sqlite, client);
    return engine;
  }

  private async listen(): Promise<void> {
    if (this.listener) return;
    const client = this.newClient('listen');
    this.listener = client;
    client.on('notification', (message) => {
      if (message.channel === CHANGES_CHANNEL) this.wake();
    });
    await client.connect();
    await client.query(`LISTEN ${CHANGES_CHANNEL}`);
  }

  private newClient(purpose: string): pg.Client {
    const { connection, identity } = this.options;
    const client = new pg.Client(pgConfigFor(connection, `techstore ${identity.terminalCode ?? ''} ${purpose}`));
    // A connection that drops between queries (or is ended by central, as a revoke does): forget both and let a
    // cycle find out whether central is back. Without this a dead listener would silently stop the wakes.
    const lost = (reason: string) => {
      if (this.central !== client && this.listener !== client) return;
      this.log('debug', `central connection (${purpose}) lost: ${reason}`);
      void this.dropConnections().then(() => this.wake());
    };
    client.on('error', (error) => lost(errorMessage(error)));
    client.on('end', () => lost('closed by the server'));
    return client;
  }

  private async dropConnections(): Promise<void> {
    const clients = [this.central, this.listener].filter((c): c is pg.Client => c !== null);
    this.central = null;
    this.listener = null;
    this.engine = null;
    this.alerts = null;
    await Promise.all(clients.map(endQuietly));
  }

  /**
   * Managers' acknowledgements out, the store's alerts in. A failure here (a central without the alert functions,
   * say) is logged and never holds up sales sync: the cache just stays as of its last refresh.
   */
  private async syncAlerts(): Promise<void> {
    if (!this.alerts) return;
    try {
      const { sent } = await this.alerts.syncOnce();
      if (sent > 0) this.log('debug', `central took ${sent} alert acknowledgement(s)`);
    } catch (error) {
      if (this.stopping) return;
      // Central going away mid-cycle is for the next cycle to find out, not a problem with the alerts.
      const level = classifySyncFailure(error) === 'unreachable' ? 'debug' : 'warn';
      this.log(level, `could not sync alerts with central: ${errorMessage(error)}`);
    }
  }

  /** Only with the outbox drained: rows not yet pushed would read as mismatches and be fetched for nothing. */
  private async checkDigests(engine: SyncEngine): Promise<void> {
    const now = Date.now();
    if (now - this.lastDigestAt < DIGEST_INTERVAL_MS || this.wakeRequested) return;
    if ((this.pendingCount.get()?.n ?? 0) > 0) return;
    const central = this.central;
    if (!central || this.engine !== engine) return;
    this.lastDigestAt = now;
    const repaired = await checkAndRepairDigests(this.options.sqlite, central);
    for (const slice of repaired) {
      const refused = slice.refused > 0 ? `; ${slice.refused} not stored (${slice.reason})` : '';
      this.log(
        'warn',
        `digest mismatch in ${slice.table} on ${slice.day}: ${slice.repaired} row(s) refetched${refused}`,
      );
    }
  }

  private sleep(ms: number, wakeable: boolean): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(sleep.timer);
        if (this.sleeping === sleep) this.sleeping = null;
        resolve();
      };
      const sleep: Sleep = { timer: setTimeout(done, ms), wakeable, done };
      this.sleeping = sleep;
    });
  }

  private report(online: boolean, error: string | null, cause: SyncFailureKind | null, retryInMs: number | null): void {
    this.online = online;
    this.options.post({ type: 'status', online, at: new Date().toISOString(), error, cause, retryInMs });
  }

  /** Bookkeeping for the status screen; a busy file must not turn a good sync into a failed one. */
  private record(write: () => void): void {
    try {
      write();
    } catch (error) {
      this.log('warn', `could not record the sync outcome locally: ${errorMessage(error)}`);
    }
  }

  private log(level: WorkerLogLevel, message: string): void {
    this.options.post({ type: 'log', level, message });
  }
}
