import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { newId } from '../../../shared/ids';
import { type SimTerminal, SyncChain } from '../../support/sync-chain';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A call that sells and also changes an order (a seña at intake, a delivery) must never hold its sale back from
 * central: the order's change from a clock two days ahead is quarantined (SYNC.md property 6), the money is not.
 */
describe('money reaches central even when the change it came with is quarantined', () => {
  let chain: SyncChain;
  let ahead: SimTerminal;

  beforeAll(async () => {
    chain = await SyncChain.create(inject('pgAdminUrl'), 'sync_history_first');
    ahead = await chain.standalone('PAL', 'T01', { now: () => new Date(Date.now() + 2 * DAY_MS) });
  }, 120_000);

  afterAll(async () => {
    await chain?.close();
  });

  it('takes a seña at intake on a terminal two days ahead: the sale and its payment land, the order waits', async () => {
    const customerId = (await ahead.harness.ok('customers.create', { name: 'Lucía Fernández', phone: '11 5555-0101' }))
      .id;
    const order = await ahead.harness.ok('repairs.intake', {
      orderId: newId(),
      customerId,
      device: { type: 'Celular', brand: 'Motorola', model: 'G84', imei: '490154203237518' },
      reportedFault: 'no enciende',
      estimate: 9_000_000,
      estimatePreApproved: true,
      deposit: { amount: 1_000_000, method: 'cash' },
    });
    const senaSaleId = ahead.sqlite.prepare("SELECT id FROM sales WHERE number = 'T01-00000001'").pluck().get();
    expect(senaSaleId).toBeTypeOf('string');

    const result = await ahead.engine.push();
    expect(result.quarantined).toBeGreaterThan(0);

    const sale = await chain.admin.query('SELECT number, total FROM techstore.sales WHERE id = $1', [senaSaleId]);
    expect(sale.rows).toEqual([{ number: 'T01-00000001', total: '1000000' }]);
    const paid = await chain.admin.query('SELECT method, amount FROM techstore.payments WHERE sale_id = $1', [
      senaSaleId,
    ]);
    expect(paid.rows).toEqual([{ method: 'cash', amount: '1000000' }]);
    // The order itself is a merge stamped two days ahead: quarantined, kept on the terminal, listed for a manager.
    const orderOnCentral = await chain.admin.query('SELECT 1 FROM techstore.repair_orders WHERE id = $1', [order.id]);
    expect(orderOnCentral.rowCount).toBe(0);
    expect((await ahead.harness.ok('repairs.get', { id: order.id })).number).toBe('R-T01-000001');
  });
});
