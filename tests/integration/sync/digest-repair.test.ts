import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkAndRepairDigests } from '../../../electron/core/sync/digest-check';
import { newId } from '../../../shared/ids';
import { type SimTerminal, SyncChain } from '../../support/sync-chain';

let chain: SyncChain;
let t01: SimTerminal;
let t02: SimTerminal;
let productId: string;
let saleId: string;

beforeAll(async () => {
  chain = await SyncChain.create(inject('pgAdminUrl'), 'sync_digest');
  t01 = await chain.standalone('PAL', 'T01');
  productId = (await t01.harness.createProduct({ sku: 'PB-1', name: 'Power bank', price: 2_000_000 })).id;
  await t01.harness.ok('stock.adjust', { productId, quantity: 4, reason: 'receipt' });
  saleId = (
    await t01.harness.ok('sales.complete', {
      saleId: newId(),
      lines: [{ productId, quantity: 1 }],
      payment: { method: 'cash', tendered: 2_000_000 },
    })
  ).id;
  await t01.engine.syncOnce();
  t02 = await chain.joined('PAL', 'T02');
}, 120_000);

afterAll(async () => {
  await chain?.close();
});

describe('digests (SYNC.md property 9)', () => {
  it('agree with central on every table of a terminal in sync', async () => {
    await chain.settle(); // T02's own login audit events reach central first
    expect(await checkAndRepairDigests(t02.sqlite, t02.central)).toEqual([]);
    expect(await checkAndRepairDigests(t01.sqlite, t01.central)).toEqual([]);
  });

  it('find a corrupted history row and a corrupted product, and repair just those slices', async () => {
    // Damage as a disk error or a bad tool would: bypass the append-only guard the way only repair may.
    t02.sqlite.transaction(() => {
      t02.sqlite.prepare('UPDATE sync_state SET repairing = 1').run();
      t02.sqlite.prepare('UPDATE sale_lines SET quantity = 7 WHERE sale_id = ?').run(saleId);
      t02.sqlite.prepare("DELETE FROM audit_events WHERE action = 'stock.adjust'").run();
      t02.sqlite.prepare('UPDATE sync_state SET repairing = 0').run();
    })();
    t02.sqlite.prepare('UPDATE products SET price = 1 WHERE id = ?').run(productId);

    const repaired = await checkAndRepairDigests(t02.sqlite, t02.central);
    expect(repaired.map((r) => r.table).sort()).toEqual(['audit_events', 'products', 'sale_lines']);
    expect(repaired.every((r) => r.repaired === 1)).toBe(true);
    expect(await checkAndRepairDigests(t02.sqlite, t02.central)).toEqual([]);
    expect((await t02.harness.ok('sales.get', { id: saleId })).lines[0]?.quantity).toBe(1);
    expect((await t02.harness.ok('catalog.get', { id: productId })).price).toBe(2_000_000);
    expect((await t02.harness.ok('catalog.search', { query: 'power' })).items.map((i) => i.id)).toEqual([productId]);
  });

  it('still refuses to edit history outside a repair', () => {
    expect(() => t02.sqlite.prepare('UPDATE sales SET total = 0').run()).toThrow(/append-only/);
  });
});
