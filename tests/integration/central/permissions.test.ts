/**
 * SYNC.md property 8 and "Permission tests": every forbidden action is tried as a real terminal login (the role
 * and password addTerminal made) and refused; the allowed doors (register, push, pull, snapshot, digest) work.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addStore, addTerminal, revokeTerminal, type StoreRecord } from '../../../db/central/central-admin';
import { initCentral } from '../../../db/central/migrate-central';
import { encodeHlc } from '../../../shared/hlc';
import { newId } from '../../../shared/ids';
import { ENTITIES } from '../../../shared/sync/entity-registry';
import { createTestDatabase, type TestDatabase, withCredentials } from '../../support/pg-database';

const PERMISSION_DENIED = '42501';
const PUBLIC_FUNCTIONS = [
  'acknowledge_alert',
  'alerts',
  'digest',
  'digest_rows',
  'pull',
  'push',
  'register',
  'snapshot',
  'snapshot_header',
  'snapshot_page',
  'snapshot_rows',
];
const BOOKKEEPING_TABLES = [
  'stores',
  'terminals',
  'sync_entities',
  'change_feed',
  'applied_mutations',
  'quarantined_mutations',
  'alerts',
  'central_clock',
];

interface Terminal {
  client: pg.Client;
  role: string;
  id: string;
  code: string;
  store: StoreRecord;
}

interface Mutation {
  seq: number;
  mutation_id: string;
  kind: string;
  hlc: string;
  payload: Record<string, unknown>;
}

interface PushResult {
  acked_seq: number;
  quarantined: { mutation_id: string; seq: number; error: string }[];
  central_hlc: string;
}

interface PulledRow {
  table: string;
  row: { id: string; store_id?: string };
}

let database: TestDatabase;
let admin: pg.Client;
let palermo: StoreRecord;
let belgrano: StoreRecord;
let cashier: Terminal;
let belgranoCashier: Terminal;
const clients: pg.Client[] = [];

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  // A revoked terminal's backend is ended under it: the failing query reports that, not an unhandled event.
  client.on('error', () => undefined);
  await client.connect();
  clients.push(client);
  return client;
}

async function newTerminal(store: StoreRecord, code: string): Promise<Terminal> {
  const login = await addTerminal(admin, { storeCode: store.code, terminalCode: code });
  const client = await connect(withCredentials(database.url, login.role, login.password));
  const id = newId();
  await client.query('SELECT sync_api.register($1, $2, $3)', [id, code, store.id]);
  return { client, role: login.role, id, code, store };
}

/** The SQLSTATE a statement fails with, or 'ok'. */
async function sqlState(client: pg.Client, text: string, values: unknown[] = []): Promise<string> {
  try {
    await client.query(text, values);
    return 'ok';
  } catch (error) {
    return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : String(error);
  }
}

function hlc(terminal: Terminal, counter = 0): string {
  return encodeHlc({ wallMs: Date.now(), counter, node: terminal.id });
}

/** A sale as the terminal's sales service writes it (sales.service.ts), one line, paid in cash. */
function sale(terminal: Terminal, seq: number, claimedStoreId = terminal.store.id): Mutation {
  const saleId = newId();
  const productId = newId();
  const userId = newId();
  const at = new Date().toISOString();
  const stamp = hlc(terminal, seq);
  return {
    seq,
    mutation_id: newId(),
    kind: 'sale.complete',
    hlc: stamp,
    payload: {
      sales: [
        {
          id: saleId,
          number: `${terminal.code}-${String(seq).padStart(8, '0')}`,
          sequence: seq,
          store_id: claimedStoreId,
          terminal_id: terminal.id,
          terminal_code: terminal.code,
          user_id: userId,
          customer_id: null,
          total: 1500_00,
          created_at: at,
          hlc: stamp,
        },
      ],
      sale_lines: [
        {
          id: newId(),
          sale_id: saleId,
          line_no: 1,
          product_id: productId,
          sku: 'CAB-USB-C',
          description: 'Cable USB-C',
          quantity: 1,
          unit_price: 1500_00,
          line_total: 1500_00,
          iva_rate_bp: 2100,
          line_net: 1239_67,
          line_iva: 260_33,
        },
      ],
      payments: [
        {
          id: newId(),
          sale_id: saleId,
          method: 'cash',
          amount: 1500_00,
          tendered: 2000_00,
          change: 500_00,
          reference: null,
          created_at: at,
        },
      ],
      stock_movements: [
        {
          id: newId(),
          product_id: productId,
          store_id: claimedStoreId,
          quantity: -1,
          reason: 'sale',
          sale_id: saleId,
          note: '',
          user_id: userId,
          terminal_id: terminal.id,
          created_at: at,
          hlc: stamp,
        },
      ],
    },
  };
}

