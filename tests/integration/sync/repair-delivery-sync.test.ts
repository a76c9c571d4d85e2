import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAndRepairDigests } from '../../../electron/core/sync/digest-check';
import { newId } from '../../../shared/ids';
import { centralServers } from '../../support/pg-servers';
import { type SimTerminal, SyncChain } from '../../support/sync-chain';

describe.each(centralServers())('repair delivery across terminals on PostgreSQL %s', (label, adminUrl) => {
  let chain: SyncChain;
  let t01: SimTerminal;
  let t02: SimTerminal;
  let customerId: string;

  beforeAll(async () => {
    chain = await SyncChain.create(adminUrl, `sync_repair_delivery_${label}`);
    t01 = await chain.standalone('PAL', 'T01');
    customerId = (await t01.harness.ok('customers.create', { name: 'Lucía Fernández', phone: '11 5555-0101' })).id;
    await t01.engine.syncOnce();
    t02 = await chain.joined('PAL', 'T02');
  }, 180_000);

  afterAll(async () => {
    await chain?.close();
  });

  it('an order taken in on T02 offline with a seña is delivered on T01; one balance everywhere', async () => {
    // T02, not syncing: intake with a seña, the bench, ready for pickup.
    const order = await t02.harness.ok('repairs.intake', {
      orderId: newId(),
      customerId,
      device: { type: 'Celular', brand: 'Motorola', model: 'G84', imei: '490154203237518' },
      reportedFault: 'no enciende',
      estimate: 9_000_000,
      estimatePreApproved: true,
      deposit: { amount: 1_000_000, method: 'cash' },
    });
    for (const to of ['diagnosing', 'in_repair', 'repaired', 'ready_for_pickup'] as const) {
      await t02.harness.ok('repairs.transition', { orderId: order.id, to });
    }
    await t01.engine.syncOnce();
    expect((await t01.harness.fails('repairs.get', { id: order.id })).code).toBe('NOT_FOUND');

    await chain.settle();
    expect(await t01.harness.ok('repairs.deliveryBalance', { orderId: order.id })).toMatchObject({
      price: 9_000_000,
      deposits: 1_000_000,
      amountDue: 8_000_000,
    });
    const saleId = newId();
    const delivered = await t01.harness.ok('repairs.deliver', {
      orderId: order.id,
      saleId,
      payments: [
        { method: 'cash', amount: 4_000_000 },
        { method: 'customer_account', amount: 4_000_000 },
      ],
    });
    expect(delivered.receipt).toMatchObject({ number: 'T01-00000001', total: 8_000_000 });
    await chain.settle();

    const quarantined = await chain.admin.query('SELECT mutation_id FROM techstore.quarantined_mutations');
    expect(quarantined.rows).toEqual([]);
    const central = await chain.admin.query<{ balance: string }>(
      'SELECT sum(amount) AS balance FROM techstore.customer_account_entries WHERE customer_id = $1',
      [customerId],
    );
    expect(Number(central.rows[0]?.balance)).toBe(4_000_000);
    for (const t of [t01, t02]) {
      expect((await t.harness.ok('customers.get', { id: customerId })).balance).toBe(4_000_000);
      const detail = await t.harness.ok('repairs.get', { id: order.id });
      expect(detail).toMatchObject({ status: 'delivered', deliveredSaleId: saleId, totals: { deposits: 1_000_000 } });
      // Both tickets on both terminals of the store: the seña T02 sold and the delivery T01 sold.
      expect(await t.harness.ok('sales.get', { id: saleId })).toMatchObject({
        total: 8_000_000,
        repair: { orderId: order.id, role: 'delivery' },
      });
      const depositSaleId = String(detail.timeline.find((e) => e.kind === 'deposit')?.details.saleId);
      expect(await t.harness.ok('sales.get', { id: depositSaleId })).toMatchObject({
        number: 'T02-00000001',
        total: 1_000_000,
        repair: { orderId: order.id, role: 'deposit' },
      });
    }
    const centralOrder = await chain.admin.query<{ status: string; delivered_sale_id: string }>(
      'SELECT status, delivered_sale_id FROM techstore.repair_orders WHERE id = $1',
      [order.id],
    );
    expect(centralOrder.rows).toEqual([{ status: 'delivered', delivered_sale_id: saleId }]);
    for (const t of [t01, t02]) {
      const repaired = await checkAndRepairDigests(t.sqlite, t.central);
      expect(repaired).toEqual([]);
    }
  });
});
