/**
 * Issue 9, "money has business bounds", on central (migration 0012): a terminal's real login pushes what a tampered
 * terminal could (its outbox edited on its own SQLite file): a payment of 9007199254740991 centavos on a customer of
 * another store, a product priced past the bound, a sale line past the largest quantity, thousands of times the
 * largest adjustment. Each is quarantined with its reason while the rest of the backlog applies; none of it reaches
 * central's tables or another terminal; the customer stays readable on every terminal.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTerminal } from '../../../db/central/central-admin';
import { encodeHlc } from '../../../shared/hlc';
import { newId } from '../../../shared/ids';
import { MONEY_BOUNDS, QUANTITY_BOUNDS } from '../../../shared/money-bounds';
import { withCredentials } from '../../support/pg-database';
import { centralServers } from '../../support/pg-servers';
import { readIdentity, type SimTerminal, SyncChain } from '../../support/sync-chain';

const ABSURD = Number.MAX_SAFE_INTEGER; // 9007199254740991

/** The outbox mutation a core call just wrote on this terminal. */
function lastMutation(t: SimTerminal, kind: string): { seq: number; mutationId: string } {
  const row = t.sqlite
    .prepare('SELECT seq, mutation_id FROM outbox WHERE kind = ? ORDER BY seq DESC LIMIT 1')
    .get(kind) as { seq: number; mutation_id: string } | undefined;
  if (!row) throw new Error(`no ${kind} in the outbox`);
  return { seq: row.seq, mutationId: row.mutation_id };
}

/** Edits a mutation waiting in the outbox, as anyone holding the terminal's file could before it is pushed. */
function tamper(t: SimTerminal, kind: string, path: string, value: number): string {
  const { seq, mutationId } = lastMutation(t, kind);
  // As JSON text: a number bound as such would be written as a real (10000.0), which central refuses anyway.
  t.sqlite
    .prepare('UPDATE outbox SET payload = json_set(payload, ?, json(?)) WHERE seq = ?')
    .run(path, String(value), seq);
  return mutationId;
}

let forgeCounter = 0;