function saleIdOf(mutation: Mutation): string {
  const sales = mutation.payload.sales;
  if (!Array.isArray(sales) || typeof sales[0]?.id !== 'string') throw new Error('not a sale mutation');
  return sales[0].id;
}

async function push(terminal: Terminal, mutations: Mutation[]): Promise<PushResult> {
  const result = await terminal.client.query<{ r: PushResult }>('SELECT sync_api.push($1::jsonb, $2) AS r', [
    JSON.stringify(mutations),
    hlc(terminal),
  ]);
  const value = result.rows[0]?.r;
  if (!value) throw new Error('push returned nothing');
  return value;
}

/** pull and snapshot read in the transaction SYNC.md property 4 prescribes. */
async function readOnly<T>(client: pg.Client, work: () => Promise<T>, before?: string): Promise<T> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    if (before) await client.query(before);
    return await work();
  } finally {
    await client.query('COMMIT');
  }
}

/** The whole feed the terminal may see, from the start, page by page. */
async function pullAll(terminal: Terminal, before?: string): Promise<PulledRow[]> {
  const rows: PulledRow[] = [];
  let cursor = { txid: '0', seq: 0 };
  for (let page = 0; page < 100; page++) {
    const result = await readOnly(
      terminal.client,
      () =>
        terminal.client.query<{ r: { rows: PulledRow[]; more: boolean; cursor: { txid: string; seq: number } } }>(
          'SELECT sync_api.pull($1, $2, $3) AS r',
          [cursor.txid, cursor.seq, 50],
        ),
      before,
    );
    const value = result.rows[0]?.r;
    if (!value) throw new Error('pull returned nothing');
    rows.push(...value.rows);
    cursor = value.cursor;
    if (!value.more) return rows;
  }
  throw new Error('pull did not finish');
}

async function snapshotIds(terminal: Terminal, table: string, before?: string): Promise<string[]> {
  const result = await readOnly(
    terminal.client,
    () =>
      terminal.client.query<{ r: { rows: { id: string }[] } }>('SELECT sync_api.snapshot($1, NULL, 1000) AS r', [
        table,
      ]),
    before,
  );
  return (result.rows[0]?.r.rows ?? []).map((row) => row.id);
}

async function digestCount(terminal: Terminal, table: string): Promise<number> {
  const result = await terminal.client.query<{ r: { count: number }[] }>('SELECT sync_api.digest($1) AS r', [table]);
  return (result.rows[0]?.r ?? []).reduce((sum, slice) => sum + Number(slice.count), 0);
}

