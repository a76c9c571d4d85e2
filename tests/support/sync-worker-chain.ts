import net from 'node:net';
import Database from 'better-sqlite3';
import pg from 'pg';
import { addTerminal } from '../../db/central/central-admin';
import { adoptStandaloneStore } from '../../db/central/central-people';
import { formatConnectionText } from '../../db/central/cli/connection-text';
import { initCentral } from '../../db/central/migrate-central';
import type { Logger } from '../../electron/core/core.types';
import { joinCentral } from '../../electron/core/sync/join-central';
import { parseTerminalConnection } from '../../electron/core/sync/sync-worker-connection';
import { SyncLoop } from '../../electron/core/sync/sync-worker-loop';
import type { WorkerToMain } from '../../electron/core/sync/sync-worker-protocol';
import { CoreHarness, makeTempDir } from './core-harness';
import { createTestDatabase, type TestDatabase } from './pg-database';
import { readIdentity } from './sync-chain';

/**
 * A chain for the sync worker's tests: a real central database and terminals that sync only through their own
 * cores (`sync.connect`, then the worker), never through a test-driven engine.
 */
export class WorkerChain {
  private readonly harnesses: CoreHarness[] = [];

  private constructor(
    readonly database: TestDatabase,
    readonly admin: pg.Client,
  ) {}

  static async create(adminUrl: string, prefix: string): Promise<WorkerChain> {
    const database = await createTestDatabase(adminUrl, prefix);
    const admin = new pg.Client({ connectionString: database.url });
    admin.on('error', () => {});
    await admin.connect();
    await initCentral(admin);
    return new WorkerChain(database, admin);
  }

  /** The connection text `add-terminal` prints, optionally through another host and port (a proxy). */
  async connectionText(storeCode: string, terminalCode: string, via?: { host: string; port: number }): Promise<string> {
    const login = await addTerminal(this.admin, { storeCode, terminalCode });
    const url = new URL(this.database.url);
    return formatConnectionText({
      role: login.role,
      password: login.password,
      host: via?.host ?? url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: via?.port ?? Number(url.port || 5432),
      database: decodeURIComponent(url.pathname.slice(1)),
    });
  }

  /** A terminal set up on its own, its store and people adopted by central (`add-store --from`). Not connected. */
  async standalone(storeCode: string, terminalCode: string, log?: Logger): Promise<CoreHarness> {
    const harness = await CoreHarness.open(makeTempDir(), undefined, { log });
    this.harnesses.push(harness);
    await harness.setUp('1234', terminalCode);
    await adoptStandaloneStore(this.admin, { code: storeCode, name: `Sucursal ${storeCode}`, from: harness.dataDir });
    return harness;
  }

  /** A fresh terminal that joins from central, then opens its core and logs in as the admin it pulled. */
  async joined(
    storeCode: string,
    terminalCode: string,
    log?: Logger,
  ): Promise<{ harness: CoreHarness; connectionText: string }> {
    const connectionText = await this.connectionText(storeCode, terminalCode);
    const central = new pg.Client({ connectionString: connectionText });
    central.on('error', () => {});
    await central.connect();
    const dir = makeTempDir();
    try {
      await joinCentral(dir, central, () => new Date().toISOString());
    } finally {
      await central.end();
    }
    const harness = await CoreHarness.open(dir, undefined, { log });
    this.harnesses.push(harness);
    const admin = (await harness.ok('users.listForLogin', {})).users.find((u) => u.role === 'admin');
    if (!admin) throw new Error('the joined terminal pulled no admin');
    harness.session = (await harness.ok('users.login', { userId: admin.id, pin: '1234' }, null)).token;
    return { harness, connectionText };
  }

  /** The backends a terminal's login holds open on central. */
  async backendsOf(terminalCode: string): Promise<number> {
    return (await this.backendPidsOf(terminalCode)).length;
  }

  async backendPidsOf(terminalCode: string): Promise<number[]> {
    const result = await this.admin.query(
      `SELECT a.pid FROM pg_stat_activity a JOIN techstore.terminals t ON t.role_name = a.usename WHERE t.code = $1`,
      [terminalCode],
    );
    return result.rows.map((r) => Number(r.pid));
  }

  /** Ends every backend of a terminal's login, as a server restart or a network drop would; returns their pids. */
  async endBackendsOf(terminalCode: string): Promise<number[]> {
    const pids = await this.backendPidsOf(terminalCode);
    await this.admin.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [pids]);
    return pids;
  }

  async close(): Promise<void> {
    for (const harness of this.harnesses) await harness.close();
    await this.admin.end();
    await this.database.drop();
  }
}

