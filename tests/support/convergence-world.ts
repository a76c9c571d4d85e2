/**
 * The simulated chain of the randomized convergence test: terminals of a SyncChain, each with its own clock
 * skew, plus the faults the test injects (a connection cut mid-push, a lost acknowledgement, a killed sync
 * worker, a restarted terminal, optionally a restarted PostgreSQL). Operations go through the real core of each
 * terminal; each successful one is recorded in the model with the outbox mutation it wrote.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { quoteIdent } from '../../db/central/migrate-central';
import type { Clock } from '../../electron/core/core.types';
import { SyncEngine } from '../../electron/core/sync/sync-engine';
import { newId } from '../../shared/ids';
import type { Rng } from './catalog-generator-rng';
import { BusinessOperations } from './convergence-business';
import { ConvergenceModel, type RecordedMutation } from './convergence-model';
import { CoreHarness } from './core-harness';
import { withCredentials } from './pg-database';
import { readIdentity, type SimTerminal, type SyncChain } from './sync-chain';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export interface TerminalPlan {
  store: string;
  code: string;
  skewMs: number;
}

/** Store A and store B, clocks from two days behind to two days ahead of central's. */
export const SHORT_PLAN: readonly TerminalPlan[] = [
  { store: 'CVA', code: 'T01', skewMs: 0 },
  { store: 'CVA', code: 'T02', skewMs: 2 * MINUTE },
  { store: 'CVB', code: 'T01', skewMs: -3 * MINUTE },
  { store: 'CVB', code: 'T02', skewMs: 2 * DAY },
  { store: 'CVA', code: 'T03', skewMs: -2 * DAY },
];

/** A terminal of the simulation: its SimTerminal (whose engine and client faults replace) and its situation. */
export interface WorldTerminal {
  plan: TerminalPlan;
  sim: SimTerminal;
  clock: Clock;
  role: string;
  /** Operations left before a partitioned terminal may sync again. */
  offlineFor: number;
}

export interface FaultCounts {
  cutMidPush: number;
  lostAck: number;
  lostPullCursor: number;
  workerKilled: number;
  terminalRestarted: number;
  postgresRestarted: number;
  partitions: number;
}

function skewedClock(skewMs: number): Clock {
  return { now: () => new Date(Date.now() + skewMs) };
}

export class ConvergenceWorld {
  readonly model = new ConvergenceModel();
  readonly terminals: WorldTerminal[] = [];
  readonly faults: FaultCounts = {
    cutMidPush: 0,
    lostAck: 0,
    lostPullCursor: 0,
    workerKilled: 0,
    terminalRestarted: 0,
    postgresRestarted: 0,
    partitions: 0,
  };
  operations = 0;
  /** Customers, cuenta corriente and repair orders (convergence-business.ts). */
  readonly business: BusinessOperations = new BusinessOperations(this);
  private skuCounter = 0;

  private constructor(
    readonly chain: SyncChain,
    /** Superuser client on the chain's database, ours to replace after a PostgreSQL restart. */
    public admin: pg.Client,
    readonly rng: Rng,
    readonly seed: number,
  ) {}

  static async create(chain: SyncChain, rng: Rng, seed: number, plan: readonly TerminalPlan[]) {
    const admin = new pg.Client({ connectionString: chain.database.url });
    // A restarted PostgreSQL ends every session: the clients say so on their next call, not as a crash.
    admin.on('error', () => undefined);
    chain.admin.on('error', () => undefined);
    await admin.connect();
    const world = new ConvergenceWorld(chain, admin, rng, seed);
    const firstOfStore = new Set<string>();
    for (const p of plan) {
      const clock = skewedClock(p.skewMs);
      let sim: SimTerminal;
      if (firstOfStore.has(p.store)) {
        sim = await chain.joined(p.store, p.code, clock);
      } else {
        firstOfStore.add(p.store);
        sim = await chain.standalone(p.store, p.code, clock);
      }
      // A terminated backend makes the client emit 'error'; the next call on it fails, which is what we want.
      sim.central.on('error', () => undefined);
      // Its setup or login wrote mutations too (the store's admin, audit events): they belong to the model.
      world.recordNewMutations({ plan: p, sim, clock, role: '', offlineFor: 0 });
      await sim.engine.syncOnce();
      const role = await admin.query<{ role_name: string }>('SELECT role_name FROM techstore.terminals WHERE id = $1', [
        readIdentity(sim.sqlite).terminalId,
      ]);
      world.terminals.push({ plan: p, sim, clock, role: role.rows[0]?.role_name ?? '', offlineFor: 0 });
    }
    return world;
  }

  label(t: WorldTerminal): string {
    return `${t.plan.store}/${t.plan.code}`;
  }

  private recordedUpTo = new Map<string, number>();

