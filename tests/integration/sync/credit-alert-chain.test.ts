import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStore } from '../../../db/central/central-admin';
import { OWNER_ROLE } from '../../../db/central/migrate-central';
import { foldOpenStoreCreditAlerts } from '../../../db/central/migrations/0010_credit_alert_per_chain';
import { CentralAlertSync } from '../../../electron/core/sync/central-alert-sync';
import { newId } from '../../../shared/ids';
import { centralServers } from '../../support/pg-servers';
import { type SimTerminal, SyncChain } from '../../support/sync-chain';

/**
 * Issue 4, migration 0010: a customer over the credit limit is one event for the chain, whichever stores' charges
 * put them there. Two stores sell to one customer on account while cut off from central, each over the limit with
 * a manager's PIN; after sync the chain has one open alert, every store's terminals list it, any store's manager
 * acknowledges it for all, and the next over-limit charge opens a new one. Real PostgreSQL, real SQLite files.
 */
describe.each(centralServers())(
  'one credit-limit alert per customer for the chain on PostgreSQL %s',
  (label, adminUrl) => {
    let chain: SyncChain;
    let t01: SimTerminal; // Palermo
    let t03: SimTerminal; // Belgrano
    let productId: string;
    let customerId: string;

    const LIMIT = 1_000_000;

    const adminOf = async (t: SimTerminal) => {
      const admin = (await t.harness.ok('users.listForLogin', {})).users.find((u) => u.role === 'admin');
      if (!admin) throw new Error('no admin');
      return admin.id;
    };

    /** A $12.000 sale with $10.000 on the customer's account; over the limit it takes the manager's PIN. */
    const sellOnAccount = async (t: SimTerminal, override: boolean) =>
      t.harness.ok('sales.complete', {
        saleId: newId(),
        lines: [{ productId, quantity: 1 }],
        payments: [
          { method: 'cash', amount: 200_000 },
          { method: 'customer_account', amount: 1_000_000 },
        ],
        customerId,
        ...(override ? { managerOverride: { managerId: await adminOf(t), pin: '1234' } } : {}),
      });

    interface AlertRow {
      id: number;
      store: string | null;
      open: boolean;
      details: {
        balance: number;
        credit_limit: number;
        charges: number;
        stores: string[];
        customer: string;
        terminal: string | null;
        last_terminal?: string;
      };
      acknowledged_terminal: string | null;
    }
    const creditAlerts = async (id = customerId) =>
      (
        await chain.admin.query<AlertRow>(
          `SELECT a.id::int AS id, s.code AS store, a.acknowledged_at IS NULL AS open, a.details, a.acknowledged_terminal
           FROM techstore.alerts a LEFT JOIN techstore.stores s ON s.id = a.store_id
          WHERE a.kind = 'credit_limit_exceeded' AND a.entity_table = 'customers' AND a.entity_id = $1 ORDER BY a.id`,
          [id],
        )
      ).rows;

    const syncAlerts = (t: SimTerminal) => new CentralAlertSync(t.sqlite, t.central, {}).syncOnce();
    const listedCreditAlerts = async (t: SimTerminal) =>
      (await t.harness.ok('sync.alerts', {})).items.filter((a) => a.kind === 'credit_limit_exceeded');

    beforeAll(async () => {
      chain = await SyncChain.create(adminUrl, `credit_alert_chain_${label}`);
      t01 = await chain.standalone('PAL', 'T01');
      productId = (await t01.harness.createProduct({ sku: 'FUNDA-A15', name: 'Funda Galaxy A15', price: 1_200_000 }))
        .id;
      customerId = (await t01.harness.ok('customers.create', { name: 'Ana López', creditLimit: LIMIT })).id;
      await t01.engine.syncOnce();
      await addStore(chain.admin, { code: 'BEL', name: 'Sucursal Belgrano' });
      t03 = await chain.joined('BEL', 'T03');
    }, 180_000);

    afterAll(async () => {
      await chain?.close();
    });

    it('two stores go over one customer’s limit offline: after sync the chain has one open alert, listed by both', async () => {
      // Offline: each store's first sale reaches the limit exactly, its second goes over with the manager's PIN.
      for (const t of [t01, t03]) {
        await sellOnAccount(t, false);
        await sellOnAccount(t, true);
      }
      await chain.settle();

      const alerts = await creditAlerts();
      expect(alerts).toEqual([
        {
          id: expect.any(Number),
          store: null,
          open: true,
          details: expect.objectContaining({
            balance: 4_000_000,
            credit_limit: LIMIT,
            customer: 'Ana López',
            stores: ['BEL', 'PAL'],
            charges: 4,
            // Both stores have a T01 one day: a terminal is named with its store. Palermo synced first.
            terminal: 'PAL/T01',
            last_terminal: 'BEL/T03',
          }),
          acknowledged_terminal: null,
        },
      ]);
      const chainAlertId = alerts[0]?.id;
      for (const t of [t01, t03]) {
        await syncAlerts(t);
        const listed = await listedCreditAlerts(t);
        expect(listed.map((a) => [a.id, a.acknowledgement])).toEqual([[chainAlertId, null]]);
        expect(listed[0]?.customer).toEqual({
          id: customerId,
          name: 'Ana López',
          balance: 4_000_000,
          creditLimit: LIMIT,
          stores: ['BEL', 'PAL'],
        });
        expect(listed[0]?.terminalCode).toBe('BEL/T03');
      }
      // Still one while it is open: another over-limit sale is recorded on it.
      await sellOnAccount(t01, true);
      await chain.settle();
      expect(await creditAlerts()).toEqual([
        expect.objectContaining({
          id: chainAlertId,
          open: true,
          details: expect.objectContaining({ charges: 5, last_terminal: 'PAL/T01' }),
        }),
      ]);
      expect((await creditAlerts())[0]?.details.balance).toBe(5_000_000);
    });

    it('a manager of either store acknowledges it for the chain; the next over-limit charge opens a new one', async () => {
      const [open] = await creditAlerts();
      if (!open) throw new Error('no open alert');
      // Belgrano's admin (the chain's: the store has no people of its own) acknowledges, offline first: it is
      // recorded on the terminal and sent on its sync.
      const acked = await t03.harness.ok('sync.acknowledgeAlert', { id: open.id, note: 'Llamamos a la clienta' });
      expect(acked.acknowledgement).toMatchObject({ by: 'Admin de la cadena', pending: true });
      await syncAlerts(t03);
      expect(await creditAlerts()).toEqual([
        expect.objectContaining({ id: open.id, open: false, acknowledged_terminal: 'BEL/T03' }),
      ]);
      // Palermo's terminals see it cleared, and by whom; a late acknowledgement there changes nothing.
      await syncAlerts(t01);
      expect((await listedCreditAlerts(t01)).map((a) => [a.id, a.acknowledgement])).toEqual([
        [open.id, expect.objectContaining({ by: 'Admin de la cadena', terminalCode: 'BEL/T03', pending: false })],
      ]);
      const again = await t01.central.query<{ r: { acknowledged_terminal: string; found: boolean } }>(
        'SELECT sync_api.acknowledge_alert($1, $2, now(), NULL) AS r',
        [open.id, 'Otro gerente'],
      );
      expect(again.rows[0]?.r).toMatchObject({ found: true, acknowledged_terminal: 'BEL/T03' });

      // A new over-limit charge, from Palermo this time: a new open alert, listed on both stores.
      await sellOnAccount(t01, true);
      await chain.settle();
      const alerts = await creditAlerts();
      expect(alerts.map((a) => [a.store, a.open, a.details.stores, a.details.charges])).toEqual([
        [null, false, ['BEL', 'PAL'], 5],
        [null, true, ['PAL'], 1],
      ]);
      for (const t of [t01, t03]) {
        await syncAlerts(t);
        const listed = await listedCreditAlerts(t);
        expect(listed.map((a) => [a.id, a.acknowledgement === null])).toEqual([
          [alerts[1]?.id, true],
          [open.id, false],
        ]);
      }
    });

    it('folds the open per-store credit alerts a central had before 0010 into one per customer', async () => {
      const stores = (await chain.admin.query<{ id: string; code: string }>('SELECT id, code FROM techstore.stores'))
        .rows;
      const storeId = (code: string) => stores.find((s) => s.code === code)?.id;
      const pedro = newId();
      const lucia = newId();
      const insert = (store: string, customer: string, balance: number, acknowledged: boolean) =>
        chain.admin.query(
          `INSERT INTO techstore.alerts (store_id, kind, entity_table, entity_id, details, acknowledged_at, acknowledged_by)
         VALUES ($1, 'credit_limit_exceeded', 'customers', $2,
                 jsonb_build_object('balance', $3::bigint, 'credit_limit', 100, 'entry_id', $4::text, 'terminal', 'T01'),
                 CASE WHEN $5 THEN now() END, CASE WHEN $5 THEN 'Gerente' END)`,
          [storeId(store), customer, balance, newId(), acknowledged],
        );
      // As 0006 left them: Pedro over in both stores (and an older acknowledged one), Lucía in Belgrano only.
      await insert('PAL', pedro, 500, true);
      await insert('PAL', pedro, 900, false);
      await insert('BEL', pedro, 700, false);
      await insert('BEL', lucia, 300, false);
      // As the migration runs: the owner role, which row-level security binds.
      await chain.admin.query('BEGIN');
      await chain.admin.query(`SET LOCAL ROLE ${OWNER_ROLE}`);
      await chain.admin.query(foldOpenStoreCreditAlerts);
      await chain.admin.query('COMMIT');

      const pedroAlerts = await creditAlerts(pedro);
      // Stores are taken by code: Belgrano's became the chain's, Palermo's open one was folded into it.
      expect(pedroAlerts.map((a) => [a.store, a.open])).toEqual([
        ['PAL', false],
        ['PAL', false],
        [null, true],
      ]);
      const chainAlert = pedroAlerts.find((a) => a.open);
      // Every store's terminal was T01: the chain alert names each with its store.
      expect(chainAlert?.details).toMatchObject({
        balance: 900,
        stores: ['BEL', 'PAL'],
        charges: 2,
        terminal: 'BEL/T01',
        last_terminal: 'PAL/T01',
      });
      const folded = await chain.admin.query<{ acknowledged_by: string; acknowledgement_note: string }>(
        `SELECT acknowledged_by, acknowledgement_note FROM techstore.alerts
        WHERE entity_id = $1 AND store_id IS NOT NULL AND details ->> 'balance' <> '500'`,
        [pedro],
      );
      expect(folded.rows).toEqual([
        {
          acknowledged_by: 'central',
          acknowledgement_note: expect.stringContaining(`merged into alert ${chainAlert?.id}`),
        },
      ]);
      expect((await creditAlerts(lucia)).map((a) => [a.store, a.open, a.details.stores, a.details.terminal])).toEqual([
        [null, true, ['BEL'], 'BEL/T01'],
      ]);
    });

    it('a charge from a store central does not know raises the alert with no stores and no terminal', async () => {
      // Central has no foreign keys (0006) and an admin's write keeps the store it says.
      const marta = newId();
      const now = new Date().toISOString();
      await chain.admin.query('BEGIN');
      await chain.admin.query(
        `INSERT INTO techstore.customers (id, name, phone, email, address, notes, credit_limit, created_at, updated_at)
         VALUES ($1, 'Marta Gómez', '', '', '', '', 100, $2, $2)`,
        [marta, now],
      );
      await chain.admin.query(
        `INSERT INTO techstore.customer_account_entries
           (id, customer_id, kind, amount, note, user_id, store_id, terminal_id, created_at, hlc)
         VALUES ($1, $2, 'charge', 500, '', $3, $4, $5, $6, '0')`,
        [newId(), marta, newId(), newId(), newId(), now],
      );
      await chain.admin.query('COMMIT');
      expect((await creditAlerts(marta)).map((a) => [a.store, a.open, a.details.stores, a.details.terminal])).toEqual([
        [null, true, [], null],
      ]);
    });
  },
);
