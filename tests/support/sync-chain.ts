import Database from 'better-sqlite3';
import pg from 'pg';
import { addTerminal } from '../../db/central/central-admin';
import { addAdmin, adoptStandaloneStore } from '../../db/central/central-people';
import { initCentral } from '../../db/central/migrate-central';
import type { Clock } from '../../electron/core/core.types';
import { joinCentral } from '../../electron/core/sync/join-central';
import { SyncEngine } from '../../electron/core/sync/sync-engine';
import { CoreHarness, makeTempDir } from './core-harness';
import { createTestDatabase, type TestDatabase, withCredentials } from './pg-database';

/** The terminal's own ids, as its settings hold them: what a sync engine on that file needs. */
export function readIdentity(sqlite: Database.Database): { terminalId: string; terminalCode: string; storeId: string } {
  const setting = (key: string) =>
    JSON.parse((sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string }).value) as {
      id: string;
      code?: string;
    };
  const terminal = setting('terminal');
  return { terminalId: terminal.id, terminalCode: terminal.code ?? '', storeId: setting('store').id };
}

/** A terminal of the simulated chain: its real core and its sync engine, on its own SQLite file. */
export interface SimTerminal {
  code: string;
  harness: CoreHarness;
  engine: SyncEngine;
  central: pg.Client;
  sqlite: Database.Database;
  /** The terminal's own central login, for a child process that acts as its sync worker. */
  loginUrl: string;
}

/**
 * A chain on one machine for tests: a real central database (migrated by initCentral) and terminals with real
 * cores, each logging in to central with its own terminal role.
 */
export class SyncChain {
  private readonly terminals: SimTerminal[] = [];

  private constructor(
    readonly database: TestDatabase,
    readonly admin: pg.Client,
  ) {}

  /** `through`: stop at that central migration (a test fills an older central, then migrates it the rest of the way). */
  static async create(adminUrl: string, prefix: string, options: { through?: string } = {}): Promise<SyncChain> {
    const database = await createTestDatabase(adminUrl, prefix);
    const admin = new pg.Client({ connectionString: database.url });
    admin.on('error', () => {});
    await admin.connect();
    await initCentral(admin, options);
    return new SyncChain(database, admin);
  }

  private async login(storeCode: string, terminalCode: string): Promise<{ central: pg.Client; loginUrl: string }> {
    const login = await addTerminal(this.admin, { storeCode, terminalCode });
    const loginUrl = withCredentials(this.database.url, login.role, login.password);
    const central = new pg.Client({ connectionString: loginUrl });
    // A dropped connection is a scenario here, not a crash of the test run; the failing query reports it.
    central.on('error', () => {});
    await central.connect();
    return { central, loginUrl };
  }

  private async attach(
    code: string,
    harness: CoreHarness,
    { central, loginUrl }: { central: pg.Client; loginUrl: string },
    clock?: Clock,
  ): Promise<SimTerminal> {
    const sqlite = new Database(harness.core.databaseFile);
    sqlite.pragma('busy_timeout = 5000');
    const engine = new SyncEngine(
      sqlite,
      central,
      readIdentity(sqlite),
      clock ? { nowMs: () => clock.now().getTime() } : {},
    );
    await engine.register();
    const sim = { code, harness, engine, central, sqlite, loginUrl };
    this.terminals.push(sim);
    return sim;
  }

  /** A terminal already set up (standalone, its store on central) gets its login and starts syncing. */
  async connect(harness: CoreHarness, storeCode: string, terminalCode: string, clock?: Clock): Promise<SimTerminal> {
    return this.attach(terminalCode, harness, await this.login(storeCode, terminalCode), clock);
  }

  /**
   * A terminal that sold on its own first; central adopts its store and its people (`add-store --from`), as an
   * admin connecting a standalone store does, so its admin keeps working once it pushes.
   */
  async standalone(storeCode: string, terminalCode: string, clock?: Clock): Promise<SimTerminal> {
    const harness = await CoreHarness.open(makeTempDir(), clock);
    await harness.setUp('1234', terminalCode);
    await adoptStandaloneStore(this.admin, { code: storeCode, name: `Sucursal ${storeCode}`, from: harness.dataDir });
    return this.attach(terminalCode, harness, await this.login(storeCode, terminalCode), clock);
  }

  /**
   * A fresh terminal that joins the chain from central and logs in with an admin it pulled. A store that never had
   * a terminal of its own has no people yet: as an admin would, the chain gets an admin of its own first (PIN 1234).
   */
  async joined(storeCode: string, terminalCode: string, clock?: Clock): Promise<SimTerminal> {
    await this.ensureAdminFor(storeCode);
    const login = await this.login(storeCode, terminalCode);
    const dir = makeTempDir();
    await joinCentral(dir, login.central, () => new Date().toISOString());
    const harness = await CoreHarness.open(dir, clock);
    const admin = (await harness.ok('users.listForLogin', {})).users.find((u) => u.role === 'admin');
    if (!admin) throw new Error('the joined terminal pulled no admin');
    harness.session = (await harness.ok('users.login', { userId: admin.id, pin: '1234' }, null)).token;
    return this.attach(terminalCode, harness, login, clock);
  }

  /** A chain-wide admin made at central (`npm run central -- add-admin`), unless the store has an admin to log in. */
  async ensureAdminFor(storeCode: string): Promise<void> {
    const admins = await this.admin.query(
      `SELECT 1 FROM techstore.users u, techstore.stores s
        WHERE s.code = $1 AND u.role = 'admin' AND u.archived = 0 AND (u.store_id IS NULL OR u.store_id = s.id)`,
      [storeCode],
    );
    if (admins.rowCount === 0) await addAdmin(this.admin, { name: 'Admin de la cadena', pin: '1234' });
  }

  /** Every terminal syncs twice with no new writes in between: the quiescence SYNC.md property 7 speaks of. */
  async settle(): Promise<void> {
    for (let round = 0; round < 2; round++) {
      for (const terminal of this.terminals) await terminal.engine.syncOnce();
    }
  }

  async close(): Promise<void> {
    for (const terminal of this.terminals) {
      terminal.sqlite.close();
      await terminal.central.end().catch(() => undefined);
      await terminal.harness.close();
    }
    await this.admin.end();
    await this.database.drop();
  }
}