/** Appends an outbox row central cannot apply, as a bug in a service would, on a connection of its own. */
export function appendPoisonMutation(databaseFile: string, mutationId: string, hlc: string): void {
  const sqlite = new Database(databaseFile);
  try {
    sqlite.pragma('busy_timeout = 5000');
    sqlite
      .prepare('INSERT INTO outbox (mutation_id, kind, payload, hlc, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(mutationId, 'no.such.kind', '{"nothing": true}', hlc, new Date().toISOString());
  } finally {
    sqlite.close();
  }
}

/** A TCP relay to central that a test can cut and restore: an outage without touching the server. */
export class CentralRelay {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();

  private constructor(
    private readonly target: { host: string; port: number },
    readonly port: number,
  ) {}

  static async open(centralUrl: string): Promise<CentralRelay> {
    const url = new URL(centralUrl);
    const probe = net.createServer();
    const port = await new Promise<number>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(0, '127.0.0.1', () => {
        const address = probe.address();
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
    });
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const relay = new CentralRelay(
      { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(url.port || 5432) },
      port,
    );
    await relay.restore();
    return relay;
  }

  /** Listens again on the same port: central is reachable. */
  async restore(): Promise<void> {
    if (this.server) return;
    const server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream);
      upstream.pipe(client);
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  /** Stops listening and drops every open connection: central is unreachable, refused at once. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Polls until `check` returns a value that is not undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 10_000,
  everyMs = 20,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** A core logger that keeps every line, so a test can say what was (and was not) logged. */
export class RecordingLogger implements Logger {
  readonly lines: { level: keyof Logger; message: string }[] = [];

  debug(message: string): void {
    this.lines.push({ level: 'debug', message });
  }

  info(message: string): void {
    this.lines.push({ level: 'info', message });
  }

  warn(message: string): void {
    this.lines.push({ level: 'warn', message });
  }

  error(message: string): void {
    this.lines.push({ level: 'error', message });
  }

  /** Lines at `level` or above whose message matches. */
  matching(pattern: RegExp, levels: readonly (keyof Logger)[] = ['info', 'warn', 'error']): string[] {
    return this.lines.filter((l) => levels.includes(l.level) && pattern.test(l.message)).map((l) => l.message);
  }
}

export type WorkerStatus = Extract<WorkerToMain, { type: 'status' }>;

/**
 * The worker's loop run in the test's own thread on a terminal's file, with its own SQLite connection as the
 * worker has, so a test can set what the thread cannot be given from outside (its random source, its busy
 * timeout) and read every message it posts. The terminal's core must not run a worker of its own (never
 * `sync.connect`ed): the loop registers it with central on its first cycle.
 */
export class InProcessLoop {
  readonly posts: { at: number; message: WorkerToMain }[] = [];
  readonly loop: SyncLoop;
  private readonly sqlite: Database.Database;
  private readonly running: Promise<void>;

  constructor(
    databaseFile: string,
    connectionText: string,
    options: { random?: () => number; busyTimeoutMs?: number; periodMs?: number } = {},
  ) {
    this.sqlite = new Database(databaseFile);
    this.sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5_000}`);
    this.loop = new SyncLoop({
      sqlite: this.sqlite,
      connection: parseTerminalConnection(connectionText),
      identity: readIdentity(this.sqlite),
      periodMs: options.periodMs ?? 30_000,
      post: (message) => this.posts.push({ at: performance.now(), message }),
      random: options.random,
    });
    this.running = this.loop.run();
  }

  statuses(since = 0): WorkerStatus[] {
    return this.posts
      .filter((p) => p.at >= since)
      .map((p) => p.message)
      .filter((m): m is WorkerStatus => m.type === 'status');
  }

  logs(since = 0): string[] {
    return this.posts
      .filter((p) => p.at >= since)
      .map((p) => p.message)
      .flatMap((m) => (m.type === 'log' ? [`${m.level} ${m.message}`] : []));
  }

  pending(): number {
    const row = this.sqlite
      .prepare(
        `SELECT count(*) AS n FROM outbox
          WHERE seq > (SELECT acked_seq FROM sync_state WHERE only_row = 1) AND quarantined = 0`,
      )
      .get() as { n: number };
    return row.n;
  }

  async stop(): Promise<void> {
    await this.loop.stop();
    await this.running;
    this.sqlite.close();
  }
}
