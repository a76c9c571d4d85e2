import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { newId } from '../../../shared/ids';
import { type SimTerminal, SyncChain } from '../../support/sync-chain';

let chain: SyncChain;
let t01: SimTerminal;
let productId: string;

const DAY_MS = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  chain = await SyncChain.create(inject('pgAdminUrl'), 'sync_backlog');
  t01 = await chain.standalone('PAL', 'T01');
  productId = (await t01.harness.createProduct({ sku: 'FUNDA-1', name: 'Funda', price: 500_000 })).id;
  await t01.engine.syncOnce();
}, 120_000);

afterAll(async () => {
  await chain?.close();
});

const centralCount = async (table: string) =>
  Number((await chain.admin.query(`SELECT count(*) AS n FROM techstore.${table}`)).rows[0]?.n);

describe('a poison mutation in a large backlog (SYNC.md property 3)', () => {
  it('is quarantined with its error while every other mutation applies, and stays visible', async () => {
    const sales = 1_500;
    for (let i = 0; i < sales; i++) {
      await t01.harness.ok('sales.complete', {
        saleId: newId(),
        lines: [{ productId, quantity: 1 }],
        payment: { method: 'cash', tendered: 500_000 },
      });
    }
    // A bug wrote one mutation central cannot apply: a stock movement whose quantity is not a number.
    const poison = t01.sqlite
      .prepare("SELECT seq, mutation_id FROM outbox WHERE kind = 'sale.complete' ORDER BY seq LIMIT 1 OFFSET 700")
      .get() as { seq: number; mutation_id: string };
    t01.sqlite
      .prepare("UPDATE outbox SET payload = json_set(payload, '$.stock_movements[0].quantity', 'many') WHERE seq = ?")
      .run(poison.seq);

    const salesBefore = await centralCount('sales');
    const result = await t01.engine.push(500);
    expect(result).toEqual({ pushed: sales, quarantined: 1 });
    expect((await centralCount('sales')) - salesBefore).toBe(sales - 1);

    const quarantined = await chain.admin.query('SELECT mutation_id, kind, error FROM techstore.quarantined_mutations');
    expect(quarantined.rows).toEqual([
      { mutation_id: poison.mutation_id, kind: 'sale.complete', error: expect.stringMatching(/bigint/) },
    ]);
    const local = t01.sqlite.prepare('SELECT quarantined, last_error FROM outbox WHERE seq = ?').get(poison.seq);
    expect(local).toEqual({ quarantined: 1, last_error: expect.stringMatching(/bigint/) });
    const fence = t01.sqlite.prepare('SELECT acked_seq FROM sync_state').get() as { acked_seq: number };
    const last = t01.sqlite.prepare('SELECT max(seq) AS seq FROM outbox').get() as { seq: number };
    expect(fence.acked_seq).toBe(last.seq);
    const alert = await chain.admin.query(
      "SELECT count(*)::int AS n FROM techstore.alerts WHERE kind = 'quarantined_mutation'",
    );
    expect(alert.rows[0]?.n).toBe(1);

    // Central loses its last commits (a crash with asynchronous commit, a restore from an older backup): the
    // poison's quarantine and the fence past it are gone. At reconnection the terminal pushes again from
    // central's fence, the poison included, so central knows it again; nothing else applies twice.
    await chain.admin.query('DELETE FROM techstore.quarantined_mutations');
    await chain.admin.query('DELETE FROM techstore.applied_mutations WHERE mutation_id = $1', [poison.mutation_id]);
    await chain.admin.query('UPDATE techstore.terminals SET acked_seq = $1 WHERE id IS NOT NULL', [poison.seq - 1]);
    await t01.engine.register();
    const again = await t01.engine.push(500);
    expect(again.quarantined).toBe(1);
    expect((await centralCount('sales')) - salesBefore).toBe(sales - 1);
    const back = await chain.admin.query('SELECT mutation_id FROM techstore.quarantined_mutations');
    expect(back.rows).toEqual([{ mutation_id: poison.mutation_id }]);
  }, 120_000);
});

describe('clocks that are days off (SYNC.md property 6)', () => {
  it('accepts the sales of a terminal two days ahead, quarantines its edits, and tells it the skew', async () => {
    const ahead = await chain.standalone('BEL', 'T01', { now: () => new Date(Date.now() + 2 * DAY_MS) });
    const product = await ahead.harness.createProduct({ sku: 'CARG-AHEAD', name: 'Cargador', price: 1_000_000 });
    const receipt = await ahead.harness.ok('sales.complete', {
      saleId: newId(),
      lines: [{ productId: product.id, quantity: 1 }],
      payment: { method: 'cash', tendered: 1_000_000 },
    });
    const result = await ahead.engine.push();
    // terminal.setup (its admin user) and product.create carry mutable rows stamped two days ahead.
    expect(result.quarantined).toBe(2);
    const sale = await chain.admin.query('SELECT number FROM techstore.sales WHERE id = $1', [receipt.id]);
    expect(sale.rows[0]).toEqual({ number: 'T01-00000001' });
    const product2 = await chain.admin.query('SELECT 1 FROM techstore.products WHERE id = $1', [product.id]);
    expect(product2.rowCount).toBe(0);
    const skew = ahead.engine.clockSkewMs();
    expect(skew).not.toBeNull();
    expect(Math.abs((skew ?? 0) - 2 * DAY_MS)).toBeLessThan(60_000);
  });

  it('lets a terminal two days behind take part: after one contact its edits win over older ones', async () => {
    const behind = await chain.standalone('CAB', 'T01', { now: () => new Date(Date.now() - 2 * DAY_MS) });
    await behind.engine.syncOnce(); // learns central's clock; its HLC never falls behind it again
    await t01.harness.ok('catalog.update', { id: productId, changes: { name: 'Funda silicona' } });
    await t01.engine.syncOnce();
    await behind.engine.pull();
    const admin = (await behind.harness.ok('users.listForLogin', {})).users.find((u) => u.name === 'Ana Admin');
    expect(admin).toBeDefined();
    await behind.harness.ok('catalog.update', { id: productId, changes: { name: 'Funda silicona negra' } });
    await chain.settle();
    const central = await chain.admin.query('SELECT name FROM techstore.products WHERE id = $1', [productId]);
    expect(central.rows[0]?.name).toBe('Funda silicona negra');
    expect((await t01.harness.ok('catalog.get', { id: productId })).name).toBe('Funda silicona negra');
    expect((behind.engine.clockSkewMs() ?? 0) + 2 * DAY_MS).toBeLessThan(60_000);
  });
});