/** A mutation written straight into a terminal's outbox; its real engine pushes it with its real login. */
function forge(t: SimTerminal, kind: string, payload: Record<string, unknown>): string {
  const mutationId = newId();
  const hlc = encodeHlc({ wallMs: Date.now(), counter: ++forgeCounter, node: readIdentity(t.sqlite).terminalId });
  t.sqlite
    .prepare('INSERT INTO outbox (mutation_id, kind, payload, hlc, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(mutationId, kind, JSON.stringify(payload), hlc, new Date().toISOString());
  return mutationId;
}

function adjustment(t: SimTerminal, customerId: string, amount: number): Record<string, unknown> {
  const { terminalId, storeId } = readIdentity(t.sqlite);
  const userId = (t.sqlite.prepare("SELECT id FROM users WHERE role = 'admin' LIMIT 1").get() as { id: string }).id;
  return {
    id: newId(),
    customer_id: customerId,
    kind: 'adjustment',
    amount,
    method: null,
    reference: null,
    sale_id: null,
    repair_order_id: null,
    note: 'ajuste',
    user_id: userId,
    store_id: storeId,
    terminal_id: terminalId,
    created_at: new Date().toISOString(),
    hlc: encodeHlc({ wallMs: Date.now(), counter: ++forgeCounter, node: terminalId }),
  };
}

describe.each(centralServers())('central refuses amounts past their bounds, on PostgreSQL %s', (label, adminUrl) => {
  let chain: SyncChain;
  let pal1: SimTerminal;
  let pal2: SimTerminal;
  let bel1: SimTerminal;
  let customerId: string;
  let productId: string;

  const everyone = () => [pal1, pal2, bel1];
  const centralRows = async (sql: string, values: unknown[]) => (await chain.admin.query(sql, values)).rows;
  const centralBalance = async (id: string) =>
    Number(
      (
        await chain.admin.query<{ b: string }>(
          'SELECT coalesce(sum(amount), 0)::text AS b FROM techstore.customer_account_entries WHERE customer_id = $1',
          [id],
        )
      ).rows[0]?.b,
    );
  const quarantinedError = async (mutationId: string) =>
    (
      await chain.admin.query<{ error: string }>(
        'SELECT error FROM techstore.quarantined_mutations WHERE mutation_id = $1',
        [mutationId],
      )
    ).rows[0]?.error;

  /** customers.get and customers.ledger answer on every terminal, with central's balance where asked. */
  async function readableEverywhere(id: string, balance?: number) {
    for (const t of everyone()) {
      const customer = await t.harness.ok('customers.get', { id });
      const ledger = await t.harness.ok('customers.ledger', { customerId: id, limit: 200 });
      expect(ledger.balance).toBe(customer.balance);
      if (balance !== undefined && t !== pal1) expect(customer.balance).toBe(balance);
    }
  }

  beforeAll(async () => {
    chain = await SyncChain.create(adminUrl, `money_bounds_${label}`);
    pal1 = await chain.standalone('PAL', 'T01');
    bel1 = await chain.standalone('BEL', 'T01');
    customerId = (await bel1.harness.ok('customers.create', { name: 'Juana Cliente', creditLimit: 5_000_000 })).id;
    await bel1.harness.ok('accounts.adjust', {
      entryId: newId(),
      customerId,
      amount: 300_000,
      note: 'saldo inicial',
    });
    productId = (await pal1.harness.createProduct({ sku: 'FUNDA-1', name: 'Funda', price: 500_000 })).id;
    await chain.settle();
    pal2 = await chain.joined('PAL', 'T02');
    await chain.settle();
  }, 240_000);

  afterAll(async () => {
    await chain?.close();
  });

  it('quarantines a payment of 9007199254740991 on a customer of another store; later payments apply and the customer reads everywhere', async () => {
    await pal1.harness.ok('accounts.recordPayment', { entryId: newId(), customerId, amount: 100, method: 'cash' });
    const absurd = tamper(pal1, 'account.payment', '$.customer_account_entries[0].amount', -ABSURD);
    const absurdEntry = (
      pal1.sqlite.prepare('SELECT payload FROM outbox WHERE mutation_id = ?').get(absurd) as {
        payload: string;
      }
    ).payload;
    const absurdId = String(JSON.parse(absurdEntry).customer_account_entries[0].id);
    // The same as a charge, forged whole.
    const charge = forge(pal1, 'account.adjust', {
      customer_account_entries: [{ ...adjustment(pal1, customerId, ABSURD), kind: 'charge' }],
    });
    const later = await pal1.harness.ok('accounts.recordPayment', {
      entryId: newId(),
      customerId,
      amount: 50_000,
      method: 'cash',
    });

    const pushed = await pal1.engine.push();
    expect(pushed).toEqual({ pushed: 3, quarantined: 2 });
    for (const id of [absurd, charge]) {
      expect(await quarantinedError(id)).toMatch(
        /^new row for relation "customer_account_entries" violates check constraint "customer_account_entries_amount_bounds"/,
      );
    }
    expect(await centralRows('SELECT 1 FROM techstore.customer_account_entries WHERE id = $1', [absurdId])).toEqual([]);
    expect(
      await centralRows('SELECT 1 FROM techstore.customer_account_entries WHERE abs(amount) >= $1', [String(ABSURD)]),
    ).toEqual([]);
    expect(
      await centralRows('SELECT amount::int FROM techstore.customer_account_entries WHERE id = $1', [later.entry.id]),
    ).toEqual([{ amount: -50_000 }]);
    expect(await centralBalance(customerId)).toBe(250_000);

    const { items } = await pal1.harness.ok('sync.quarantined', {});
    expect(items.filter((i) => [absurd, charge].includes(i.mutationId)).map((i) => i.reason)).toEqual([
      'over_bounds',
      'over_bounds',
    ]);

    await chain.settle();
    await readableEverywhere(customerId, 250_000);
    for (const t of [pal2, bel1]) {
      const held = t.sqlite
        .prepare('SELECT count(*) AS n FROM customer_account_entries WHERE customer_id = ? AND abs(amount) >= ?')
        .get(customerId, ABSURD) as { n: number };
      expect(held.n).toBe(0);
    }
  });

  it('quarantines a product priced past the bound, new or edited; the catalog stays as it was everywhere', async () => {
    const created = await pal1.harness.createProduct({ sku: 'CARO-1', name: 'Carísimo', price: 1_000 });
    const newProduct = tamper(pal1, 'product.create', '$.products[0].price', MONEY_BOUNDS.unitPrice + 1);
    await pal1.harness.ok('catalog.update', { id: productId, changes: { cost: 200_000 } });
    const edit = tamper(pal1, 'product.update', '$.changes[0].columns.cost', MONEY_BOUNDS.unitPrice + 1);
    await pal1.harness.ok('catalog.update', { id: productId, changes: { price: 600_000 } });

    expect(await pal1.engine.push()).toEqual({ pushed: 3, quarantined: 2 });
    expect(await quarantinedError(newProduct)).toMatch(/violates check constraint "products_price_bounds"/);
    expect(await quarantinedError(edit)).toMatch(/violates check constraint "products_cost_bounds"/);
    expect(await centralRows('SELECT 1 FROM techstore.products WHERE id = $1', [created.id])).toEqual([]);
    expect(
      await centralRows('SELECT price::int, cost::int FROM techstore.products WHERE id = $1', [productId]),
    ).toEqual([{ price: 600_000, cost: 900_000 }]);

    await chain.settle();
    for (const t of [pal2, bel1]) {
      expect(await t.harness.fails('catalog.get', { id: created.id })).toMatchObject({ code: 'NOT_FOUND' });
      expect(await t.harness.ok('catalog.get', { id: productId })).toMatchObject({ price: 600_000 });
    }
  });

  it('quarantines a sale whose line is past the largest quantity, whole; the next sale applies', async () => {
    const sale = await pal1.harness.ok('sales.complete', {
      saleId: newId(),
      lines: [{ productId, quantity: 1 }],
      payment: { method: 'cash', tendered: 600_000 },
    });
    const tampered = tamper(pal1, 'sale.complete', '$.sale_lines[0].quantity', QUANTITY_BOUNDS.saleLine + 1);
    const next = await pal1.harness.ok('sales.complete', {
      saleId: newId(),
      lines: [{ productId, quantity: 2 }],
      payment: { method: 'cash', tendered: 1_200_000 },
    });

    expect(await pal1.engine.push()).toEqual({ pushed: 2, quarantined: 1 });
    expect(await quarantinedError(tampered)).toMatch(/violates check constraint "sale_lines_quantity_bounds"/);
    const saleId = sale.id;
    const nextId = next.id;
    await chain.admin.query('BEGIN');
    try {
      const { storeId } = readIdentity(pal1.sqlite);
      await chain.admin.query("SELECT set_config('techstore.store_id', $1, true)", [storeId]);
      for (const table of ['sales', 'payments', 'stock_movements']) {
        const column = table === 'sales' ? 'id' : 'sale_id';
        expect(await centralRows(`SELECT 1 FROM techstore.${table} WHERE ${column} = $1`, [saleId])).toEqual([]);
      }
      expect(await centralRows('SELECT 1 FROM techstore.sale_lines WHERE sale_id = $1', [saleId])).toEqual([]);
      expect(await centralRows('SELECT quantity::int FROM techstore.sale_lines WHERE sale_id = $1', [nextId])).toEqual([
        { quantity: 2 },
      ]);
    } finally {
      await chain.admin.query('ROLLBACK');
    }

    await chain.settle();
    expect(await pal2.harness.fails('sales.get', { id: saleId })).toMatchObject({ code: 'NOT_FOUND' });
    expect((await pal2.harness.ok('sales.get', { id: nextId })).lines[0]?.quantity).toBe(2);
  });

  it("refuses an entry that would take a line of a customer's statement past the cap; the customer reads everywhere", async () => {
    const target = (await bel1.harness.ok('customers.create', { name: 'Pedro Blanco' })).id;
    await chain.settle();
    const largest = MONEY_BOUNDS.accountBalance;
    const fits = MONEY_BOUNDS.chainBalance / largest;
    // Up to the cap exactly and one step over it; an ordinary payment; down past the cap the other way.
    const up = Array.from({ length: fits + 1 }, () =>
      forge(pal1, 'account.adjust', { customer_account_entries: [adjustment(pal1, target, largest)] }),
    );
    const payment = await pal1.harness.ok('accounts.recordPayment', {
      entryId: newId(),
      customerId: target,
      amount: 100,
      method: 'cash',
    });
    const down = Array.from({ length: 2 * fits }, () =>
      forge(pal1, 'account.adjust', { customer_account_entries: [adjustment(pal1, target, -largest)] }),
    );
    // Dated long ago: the balance at the end stays small, but every line after it would pass the cap.
    const backdated = forge(pal1, 'account.adjust', {
      customer_account_entries: [{ ...adjustment(pal1, target, largest), created_at: '2001-01-01T00:00:00.000Z' }],
    });

    expect((await pal1.engine.push()).quarantined).toBe(3);
    const over = (to: string) =>
      new RegExp(
        `^over bounds: an entry of -?${largest} would take the balance of customer ${target} to ${to} centavos`,
      );
    expect(await quarantinedError(up.at(-1) ?? '')).toMatch(over(String(MONEY_BOUNDS.chainBalance + largest)));
    expect(await quarantinedError(down.at(-1) ?? '')).toMatch(over(String(-MONEY_BOUNDS.chainBalance - 100)));
    expect(await quarantinedError(backdated)).toMatch(over(String(MONEY_BOUNDS.chainBalance + largest)));
    const { items } = await pal1.harness.ok('sync.quarantined', {});
    expect(items.find((i) => i.mutationId === backdated)?.reason).toBe('over_bounds');
    const balance = -(fits - 1) * largest - 100;
    expect(await centralBalance(target)).toBe(balance);
    expect(
      await centralRows('SELECT 1 FROM techstore.customer_account_entries WHERE id = $1', [payment.entry.id]),
    ).toHaveLength(1);

    await chain.settle();
    await readableEverywhere(target, balance);
    for (const t of everyone()) {
      let before: { createdAt: string; id: string } | null = null;
      let lines = 0;
      do {
        const page: Awaited<ReturnType<typeof t.harness.ok<'customers.ledger'>>> = await t.harness.ok(
          'customers.ledger',
          { customerId: target, limit: 50, before },
        );
        for (const item of page.entries.items)
          expect(Math.abs(item.balanceAfter)).toBeLessThanOrEqual(MONEY_BOUNDS.chainBalance);
        lines += page.entries.items.length;
        before = page.entries.nextCursor;
      } while (before);
      expect(lines).toBe(fits + 1 + 2 * fits - 1);
    }
  });

  it('holds the cap when two stores push at once: the later push waits for the earlier and is refused', async () => {
    const target = (await bel1.harness.ok('customers.create', { name: 'Rosa Carrera' })).id;
    await chain.settle();
    const largest = MONEY_BOUNDS.accountBalance;
    const raw = async (store: string, code: string) => {
      const login = await addTerminal(chain.admin, { storeCode: store, terminalCode: code });
      const client = new pg.Client({
        connectionString: withCredentials(chain.database.url, login.role, login.password),
      });
      client.on('error', () => undefined);
      await client.connect();
      const id = newId();
      await client.query('SELECT sync_api.register($1, $2, NULL)', [id, code]);
      return { client, id, seq: 0 };
    };
    const push = async (t: { client: pg.Client; id: string; seq: number }, count: number) => {
      const userId = (pal1.sqlite.prepare("SELECT id FROM users WHERE role = 'admin' LIMIT 1").get() as { id: string })
        .id;
      const mutations = Array.from({ length: count }, () => {
        const hlc = encodeHlc({ wallMs: Date.now(), counter: ++t.seq, node: t.id });
        const row = {
          ...adjustment(pal1, target, largest),
          user_id: userId,
          terminal_id: t.id,
          hlc,
        };
        return {
          seq: t.seq,
          mutation_id: newId(),
          kind: 'account.adjust',
          hlc,
          payload: { customer_account_entries: [row] },
        };
      });
      const result = await t.client.query<{ r: { quarantined: { error: string }[] } }>(
        'SELECT sync_api.push($1::jsonb, $2) AS r',
        [JSON.stringify(mutations), mutations.at(-1)?.hlc],
      );
      return result.rows[0]?.r.quarantined ?? [];
    };
    const a = await raw('PAL', 'T05');
    const b = await raw('BEL', 'T05');
    try {
      const fits = MONEY_BOUNDS.chainBalance / largest;
      expect(await push(a, fits - 1)).toEqual([]);
      await a.client.query('BEGIN');
      expect(await push(a, 1)).toEqual([]); // reaches the cap, not yet committed
      let settled = false;
      const racing = push(b, 1).finally(() => {
        settled = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(settled).toBe(false);
      await a.client.query('COMMIT');
      const refused = await racing;
      expect(refused.map((q) => q.error)).toEqual([expect.stringMatching(/^over bounds: /)]);
      expect(await centralBalance(target)).toBe(MONEY_BOUNDS.chainBalance);
      await chain.settle();
      await readableEverywhere(target, MONEY_BOUNDS.chainBalance);
    } finally {
      await a.client.end();
      await b.client.end();
    }
  });
});