async function count(table: string, where = 'true', values: unknown[] = []): Promise<number> {
  // Table names here are constants of this file; the superuser bypasses row-level security and sees everything.
  const result = await admin.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM techstore.${table} WHERE ${where}`,
    values,
  );
  return result.rows[0]?.n ?? -1;
}

async function saleStore(saleId: string): Promise<string | undefined> {
  return (await admin.query<{ store_id: string }>('SELECT store_id FROM techstore.sales WHERE id = $1', [saleId]))
    .rows[0]?.store_id;
}

beforeAll(async () => {
  database = await createTestDatabase(inject('pgAdminUrl'), 'central_permissions');
  admin = await connect(database.url);
  await initCentral(admin);
  palermo = await addStore(admin, { code: 'PAL', name: 'Palermo' });
  belgrano = await addStore(admin, { code: 'BEL', name: 'Belgrano' });
  cashier = await newTerminal(palermo, 'T01');
  belgranoCashier = await newTerminal(belgrano, 'T01');
});

afterAll(async () => {
  for (const client of clients.splice(0)) await client.end().catch(() => undefined);
  await database?.drop();
});

describe('a terminal login', () => {
  it('can call register, push, pull, snapshot and digest', async () => {
    const mutation = sale(cashier, 1);
    const pushed = await push(cashier, [mutation]);
    expect(pushed).toMatchObject({ acked_seq: 1, quarantined: [] });
    expect(pushed.central_hlc).toMatch(/^\d{15}-\d{6}-central$/);
    const again = await cashier.client.query<{ r: { acked_seq: number; store_code: string } }>(
      'SELECT sync_api.register($1, $2, NULL) AS r',
      [cashier.id, 'T01'],
    );
    expect(again.rows[0]?.r).toMatchObject({ acked_seq: 1, store_code: 'PAL' });
    expect((await pullAll(cashier)).map((r) => r.row.id)).toContain(saleIdOf(mutation));
    expect(await snapshotIds(cashier, 'sales')).toContain(saleIdOf(mutation));
    expect(await digestCount(cashier, 'sales')).toBeGreaterThanOrEqual(1);
  });

  it('holds EXECUTE on exactly the public sync_api functions and on no helper', async () => {
    const granted = await admin.query<{ name: string; granted: boolean }>(
      `SELECT p.proname AS name, has_function_privilege($1, p.oid, 'EXECUTE') AS granted
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname IN ('sync_api', 'techstore')`,
      [cashier.role],
    );
    expect(
      granted.rows
        .filter((r) => r.granted)
        .map((r) => r.name)
        .sort(),
    ).toEqual(PUBLIC_FUNCTIONS);
    expect(granted.rows.filter((r) => r.name.startsWith('_')).length).toBeGreaterThan(5);
    for (const call of [
      'SELECT sync_api._now_ms()',
      'SELECT sync_api._caller(true)',
      "SELECT sync_api._entity('sales')",
      'SELECT sync_api._advance_clock(0)',
      "SELECT sync_api._hlc_wall('000000000000001-000000-x')",
      'SELECT sync_api._read_clock()',
    ]) {
      expect(await sqlState(cashier.client, call), call).toBe(PERMISSION_DENIED);
    }
  });

  it('cannot SELECT, INSERT, UPDATE, DELETE or TRUNCATE any table of techstore', async () => {
    const tables = await admin.query<{ table_name: string; first_column: string }>(
      `SELECT c.table_name, (SELECT column_name FROM information_schema.columns x
                               WHERE x.table_schema = c.table_schema AND x.table_name = c.table_name
                               ORDER BY ordinal_position LIMIT 1) AS first_column
         FROM information_schema.tables c WHERE c.table_schema = 'techstore' ORDER BY 1`,
    );
    const names = tables.rows.map((t) => t.table_name);
    expect(names).toEqual(expect.arrayContaining([...ENTITIES.map((e) => e.table), ...BOOKKEEPING_TABLES]));
    const refused: string[] = [];
    for (const { table_name: table, first_column: column } of tables.rows) {
      const target = `techstore.${admin.escapeIdentifier(table)}`;
      const col = admin.escapeIdentifier(column);
      for (const statement of [
        `SELECT * FROM ${target} LIMIT 1`,
        `INSERT INTO ${target} DEFAULT VALUES`,
        `UPDATE ${target} SET ${col} = ${col}`,
        `DELETE FROM ${target}`,
        `TRUNCATE ${target}`,
      ]) {
        const state = await sqlState(cashier.client, statement);
        if (state !== PERMISSION_DENIED) refused.push(`${statement}: ${state}`);
      }
    }
    expect(refused).toEqual([]);
    // And not only because the schema is closed: no table privilege anywhere behind it either.
    const privileges = await admin.query<{ name: string }>(
      `SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname IN ('techstore', 'techstore_admin', 'sync_api') AND c.relkind IN ('r', 'p', 'v', 'S')
          AND has_table_privilege($1, c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')`,
      [cashier.role],
    );
    expect(privileges.rows).toEqual([]);
    expect(await sqlState(cashier.client, 'SELECT * FROM techstore_admin.migrations')).toBe(PERMISSION_DENIED);
  });

  it('cannot create objects in public, in any schema, or even temporary ones', async () => {
    const publicCreate = await admin.query<{ ok: boolean }>(
      "SELECT has_schema_privilege('public', 'public', 'CREATE') AS ok",
    );
    expect(publicCreate.rows[0]?.ok).toBe(false);
    for (const statement of [
      'CREATE TABLE probe (id int)',
      'CREATE TABLE public.probe (id int)',
      'CREATE TABLE techstore.probe (id int)',
      'CREATE TABLE sync_api.probe (id int)',
      'CREATE SCHEMA probe',
      'CREATE TEMPORARY TABLE probe (id int)',
      "CREATE FUNCTION pg_temp.probe() RETURNS int LANGUAGE sql AS 'SELECT 1'",
      "CREATE FUNCTION sync_api.probe() RETURNS int LANGUAGE sql AS 'SELECT 1'",
      'CREATE VIEW public.probe AS SELECT 1',
    ]) {
      expect(await sqlState(cashier.client, statement), statement).toBe(PERMISSION_DENIED);
    }
  });

  it('cannot act as another terminal or store: its rows land in its own store whatever they claim', async () => {
    const claimed = sale(cashier, 2, belgrano.id);
    expect(await push(cashier, [claimed])).toMatchObject({ acked_seq: 2, quarantined: [] });
    expect(await saleStore(saleIdOf(claimed))).toBe(palermo.id);
    expect(await count('stock_movements', 'sale_id = $1 AND store_id = $2', [saleIdOf(claimed), palermo.id])).toBe(1);
    expect(await count('sale_lines', 'sale_id = $1 AND store_id = $2', [saleIdOf(claimed), palermo.id])).toBe(1);
    // A sale claiming to be another terminal's is written as the login's own terminal.
    const forged = sale(cashier, 3);
    const forgedSale = (forged.payload as { sales: Record<string, unknown>[] }).sales[0];
    if (forgedSale) Object.assign(forgedSale, { terminal_id: newId(), terminal_code: 'T99' });
    await push(cashier, [forged]);
    const written = await admin.query('SELECT terminal_id, terminal_code FROM techstore.sales WHERE id = $1', [
      saleIdOf(forged),
    ]);
    expect(written.rows[0]).toEqual({ terminal_id: cashier.id, terminal_code: cashier.code });
    // register names the login's own terminal and store, never another's.
    expect(await sqlState(cashier.client, 'SELECT sync_api.register($1, $2, NULL)', [cashier.id, 'T09'])).toBe('22023');
    expect(await sqlState(cashier.client, 'SELECT sync_api.register($1, NULL, $2)', [cashier.id, belgrano.id])).toBe(
      '22023',
    );
    expect(await sqlState(cashier.client, 'SELECT sync_api.register($1, NULL, NULL)', [belgranoCashier.id])).toBe(
      '22023',
    );
  });

  it("cannot read or overwrite another store's sales through pull, snapshot, digest or a reused id", async () => {
    const mine = sale(cashier, 3);
    const theirs = sale(belgranoCashier, 1);
    await push(cashier, [mine]);
    await push(belgranoCashier, [theirs]);
    // Pushing a row with the id of Belgrano's sale changes nothing there (ledger rows insert or ignore).
    const forged = sale(cashier, 4);
    const forgedSales = forged.payload.sales;
    if (Array.isArray(forgedSales) && forgedSales[0]) forgedSales[0].id = saleIdOf(theirs);
    await push(cashier, [forged]);
    expect(await saleStore(saleIdOf(theirs))).toBe(belgrano.id);

    for (const [reader, own, other] of [
      [cashier, mine, theirs],
      [belgranoCashier, theirs, mine],
    ] as const) {
      const pulled = await pullAll(reader);
      const pulledIds = pulled.map((r) => r.row.id);
      expect(pulledIds).toContain(saleIdOf(own));
      expect(pulledIds).not.toContain(saleIdOf(other));
      const storeRows = pulled.filter((r) => r.row.store_id !== undefined);
      expect(storeRows.length).toBeGreaterThan(0);
      expect(storeRows.every((r) => r.row.store_id === reader.store.id)).toBe(true);
      const snapshot = await snapshotIds(reader, 'sales');
      expect(snapshot).toContain(saleIdOf(own));
      expect(snapshot).not.toContain(saleIdOf(other));
      expect(await digestCount(reader, 'sales')).toBe(await count('sales', 'store_id = $1', [reader.store.id]));
      const slices = await reader.client.query<{ r: { id: string; store_id: string }[] }>(
        'SELECT sync_api.digest_rows($1, $2) AS r',
        ['sales', new Date().toISOString().slice(0, 10)],
      );
      expect((slices.rows[0]?.r ?? []).every((row) => row.store_id === reader.store.id)).toBe(true);
    }
  });

  it('cannot bypass row-level security by setting techstore.store_id itself', async () => {
    const theirs = sale(belgranoCashier, 2);
    await push(belgranoCashier, [theirs]);
    const forge = `SET LOCAL techstore.store_id = '${belgrano.id}'`;
    await cashier.client.query(`SET techstore.store_id = '${belgrano.id}'`);
    try {
      expect((await pullAll(cashier)).map((r) => r.row.id)).not.toContain(saleIdOf(theirs));
      expect((await pullAll(cashier, forge)).map((r) => r.row.id)).not.toContain(saleIdOf(theirs));
      expect(await snapshotIds(cashier, 'sales', forge)).not.toContain(saleIdOf(theirs));
      expect(await digestCount(cashier, 'sales')).toBe(await count('sales', 'store_id = $1', [palermo.id]));
      // With the setting forged, a push still lands in the login's own store.
      const mine = sale(cashier, 5, belgrano.id);
      await push(cashier, [mine]);
      expect(await saleStore(saleIdOf(mine))).toBe(palermo.id);
    } finally {
      await cashier.client.query('RESET techstore.store_id');
    }
  });

  it('cannot pass a table name through a payload: that mutation is quarantined and the rest apply', async () => {
    const rolesBefore = await admin.query('SELECT rolname FROM pg_roles ORDER BY 1');
    const terminalsBefore = await admin.query(
      'SELECT role_name, store_id, code, id FROM techstore.terminals ORDER BY 1',
    );
    const tablesBefore = await admin.query(
      "SELECT schemaname, tablename FROM pg_tables WHERE schemaname <> 'pg_toast' ORDER BY 1, 2",
    );
    const first = sale(cashier, 10);
    const hostile: Mutation[] = [
      { ...sale(cashier, 11), payload: { pg_authid: [{ rolname: 'intruder', rolsuper: true }] } },
      { ...sale(cashier, 12), payload: { terminals: [{ role_name: 'intruder', store_id: belgrano.id, code: 'T99' }] } },
      { ...sale(cashier, 13), payload: { 'users; DROP TABLE techstore.sales; --': [{ id: newId() }] } },
      {
        ...sale(cashier, 14),
        payload: { changes: [{ table: 'terminals', id: newId(), columns: { store_id: belgrano.id } }] },
      },
    ];
    const last = sale(cashier, 15);
    const result = await push(cashier, [first, ...hostile, last]);
    expect(result.acked_seq).toBe(15);
    expect(result.quarantined.map((q) => q.mutation_id).sort()).toEqual(hostile.map((m) => m.mutation_id).sort());
    for (const q of result.quarantined) expect(q.error).toMatch(/unknown table/);
    expect(await saleStore(saleIdOf(first))).toBe(palermo.id);
    expect(await saleStore(saleIdOf(last))).toBe(palermo.id);
    const quarantined = await admin.query<{ mutation_id: string; error: string }>(
      'SELECT mutation_id, error FROM techstore.quarantined_mutations WHERE mutation_id = ANY ($1)',
      [hostile.map((m) => m.mutation_id)],
    );
    expect(quarantined.rows).toHaveLength(hostile.length);
    // Nothing else happened: no role, no terminal, no table appeared or went away.
    expect((await admin.query('SELECT rolname FROM pg_roles ORDER BY 1')).rows).toEqual(rolesBefore.rows);
    expect(
      (await admin.query('SELECT role_name, store_id, code, id FROM techstore.terminals ORDER BY 1')).rows,
    ).toEqual(terminalsBefore.rows);
    expect(
      (await admin.query("SELECT schemaname, tablename FROM pg_tables WHERE schemaname <> 'pg_toast' ORDER BY 1, 2"))
        .rows,
    ).toEqual(tablesBefore.rows);
  });
});

