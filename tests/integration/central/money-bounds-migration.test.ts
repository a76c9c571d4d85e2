/**
 * Central migration 0012 on a central that already holds rows past the bounds, as an older or tampered terminal
 * pushed them before it (STYLE: a migration that meets data is tested on data). The rows stay; only their own
 * constraints stay NOT VALID, every other one is validated; every write from then on is judged. Terminals do not
 * store such a row when central sends it (pull, a fresh terminal's snapshot, the digest check): the customer it
 * belongs to reads on every terminal, and the sync worker keeps syncing and saying so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initCentral } from '../../../db/central/migrate-central';
import { checkAndRepairDigests } from '../../../electron/core/sync/digest-check';
import { encodeHlc } from '../../../shared/hlc';
import { newId } from '../../../shared/ids';
import { MONEY_BOUNDS } from '../../../shared/money-bounds';
import { centralServers } from '../../support/pg-servers';
import { readIdentity, type SimTerminal, SyncChain } from '../../support/sync-chain';
import { InProcessLoop, waitFor } from '../../support/sync-worker-chain';

const AT = '2026-06-01T12:00:00.000Z';
const LEGACY_CONSTRAINTS = ['customer_account_entries_amount_bounds', 'products_price_bounds'];

describe.each(centralServers())('central migration 0012 on PostgreSQL %s', (label, adminUrl) => {
  let chain: SyncChain;
  let t01: SimTerminal;
  let t02: SimTerminal;
  let bel: SimTerminal;
  let customerId: string;
  let applied: string[];
  const legacy = { absurd: newId(), backwards: newId(), product: newId() };

  const everyone = () => [t01, t02, bel];

  beforeAll(async () => {
    chain = await SyncChain.create(adminUrl, `money_bounds_0012_${label}`, { through: '0011_user_home_store' });
    t01 = await chain.standalone('PAL', 'T01');
    customerId = (await t01.harness.ok('customers.create', { name: 'Cliente Antiguo' })).id;
    await t01.harness.ok('accounts.adjust', { entryId: newId(), customerId, amount: 5_000, note: 'saldo inicial' });
    await t01.engine.syncOnce();

    // What central accepted before 0012: the payment-sized charge, a charge with a payment's sign (a row
    // no terminal's schema stores), and a product priced past the bound.
    const { terminalId, storeId } = readIdentity(t01.sqlite);
    const userId = (t01.sqlite.prepare("SELECT id FROM users WHERE role = 'admin' LIMIT 1").get() as { id: string }).id;
    const hlc = encodeHlc({ wallMs: Date.parse(AT), counter: 0, node: terminalId });
    for (const [id, amount] of [
      [legacy.absurd, String(Number.MAX_SAFE_INTEGER)],
      [legacy.backwards, '-500'],
    ] as const) {
      await chain.admin.query(
        `INSERT INTO techstore.customer_account_entries (id, customer_id, kind, amount, method, reference, sale_id,
           repair_order_id, note, user_id, store_id, terminal_id, created_at, hlc)
         VALUES ($1, $2, 'charge', $3, NULL, NULL, NULL, NULL, '', $4, $5, $6, $7, $8)`,
        [id, customerId, amount, userId, storeId, terminalId, AT, hlc],
      );
    }
    await chain.admin.query(
      `INSERT INTO techstore.products (id, sku, name, brand, category, price, cost, iva_rate_bp, min_stock,
         serial_tracked, archived, created_at, updated_at, col_hlc)
       VALUES ($1, 'CARO-LEGADO', 'Carísimo', '', '', $2, 0, 2100, 0, 0, 0, $3, $3, $4)`,
      [
        legacy.product,
        String(MONEY_BOUNDS.unitPrice * 10_000),
        AT,
        JSON.stringify({ name: hlc, price: hlc, sku: hlc }),
      ],
    );
    applied = (await initCentral(chain.admin)).applied;
    bel = await chain.standalone('BEL', 'T01');
  }, 240_000);

  afterAll(async () => {
    await chain?.close();
  });

  it('keeps the older rows and leaves only their constraints NOT VALID; every other one is validated', async () => {
    expect(applied).toEqual(['0012_money_bounds']);
    const constraints = await chain.admin.query<{ name: string; valid: boolean }>(
      `SELECT conname AS name, convalidated AS valid FROM pg_constraint
        WHERE connamespace = 'techstore'::regnamespace AND conname LIKE '%\\_bounds' ORDER BY 1`,
    );
    expect(constraints.rows.length).toBeGreaterThan(25);
    expect(constraints.rows.filter((c) => !c.valid).map((c) => c.name)).toEqual(LEGACY_CONSTRAINTS);
    const kept = await chain.admin.query(
      'SELECT id FROM techstore.customer_account_entries WHERE id = ANY ($1) UNION SELECT id FROM techstore.products WHERE id = $2',
      [[legacy.absurd, legacy.backwards], legacy.product],
    );
    expect(kept.rowCount).toBe(3);
  });

  it('a terminal stores none of them, by pull or by snapshot, and the customer reads on every terminal', async () => {
    expect(await t01.engine.syncOnce()).toMatchObject({ quarantined: 0 });
    t02 = await chain.joined('PAL', 'T02');
    await chain.settle();
    for (const t of everyone()) {
      const customer = await t.harness.ok('customers.get', { id: customerId });
      expect(customer.balance).toBe(5_000);
      const ledger = await t.harness.ok('customers.ledger', { customerId, limit: 50 });
      expect(ledger.entries.items.map((e) => e.amount)).toEqual([5_000]);
      expect(await t.harness.fails('catalog.get', { id: legacy.product })).toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it('the digest check reports them every time without failing, and the sync worker stays online', async () => {
    for (const t of everyone()) {
      for (let round = 0; round < 2; round++) {
        const slices = await checkAndRepairDigests(t.sqlite, t.central);
        const refused = Object.fromEntries(slices.map((s) => [s.table, s.refused]));
        expect(refused).toEqual({ customer_account_entries: 2, products: 1 });
        expect(slices.every((s) => s.repaired === 0)).toBe(true);
        expect(slices.find((s) => s.table === 'products')?.reason).toMatch(/products\.price .* past its bounds/);
      }
    }
    // The worker's own cycle: push, pull, alerts and the digest check (due at its first cycle), over and over.
    const worker = new InProcessLoop(t02.harness.core.databaseFile, t02.loginUrl, { periodMs: 50 });
    try {
      await waitFor('three cycles of T02’s worker', async () => (worker.statuses().length >= 3 ? true : undefined));
      expect(worker.statuses().map((s) => s.online)).not.toContain(false);
      expect(worker.logs().filter((l) => /could not|failed/.test(l))).toEqual([]);
      expect(worker.logs()).toContainEqual(
        expect.stringMatching(
          /^warn digest mismatch in customer_account_entries on 2026-06-01: 0 row\(s\) refetched; 2 not stored/,
        ),
      );
    } finally {
      await worker.stop();
    }
  });

  it('judges every later write: an edit of the older product is refused until its price is put right', async () => {
    const { terminalId } = readIdentity(t01.sqlite);
    const forge = (columns: Record<string, unknown>) => {
      const mutationId = newId();
      const hlc = encodeHlc({ wallMs: Date.now(), counter: 0, node: terminalId });
      t01.sqlite
        .prepare('INSERT INTO outbox (mutation_id, kind, payload, hlc, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(
          mutationId,
          'product.update',
          JSON.stringify({ changes: [{ table: 'products', id: legacy.product, columns }] }),
          hlc,
          new Date().toISOString(),
        );
      return mutationId;
    };
    const rename = forge({ name: 'Carísimo (revisar)' });
    expect((await t01.engine.push()).quarantined).toBe(1);
    const error = await chain.admin.query('SELECT error FROM techstore.quarantined_mutations WHERE mutation_id = $1', [
      rename,
    ]);
    expect(error.rows[0]?.error).toMatch(/violates check constraint "products_price_bounds"/);

    forge({ price: 1_500_000, name: 'Carísimo' });
    expect((await t01.engine.push()).quarantined).toBe(0);
    await chain.settle();
    for (const t of everyone()) {
      expect(await t.harness.ok('catalog.get', { id: legacy.product })).toMatchObject({ price: 1_500_000 });
    }
  });
});
