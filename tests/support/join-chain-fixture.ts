import net from 'node:net';
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { addTerminal, type TerminalLogin } from '../../db/central/central-admin';
import { formatConnectionText } from '../../db/central/cli/connection-text';
import type { JoinStatus } from '../../shared/contract/app.contract';
import type { Result } from '../../shared/errors';
import { newId } from '../../shared/ids';
import type { SimTerminal, SyncChain } from './sync-chain';

/**
 * A chain for the join tests: T01 of store PAL set up on its own and synced, with a few products (one with a
 * barcode), stock, a sale and a second user; then, optionally, many more products written on central directly,
 * so a snapshot takes several pages and a join can be cut halfway.
 */
export interface SeededChain {
  t01: SimTerminal;
  phoneId: string;
  phoneBarcode: string;
  cashier: { name: string; pin: string };
}

export async function seedChain(chain: SyncChain): Promise<SeededChain> {
  const t01 = await chain.standalone('PAL', 'T01');
  const phoneBarcode = '7790001112224';
  const phone = await t01.harness.createProduct({
    sku: 'SAM-A15',
    name: 'Samsung Galaxy A15',
    price: 30_000_000,
    barcodes: [phoneBarcode],
  });
  await t01.harness.createProduct({ sku: 'MOTO-G24', name: 'Motorola Moto G24', price: 25_000_000 });
  await t01.harness.createProduct({ sku: 'CAB-USBC', name: 'Cable USB-C 1 m', price: 900_000 });
  await t01.harness.ok('stock.adjust', { productId: phone.id, quantity: 5, reason: 'receipt' });
  await t01.harness.ok('sales.complete', {
    saleId: newId(),
    lines: [{ productId: phone.id, quantity: 1 }],
    payment: { method: 'cash', tendered: 1_000_000_000 },
  });
  const cashier = { name: 'Lucía Fernández', pin: '4826' };
  await t01.harness.ok('users.create', { name: cashier.name, role: 'cashier', pin: cashier.pin });
  await t01.engine.syncOnce();
  return { t01, phoneId: phone.id, phoneBarcode, cashier };
}

/**
 * `count` more products and one receipt movement each, written on central as an admin: copies of an existing
 * row (column clocks included) under new ids and SKUs, through the tables' own feed triggers.
 */
export async function bulkProducts(admin: pg.Client, templateId: string, count: number): Promise<void> {
  await admin.query(
    `INSERT INTO techstore.products
       SELECT (jsonb_populate_record(NULL::techstore.products,
                 to_jsonb(p) || jsonb_build_object('id', gen_random_uuid(), 'sku', 'BULK-' || g,
                                                   'name', 'Funda genérica ' || g))).*
         FROM techstore.products p, generate_series(1, $2::int) g
        WHERE p.id = $1`,
    [templateId, count],
  );
  await admin.query(
    `INSERT INTO techstore.stock_movements
       SELECT (jsonb_populate_record(NULL::techstore.stock_movements,
                 to_jsonb(m) || jsonb_build_object('id', gen_random_uuid(), 'product_id', p.id))).*
         FROM techstore.products p,
              LATERAL (SELECT * FROM techstore.stock_movements WHERE product_id = $1 LIMIT 1) m
        WHERE p.sku LIKE 'BULK-%'`,
    [templateId],
  );
}

export const COUNTED_TABLES = ['users', 'products', 'product_barcodes', 'stock_movements', 'sales', 'sale_lines'];

/** Central's rows per table (every table here is global or of store PAL, the only store). */
export async function centralCounts(admin: pg.Client): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of COUNTED_TABLES) {
    const result = await admin.query<{ n: string }>(`SELECT count(*) AS n FROM techstore.${table}`);
    counts[table] = Number(result.rows[0]?.n);
  }
  return counts;
}

/** The terminal's rows per table, and how many distinct ids: equal when nothing was copied twice. */
export function localCounts(sqlite: Database.Database): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const table of COUNTED_TABLES) {
    const row = sqlite.prepare(`SELECT count(*) AS n, count(DISTINCT id) AS d FROM ${table}`).get() as {
      n: number;
      d: number;
    };
    if (row.n !== row.d) throw new Error(`${table} holds ${row.n} rows for ${row.d} ids`);
    counts[table] = row.n;
  }
  return counts;
}

/** A new terminal login on central and its connection text, optionally through a relay on this machine. */
export async function newTerminalText(
  chain: SyncChain,
  terminalCode: string,
  via?: { port: number },
): Promise<{ text: string; login: TerminalLogin }> {
  const login = await addTerminal(chain.admin, { storeCode: 'PAL', terminalCode });
  return { text: connectionTextOf(chain.database.url, login, via), login };
}

export function connectionTextOf(
  databaseUrl: string,
  login: { role: string; password: string },
  via?: { port: number },
): string {
  const url = new URL(databaseUrl);
  return formatConnectionText({
    role: login.role,
    password: login.password,
    host: via ? '127.0.0.1' : url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: via ? via.port : Number(url.port || 5432),
    database: decodeURIComponent(url.pathname.slice(1)),
  });
}

/** Polls `app.joinStatus` until the join ends; every status seen is kept, to check the progress it showed. */
export async function waitForJoin(
  status: () => Promise<Result<JoinStatus>>,
  seen: JoinStatus[] = [],
  timeoutMs = 60_000,
): Promise<JoinStatus> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const result = await status();
    if (!result.ok) throw new Error(`app.joinStatus failed: ${result.code} ${result.message}`);
    seen.push(result.value);
    if (result.value.phase === 'done' || result.value.phase === 'failed') return result.value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the join did not end within ${timeoutMs} ms: ${JSON.stringify(seen.at(-1))}`);
}

/**
 * A TCP relay to central that slows what central sends (each chunk waits `delayMs`) and can hold it altogether:
 * a slow link on which a snapshot takes long enough to be cut halfway, deterministically.
 */
export class SlowRelay {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private held = false;
  private readonly waiting: (() => void)[] = [];

  private constructor(
    private readonly target: { host: string; port: number },
    private delayMs: number,
  ) {}

  static async open(centralUrl: string, delayMs: number): Promise<SlowRelay> {
    const url = new URL(centralUrl);
    const relay = new SlowRelay(
      { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(url.port || 5432) },
      delayMs,
    );
    await relay.listen();
    return relay;
  }

  get port(): number {
    const address = this.server?.address();
    return typeof address === 'object' && address ? address.port : 0;
  }

  /** Stops passing central's answers on (they wait); connections stay open. */
  hold(): void {
    this.held = true;
  }

  /** Full speed from now on, and whatever waited goes on. */
  release(): void {
    this.held = false;
    this.delayMs = 0;
    for (const resume of this.waiting.splice(0)) resume();
  }

  private async listen(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => {
          this.sockets.delete(socket);
          client.destroy();
          upstream.destroy();
        });
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream);
      // One chunk at a time, in order: paused while it waits, so the delay and the hold apply to every byte.
      upstream.on('data', (chunk: Buffer) => {
        upstream.pause();
        const pass = () => {
          if (!client.destroyed) client.write(chunk);
          upstream.resume();
        };
        const after = () => (this.delayMs > 0 ? setTimeout(pass, this.delayMs) : pass());
        if (this.held) this.waiting.push(after);
        else after();
      });
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