describe('revoking a terminal', () => {
  it('ends its open connection at once and refuses its next login', async () => {
    const login = await addTerminal(admin, { storeCode: 'PAL', terminalCode: 'T03' });
    const url = withCredentials(database.url, login.role, login.password);
    const open = await connect(url);
    await open.query('SELECT sync_api.register($1, $2, NULL)', [newId(), 'T03']);
    await revokeTerminal(admin, { storeCode: 'PAL', terminalCode: 'T03' });
    expect(await sqlState(open, 'SELECT 1')).not.toBe('ok');
    const again = new pg.Client({ connectionString: url });
    again.on('error', () => undefined);
    // 28000: "role ... is not permitted to log in".
    await expect(again.connect()).rejects.toMatchObject({ code: '28000' });
    await again.end().catch(() => undefined);
  });
});

describe('a login outside pos_terminal', () => {
  it('cannot call sync_api: PUBLIC holds no EXECUTE on any of its functions', async () => {
    const publicGrants = await admin.query<{ name: string }>(
      `SELECT p.proname AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname IN ('sync_api', 'techstore') AND has_function_privilege('public', p.oid, 'EXECUTE')`,
    );
    expect(publicGrants.rows).toEqual([]);
    const role = `plain_probe_${randomBytes(4).toString('hex')}`;
    const password = randomBytes(12).toString('hex');
    await admin.query(`CREATE ROLE ${admin.escapeIdentifier(role)} LOGIN PASSWORD ${admin.escapeLiteral(password)}`);
    // CONNECT is no longer PUBLIC's either (initCentral): granted here so the call itself is what gets refused.
    await admin.query(
      `GRANT CONNECT ON DATABASE ${admin.escapeIdentifier(database.name)} TO ${admin.escapeIdentifier(role)}`,
    );
    try {
      const plain = await connect(withCredentials(database.url, role, password));
      expect(await sqlState(plain, "SELECT sync_api.push('[]'::jsonb, '000000000000001-000000-x')")).toBe(
        PERMISSION_DENIED,
      );
      expect(await sqlState(plain, "SELECT sync_api.digest('sales')")).toBe(PERMISSION_DENIED);
      const privilege = await admin.query<{ ok: boolean }>(
        "SELECT has_function_privilege($1, 'sync_api.push(jsonb, text)', 'EXECUTE') AS ok",
        [role],
      );
      expect(privilege.rows[0]?.ok).toBe(false);
      await plain.end();
    } finally {
      await admin.query(
        `REVOKE ALL ON DATABASE ${admin.escapeIdentifier(database.name)} FROM ${admin.escapeIdentifier(role)}`,
      );
      await admin.query(`DROP ROLE ${admin.escapeIdentifier(role)}`);
    }
  });
});