  /** Records every outbox row written since the last call: the mutations of the call that just succeeded. */
  recordNewMutations(t: WorldTerminal): RecordedMutation[] {
    const label = this.label(t);
    const after = this.recordedUpTo.get(label) ?? 0;
    const rows = t.sim.sqlite
      .prepare('SELECT seq, mutation_id, kind, hlc, payload FROM outbox WHERE seq > ? ORDER BY seq')
      .all(after) as { seq: number; mutation_id: string; kind: string; hlc: string; payload: string }[];
    const recorded = rows.map((r) => ({
      terminal: label,
      store: t.plan.store,
      seq: r.seq,
      mutationId: r.mutation_id,
      kind: r.kind,
      hlc: r.hlc,
      payload: JSON.parse(r.payload) as Record<string, unknown>,
    }));
    for (const m of recorded) this.model.record(m);
    this.recordedUpTo.set(label, rows.at(-1)?.seq ?? after);
    return recorded;
  }

  /** Ids of live (or any) products this terminal holds, read from its own file. */
  localProducts(t: WorldTerminal, liveOnly: boolean): string[] {
    const sql = liveOnly
      ? 'SELECT id FROM products WHERE archived = 0 ORDER BY id'
      : 'SELECT id FROM products ORDER BY id';
    return (t.sim.sqlite.prepare(sql).all() as { id: string }[]).map((r) => r.id);
  }

  // ---- operations -------------------------------------------------------------------------------------------

  async sale(t: WorldTerminal): Promise<boolean> {
    const products = this.localProducts(t, true);
    if (products.length === 0) return false;
    const lines = Array.from({ length: this.rng.int(1, 5) }, () => ({
      productId: this.rng.pick(products),
      quantity: this.rng.int(1, 3),
    }));
    const saleId = newId();
    const result = await t.sim.harness.call('sales.complete', {
      saleId,
      lines,
      payment: { method: 'cash', tendered: 1_000_000_000_000 },
    });
    this.recordNewMutations(t);
    if (!result.ok) return false;
    this.model.addSale({ id: saleId, store: t.plan.store, lines: lines.length, total: result.value.total }, lines);
    return true;
  }

  async adjust(t: WorldTerminal): Promise<boolean> {
    const products = this.localProducts(t, false);
    if (products.length === 0) return false;
    const productId = this.rng.pick(products);
    const quantity = this.rng.chance(0.7) ? this.rng.int(1, 20) : -this.rng.int(1, 5);
    const result = await t.sim.harness.call('stock.adjust', {
      productId,
      quantity,
      reason: this.rng.pick(['receipt', 'adjustment', 'count'] as const),
      note: '',
    });
    this.recordNewMutations(t);
    if (!result.ok) return false;
    this.model.addStock(t.plan.store, productId, quantity);
    return true;
  }

  async createProduct(t: WorldTerminal): Promise<boolean> {
    this.skuCounter++;
    const result = await t.sim.harness.call('catalog.create', {
      sku: `CV${this.seed % 100_000}-${this.skuCounter}`,
      name: `Producto ${this.skuCounter}`,
      brand: this.rng.pick(['Samsung', 'Motorola', 'Xiaomi', 'Apple']),
      category: 'Accesorios',
      price: this.rng.int(1, 500) * 10_000,
      cost: this.rng.int(1, 300) * 10_000,
      ivaRateBp: this.rng.pick([0, 1050, 2100, 2700] as const),
      minStock: this.rng.int(0, 10),
      serialTracked: false,
      barcodes: [],
    });
    this.recordNewMutations(t);
    return result.ok;
  }

  async editProduct(t: WorldTerminal): Promise<boolean> {
    const products = this.localProducts(t, false);
    if (products.length === 0) return false;
    const id = this.rng.pick(products);
    const changes: { price?: number; name?: string; brand?: string; minStock?: number } = {};
    const count = this.rng.int(1, 2);
    for (let i = 0; i < count; i++) {
      const column = this.rng.pick(['price', 'name', 'brand', 'minStock'] as const);
      if (column === 'price') changes.price = this.rng.int(1, 900) * 10_000;
      else if (column === 'name') changes.name = `Producto ${this.label(t)} ${this.rng.int(1, 1_000_000)}`;
      else if (column === 'brand') changes.brand = this.rng.pick(['Samsung', 'Motorola', 'Xiaomi', 'Apple', 'TCL']);
      else changes.minStock = this.rng.int(0, 50);
    }
    const result = await t.sim.harness.call('catalog.update', { id, changes });
    const written = this.recordNewMutations(t);
    for (const m of written) {
      this.model.requested.set(
        m.mutationId,
        Object.entries(changes).map(([column, value]) => ({ column, value })),
      );
    }
    return result.ok;
  }

  async archiveProduct(t: WorldTerminal): Promise<boolean> {
    const products = this.localProducts(t, false);
    if (products.length === 0) return false;
    const result = await t.sim.harness.call('catalog.archive', {
      id: this.rng.pick(products),
      archived: this.rng.chance(0.5),
    });
    this.recordNewMutations(t);
    return result.ok;
  }

  async createUser(t: WorldTerminal): Promise<boolean> {
    const result = await t.sim.harness.call('users.create', {
      name: `Cajero ${this.label(t)} ${this.rng.int(1, 1_000_000)}`,
      role: 'cashier',
      pin: '4321',
    });
    this.recordNewMutations(t);
    return result.ok;
  }

  // ---- syncs, partial syncs and faults ----------------------------------------------------------------------

