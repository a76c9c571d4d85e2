import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStore } from '../../../db/central/central-admin';
import { CentralAlertSync } from '../../../electron/core/sync/central-alert-sync';
import { newId } from '../../../shared/ids';
import { centralServers } from '../../support/pg-servers';
import { type SimTerminal, SyncChain } from '../../support/sync-chain';

/**
 * DOMAIN.md, Sales: offline, a sale on account over the credit limit is allowed with a manager's PIN and raises an
 * alert after sync. Two stores each sell to one customer while cut off from central; the charges travel inside
 * their sale.complete mutations and central applies them through the generic ledger path.
 */
describe.each(centralServers())('sales on account across stores on PostgreSQL %s', (label, adminUrl) => {
  let chain: SyncChain;
  let t01: SimTerminal; // Palermo
  let t03: SimTerminal; // Belgrano
  let productId: string;
  let customerId: string;

  const LIMIT = 1_000_000;
  const PRICE = 1_200_000;

  const adminOf = async (t: SimTerminal) => {
    const admin = (await t.harness.ok('users.listForLogin', {})).users.find((u) => u.role === 'admin');
    if (!admin) throw new Error('no admin');
    return admin.id;
  };

  const sellOnAccount = async (t: SimTerminal, managerOverride?: { managerId: string; pin: string }) =>
    t.harness.call('sales.complete', {
      saleId: newId(),
      lines: [{ productId, quantity: 1 }],
      payments: [
        { method: 'cash', amount: 200_000 },
        { method: 'customer_account', amount: PRICE - 200_000 },
      ],
      customerId,
      ...(managerOverride ? { managerOverride } : {}),
    });

  /** The customer's credit alerts: the chain's (no store, central migration 0010) and the stores that went over. */
  const creditAlerts = async () =>
    (
      await chain.admin.query<{ chain: boolean; stores: string[]; balance: number }>(
        `SELECT a.store_id IS NULL AS chain, a.details -> 'stores' AS stores,
                (a.details ->> 'balance')::bigint AS balance FROM techstore.alerts a
          WHERE a.kind = 'credit_limit_exceeded' AND a.entity_id = $1 ORDER BY a.id`,
        [customerId],
      )
    ).rows.map((r) => ({ chain: r.chain, stores: r.stores, balance: Number(r.balance) }));

  beforeAll(async () => {
    chain = await SyncChain.create(adminUrl, `sale_on_account_${label}`);
    t01 = await chain.standalone('PAL', 'T01');
    productId = (await t01.harness.createProduct({ sku: 'FUNDA-A15', name: 'Funda Galaxy A15', price: PRICE })).id;
    customerId = (
      await t01.harness.ok('customers.create', {
        name: 'Ana López',
        taxId: { kind: 'dni', number: '30111222' },
        creditLimit: LIMIT,
      })
    ).id;
    await t01.engine.syncOnce();
    await addStore(chain.admin, { code: 'BEL', name: 'Sucursal Belgrano' });
    t03 = await chain.joined('BEL', 'T03');
  }, 180_000);

  afterAll(async () => {
    await chain?.close();
  });

  it('two stores offline each go over the limit with a manager PIN; after sync one balance everywhere and one alert for the chain', async () => {
    // Offline: neither terminal syncs. Each store's first sale puts $10.000 on account, reaching the $10.000
    // limit exactly (allowed); its second is over what that terminal sees and needs a manager's PIN.
    for (const t of [t01, t03]) {
      expect(await sellOnAccount(t)).toMatchObject({ ok: true });
      const refused = await sellOnAccount(t);
      expect(refused).toMatchObject({ ok: false, code: 'FORBIDDEN', issues: [{ path: 'managerOverride' }] });
      expect(await sellOnAccount(t, { managerId: await adminOf(t), pin: '1234' })).toMatchObject({ ok: true });
      expect((await t.harness.ok('customers.get', { id: customerId })).balance).toBe(2_000_000);
    }
    expect(await creditAlerts()).toEqual([]);

    await chain.settle();

    const central = await chain.admin.query<{ n: string; balance: string; sales: string }>(
      `SELECT count(*) AS n, sum(amount) AS balance, count(DISTINCT sale_id) AS sales
         FROM techstore.customer_account_entries WHERE customer_id = $1`,
      [customerId],
    );
    expect(central.rows[0]).toEqual({ n: '4', balance: '4000000', sales: '4' });
    for (const t of [t01, t03]) {
      expect(await t.harness.ok('customers.get', { id: customerId })).toMatchObject({ balance: 4_000_000 });
      const ledger = await t.harness.ok('customers.ledger', { customerId });
      expect(ledger.entries.items.map((e) => [e.kind, e.amount])).toEqual(Array(4).fill(['charge', 1_000_000]));
      // Each store holds only its own sales; the charges of both are in every ledger.
      expect((await t.harness.ok('customers.purchases', { customerId })).total).toBe(2);
    }
    const sameStatement = async (t: SimTerminal) =>
      (await t.harness.ok('customers.ledger', { customerId })).entries.items.map((e) => [e.id, e.balanceAfter]);
    expect(await sameStatement(t03)).toEqual(await sameStatement(t01));

    // Central judged the limit on the merged ledger: one alert for the chain, naming both stores, with the
    // balance central saw last.
    expect(await creditAlerts()).toEqual([{ chain: true, stores: ['BEL', 'PAL'], balance: 4_000_000 }]);

    // The overrides reached central as audit events of the manager, one per store.
    const audits = await chain.admin.query<{ n: string }>(
      `SELECT count(*) AS n FROM techstore.audit_events WHERE action = 'sale.credit_override'
          AND details::jsonb ->> 'customerId' = $1`,
      [customerId],
    );
    expect(audits.rows[0]?.n).toBe('2');

    // Every store's managers see that one alert on the sync panel.
    for (const t of [t01, t03]) {
      await new CentralAlertSync(t.sqlite, t.central, {}).syncOnce();
      const items = (await t.harness.ok('sync.alerts', {})).items.filter((a) => a.kind === 'credit_limit_exceeded');
      expect(items).toHaveLength(1);
    }

    // Another over-limit sale at Palermo, synced: still that one open alert, with the new balance.
    expect(await sellOnAccount(t01, { managerId: await adminOf(t01), pin: '1234' })).toMatchObject({ ok: true });
    await chain.settle();
    expect(await creditAlerts()).toEqual([{ chain: true, stores: ['BEL', 'PAL'], balance: 5_000_000 }]);
    for (const t of [t01, t03]) {
      expect((await t.harness.ok('customers.get', { id: customerId })).balance).toBe(5_000_000);
    }
  });
});