describe('push through a real terminal login', () => {
  let till: Terminal;
  beforeAll(async () => {
    till = await newTerminal(palermo, 'T02');
  });

  async function ledgerCounts(): Promise<number[]> {
    // One after another: a pg client runs one query at a time.
    const counts: number[] = [];
    for (const table of ['sales', 'sale_lines', 'payments', 'stock_movements', 'applied_mutations'])
      counts.push(await count(table));
    return counts;
  }

  it('applies a sale pushed twice (a retry after a lost response) once', async () => {
    const batch = [sale(till, 1), sale(till, 2)];
    expect(await push(till, batch)).toMatchObject({ acked_seq: 2, quarantined: [] });
    const after = await ledgerCounts();
    expect(await push(till, batch)).toMatchObject({ acked_seq: 2, quarantined: [] });
    expect(await ledgerCounts()).toEqual(after);
  });

  it('applies a new mutation id below the fence (a restored backup renumbers) and keeps the fence', async () => {
    const restored = sale(till, 1);
    expect(await push(till, [restored])).toMatchObject({ acked_seq: 2, quarantined: [] });
    expect(await saleStore(saleIdOf(restored))).toBe(palermo.id);
  });

  it('quarantines a poison mutation in the middle with its error and moves the fence past it', async () => {
    const before = sale(till, 3);
    const poison = sale(till, 4);
    const lines = poison.payload.sale_lines;
    if (Array.isArray(lines) && lines[0]) lines[0].quantity = 'one';
    const after = sale(till, 5);
    const result = await push(till, [before, poison, after]);
    expect(result.acked_seq).toBe(5);
    expect(result.quarantined).toEqual([
      { mutation_id: poison.mutation_id, seq: 4, error: expect.stringMatching(/invalid input syntax for type bigint/) },
    ]);
    expect(await saleStore(saleIdOf(before))).toBe(palermo.id);
    expect(await saleStore(saleIdOf(after))).toBe(palermo.id);
    // The whole mutation is quarantined, not half of it: its sale row was rolled back with its bad line.
    expect(await saleStore(saleIdOf(poison))).toBeUndefined();
    const stored = await admin.query<{ error: string; seq: string; resolved_at: Date | null }>(
      'SELECT error, seq, resolved_at FROM techstore.quarantined_mutations WHERE mutation_id = $1',
      [poison.mutation_id],
    );
    expect(stored.rows).toEqual([{ error: expect.stringMatching(/bigint/), seq: '4', resolved_at: null }]);
    expect(await count('alerts', "kind = 'quarantined_mutation' AND entity_id = $1", [poison.mutation_id])).toBe(1);
    // Pushed again, it stays quarantined once and blocks nothing.
    const next = sale(till, 6);
    expect(await push(till, [poison, next])).toMatchObject({ acked_seq: 6, quarantined: [] });
    expect(await saleStore(saleIdOf(next))).toBe(palermo.id);
  });
});
