import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../shared/ids';
import { centralServers } from '../../support/pg-servers';
import { type SimTerminal, SyncChain } from '../../support/sync-chain';

describe.each(centralServers())('on PostgreSQL %s', (label, adminUrl) => {
  let chain: SyncChain;
  let t01: SimTerminal;
  let t02: SimTerminal;
  let phoneId: string;

  const stockOn = async (t: SimTerminal, productId: string) =>
    (await t.harness.ok('catalog.get', { id: productId })).stockOnHand;

  async function sell(t: SimTerminal, productId: string, quantity: number) {
    return t.harness.ok('sales.complete', {
      saleId: newId(),
      lines: [{ productId, quantity }],
      payment: { method: 'cash', tendered: 1_000_000_000 },
    });
  }

  beforeAll(async () => {
    chain = await SyncChain.create(adminUrl, `sync_two_${label}`);
    t01 = await chain.standalone('PAL', 'T01');
    const phone = await t01.harness.createProduct({ sku: 'SAM-A15', name: 'Samsung Galaxy A15', price: 30_000_000 });
    phoneId = phone.id;
    await t01.harness.ok('stock.adjust', { productId: phoneId, quantity: 5, reason: 'receipt' });
    await sell(t01, phoneId, 1);
    await t01.engine.syncOnce();
    t02 = await chain.joined('PAL', 'T02');
  }, 120_000);

  afterAll(async () => {
    await chain?.close();
  });

  describe('two terminals of one store', () => {
    it('a joined terminal starts with the chain: users, catalog, and the store stock', async () => {
      expect(await stockOn(t02, phoneId)).toBe(4);
      expect((await t02.harness.ok('catalog.search', { query: 'sam gal' })).items.map((i) => i.name)).toEqual([
        'Samsung Galaxy A15',
      ]);
      expect((await t02.harness.ok('app.status', {})).terminalCode).toBe('T02');
      // It started from a snapshot: its feed cursor begins at the snapshot's watermark, not at the feed's start.
      const state = t02.sqlite.prepare('SELECT cursor_txid FROM sync_state').get() as { cursor_txid: string };
      expect(BigInt(state.cursor_txid)).toBeGreaterThan(0n);
    });

    it('a sale on one terminal reaches the other, numbered by its own terminal', async () => {
      const receipt = await sell(t02, phoneId, 2);
      expect(receipt.number).toBe('T02-00000001');
      await chain.settle();
      expect(await stockOn(t01, phoneId)).toBe(2);
      expect(await stockOn(t02, phoneId)).toBe(2);
      expect((await t01.harness.ok('sales.get', { id: receipt.id })).total).toBe(60_000_000);
    });

    it('applies nothing twice when a terminal pushes its whole outbox again', async () => {
      const counts = async () =>
        (
          await chain.admin.query(
            `SELECT (SELECT count(*) FROM techstore.sales) AS sales, (SELECT count(*) FROM techstore.stock_movements) AS moves,
                    (SELECT count(*) FROM techstore.applied_mutations) AS applied`,
          )
        ).rows[0];
      const before = await counts();
      // As after a lost response or a restored backup: the terminal believes nothing was acknowledged.
      t01.sqlite.prepare('UPDATE sync_state SET acked_seq = 0').run();
      await t01.engine.push();
      expect(await counts()).toEqual(before);
    });

    it('merges edits of one product per column: each terminal keeps the other one’s column', async () => {
      await t01.harness.ok('catalog.update', { id: phoneId, changes: { price: 31_000_000 } });
      await t02.harness.ok('catalog.update', { id: phoneId, changes: { name: 'Samsung Galaxy A15 128 GB' } });
      await chain.settle();
      for (const t of [t01, t02]) {
        const product = await t.harness.ok('catalog.get', { id: phoneId });
        expect(product).toMatchObject({ price: 31_000_000, name: 'Samsung Galaxy A15 128 GB' });
      }
    });

    it('settles the same column edited on both sides on the later write, everywhere', async () => {
      await t01.harness.ok('catalog.update', { id: phoneId, changes: { price: 32_000_000 } });
      await t02.harness.ok('catalog.update', { id: phoneId, changes: { price: 33_000_000 } });
      await chain.settle();
      const central = await chain.admin.query('SELECT price FROM techstore.products WHERE id = $1', [phoneId]);
      expect(Number(central.rows[0]?.price)).toBe(33_000_000);
      for (const t of [t01, t02]) expect((await t.harness.ok('catalog.get', { id: phoneId })).price).toBe(33_000_000);
    });

    it('keeps both sales of the last unit sold offline: stock -1 everywhere and one alert', async () => {
      const cable = await t01.harness.createProduct({ sku: 'CAB-1', name: 'Cable USB-C', price: 900_000 });
      await t01.harness.ok('stock.adjust', { productId: cable.id, quantity: 1, reason: 'receipt' });
      await chain.settle();
      await sell(t01, cable.id, 1);
      await sell(t02, cable.id, 1);
      await chain.settle();
      expect(await stockOn(t01, cable.id)).toBe(-1);
      expect(await stockOn(t02, cable.id)).toBe(-1);
      const alerts = await chain.admin.query(
        "SELECT count(*)::int AS n FROM techstore.alerts WHERE kind = 'negative_stock' AND entity_id = $1",
        [cable.id],
      );
      expect(alerts.rows[0]?.n).toBe(1);
    });
  });
});