  /** A fresh pg client logged in as the terminal's role (its password is reset: the old one is not kept). */
  private async reconnect(t: WorldTerminal): Promise<void> {
    const password = randomBytes(18).toString('base64url');
    await this.admin.query(`ALTER ROLE ${quoteIdent(t.role)} PASSWORD '${password}'`);
    const client = new pg.Client({ connectionString: withCredentials(this.chain.database.url, t.role, password) });
    client.on('error', () => undefined);
    await client.connect();
    await t.sim.central.end().catch(() => undefined);
    t.sim.central = client;
    // A new worker: same SQLite file, new engine, registers again as a restarted worker does.
    t.sim.engine = new SyncEngine(t.sim.sqlite, client, readIdentity(t.sim.sqlite), {
      nowMs: () => t.clock.now().getTime(),
    });
    await t.sim.engine.register();
  }

  private async terminateBackends(t: WorldTerminal): Promise<void> {
    await this.admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [t.role]);
  }

  private async sleep(ms: number): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, ms));
  }

  async syncOnce(t: WorldTerminal): Promise<void> {
    await t.sim.engine.syncOnce();
  }

  async pushOnly(t: WorldTerminal): Promise<void> {
    await t.sim.engine.push(this.rng.pick([1, 3, 500]));
  }

  async pullOnly(t: WorldTerminal, tiny: boolean): Promise<void> {
    await t.sim.engine.pull(tiny ? this.rng.int(1, 3) : 1000);
  }

  /** The connection drops while a push is in flight; whatever central committed stays, the rest is retried. */
  async cutMidPush(t: WorldTerminal): Promise<void> {
    this.faults.cutMidPush++;
    const push = t.sim.engine.push(this.rng.pick([1, 2, 50])).then(
      () => undefined,
      () => undefined,
    );
    await this.sleep(this.rng.int(0, 8));
    await this.terminateBackends(t);
    await push;
    await this.reconnect(t);
  }

  /** Central committed, the answer never arrived: the terminal's fence is back where it was, and it pushes again. */
  async lostAck(t: WorldTerminal): Promise<void> {
    this.faults.lostAck++;
    const before = t.sim.sqlite.prepare('SELECT acked_seq FROM sync_state WHERE only_row = 1').get() as {
      acked_seq: number;
    };
    await t.sim.engine.push();
    t.sim.sqlite.prepare('UPDATE sync_state SET acked_seq = ? WHERE only_row = 1').run(before.acked_seq);
    await t.sim.engine.push();
  }

  /** A pulled page applied but its cursor lost (as after restoring the file from a backup): pages come again. */
  async lostPullCursor(t: WorldTerminal): Promise<void> {
    this.faults.lostPullCursor++;
    const before = t.sim.sqlite.prepare('SELECT cursor_txid, cursor_seq FROM sync_state WHERE only_row = 1').get() as {
      cursor_txid: string;
      cursor_seq: number;
    };
    await t.sim.engine.pull(this.rng.int(1, 50));
    t.sim.sqlite
      .prepare('UPDATE sync_state SET cursor_txid = ?, cursor_seq = ? WHERE only_row = 1')
      .run(before.cursor_txid, before.cursor_seq);
  }

  /** The sync worker dies at a random point of a cycle; a new one starts on the same file. */
  async killWorker(t: WorldTerminal): Promise<void> {
    this.faults.workerKilled++;
    const cycle = t.sim.engine.syncOnce().then(
      () => undefined,
      () => undefined,
    );
    await this.sleep(this.rng.int(0, 15));
    await this.terminateBackends(t);
    await cycle;
    await this.reconnect(t);
  }

  /** The terminal's app restarts: its core reopens the same file (its HLC resumes from what it stored). */
  async restartTerminal(t: WorldTerminal): Promise<void> {
    this.faults.terminalRestarted++;
    const dataDir = t.sim.harness.dataDir;
    await t.sim.harness.close(false);
    const harness = await CoreHarness.open(dataDir, t.clock);
    const admin = (await harness.ok('users.listForLogin', {})).users.find((u) => u.role === 'admin');
    if (!admin) throw new Error(`${this.label(t)} has no admin to log in with after a restart`);
    harness.session = (await harness.ok('users.login', { userId: admin.id, pin: '1234' }, null)).token;
    t.sim.harness = harness;
    this.recordNewMutations(t);
  }

  partition(t: WorldTerminal): void {
    this.faults.partitions++;
    t.offlineFor = this.rng.int(10, 60);
  }

  /** After PostgreSQL came back: every client is dead, so everyone logs in again. */
  async reconnectAll(): Promise<void> {
    await this.admin.end().catch(() => undefined);
    this.admin = new pg.Client({ connectionString: this.chain.database.url });
    this.admin.on('error', () => undefined);
    await this.admin.connect();
    for (const t of this.terminals) await this.reconnect(t);
  }

  async settle(): Promise<void> {
    for (const t of this.terminals) t.offlineFor = 0;
    await this.chain.settle();
  }

  async close(): Promise<void> {
    await this.admin.end().catch(() => undefined);
  }
}
