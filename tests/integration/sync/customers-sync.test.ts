import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStore, addTerminal } from '../../../db/central/central-admin';
import { checkAndRepairDigests } from '../../../electron/core/sync/digest-check';
import { newId } from '../../../shared/ids';
import { withCredentials } from '../../support/pg-database';
import { centralServers } from '../../support/pg-servers';
import { readIdentity, type SimTerminal, SyncChain } from '../../support/sync-chain';

describe.each(centralServers())('customers on PostgreSQL %s', (label, adminUrl) => {
  let chain: SyncChain;
  let t01: SimTerminal; // Palermo
  let t02: SimTerminal; // Palermo
  let t03: SimTerminal; // Belgrano: another store
  let juanId: string;

  const hlcOf = (t: SimTerminal, counter = 0) =>
    `${String(Date.now()).padStart(15, '0')}-${String(counter).padStart(6, '0')}-${readIdentity(t.sqlite).terminalId}`;

  /**
   * A charge as the POS slice will book a credit sale: the entry and its mutation in one local transaction.
   * (No channel books charges yet; this writes what that slice will write.)
   */
  function bookCharge(t: SimTerminal, customerId: string, amount: number): string {
    const { terminalId, storeId } = readIdentity(t.sqlite);
    const user = t.sqlite.prepare("SELECT id FROM users WHERE role = 'admin' LIMIT 1").get() as { id: string };
    const stamp = hlcOf(t, 999_999);
    const entry = {
      id: newId(),
      customer_id: customerId,
      kind: 'charge',
      amount,
      method: null,
      reference: null,
      sale_id: newId(),
      repair_order_id: null,
      note: 'venta a cuenta',
      user_id: user.id,
      store_id: storeId,
      terminal_id: terminalId,
      created_at: new Date().toISOString(),
      hlc: stamp,
    };
    t.sqlite.transaction(() => {
      t.sqlite
        .prepare(
          `INSERT INTO customer_account_entries (id, customer_id, kind, amount, method, reference, sale_id, repair_order_id,
             note, user_id, store_id, terminal_id, created_at, hlc)
           VALUES (@id, @customer_id, @kind, @amount, @method, @reference, @sale_id, @repair_order_id, @note, @user_id,
             @store_id, @terminal_id, @created_at, @hlc)`,
        )
        .run(entry);
      t.sqlite
        .prepare('INSERT INTO outbox (mutation_id, kind, payload, hlc, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(newId(), 'account.charge', JSON.stringify({ customer_account_entries: [entry] }), stamp, entry.created_at);
    })();
    return entry.id;
  }

  const balanceOn = async (t: SimTerminal, id: string) => (await t.harness.ok('customers.get', { id })).balance;
  const centralBalance = async (id: string) =>
    Number(
      (
        await chain.admin.query(
          'SELECT coalesce(sum(amount), 0) AS b FROM techstore.customer_account_entries WHERE customer_id = $1',
          [id],
        )
      ).rows[0]?.b,
    );
  /** The customer's credit alerts, oldest first: the chain's (no store, 0010), with the stores whose charges went over. */
  const creditAlerts = async (customerId: string) =>
    (
      await chain.admin.query<{
        store: string | null;
        details: { balance: number; credit_limit: number; stores: string[]; charges: number };
      }>(
        `SELECT s.code AS store, a.details FROM techstore.alerts a LEFT JOIN techstore.stores s ON s.id = a.store_id
          WHERE a.kind = 'credit_limit_exceeded' AND a.entity_table = 'customers' AND a.entity_id = $1 ORDER BY a.id`,
        [customerId],
      )
    ).rows;

  beforeAll(async () => {
    chain = await SyncChain.create(adminUrl, `sync_customers_${label}`);
    t01 = await chain.standalone('PAL', 'T01');
    juanId = (
      await t01.harness.ok('customers.create', {
        name: 'Juan Pérez',
        taxId: { kind: 'cuit', number: '20-12345678-6' },
        phone: '11 4444-5555',
        email: 'juan@example.com',
      })
    ).id;
    await t01.engine.syncOnce();
    t02 = await chain.joined('PAL', 'T02');
    await addStore(chain.admin, { code: 'BEL', name: 'Sucursal Belgrano' });
    t03 = await chain.joined('BEL', 'T03');
  }, 180_000);

  afterAll(async () => {
    await chain?.close();
  });

  it('a customer created on one terminal is on every terminal of every store, searchable by DNI', async () => {
    for (const t of [t02, t03]) {
      expect(await t.harness.ok('customers.get', { id: juanId })).toMatchObject({
        name: 'Juan Pérez',
        taxIdDisplay: '20-12345678-6',
      });
      expect((await t.harness.ok('customers.search', { query: '12.345.678' })).items.map((c) => c.id)).toEqual([
        juanId,
      ]);
    }
    // Created after the others joined: it reaches them through the feed, not the snapshot.
    const maria = await t03.harness.ok('customers.create', { name: 'María Gómez', phone: '0351 422-1100' });
    await chain.settle();
    for (const t of [t01, t02])
      expect((await t.harness.ok('customers.search', { query: '4221100' })).items.map((c) => c.id)).toEqual([maria.id]);
  });

  it('account entries from two stores sum to the same balance and statement everywhere', async () => {
    await t01.harness.ok('accounts.adjust', {
      entryId: newId(),
      customerId: juanId,
      amount: 5_000_000,
      note: 'Saldo anterior al sistema',
    });
    await t03.harness.ok('accounts.recordPayment', {
      entryId: newId(),
      customerId: juanId,
      amount: 1_200_000,
      method: 'cash',
    });
    await t02.harness.ok('accounts.recordPayment', {
      entryId: newId(),
      customerId: juanId,
      amount: 300_000,
      method: 'transfer',
      reference: 'CBU 123',
    });
    await chain.settle();
    expect(await centralBalance(juanId)).toBe(3_500_000);
    const statements = [];
    for (const t of [t01, t02, t03]) {
      expect(await balanceOn(t, juanId)).toBe(3_500_000);
      statements.push((await t.harness.ok('customers.ledger', { customerId: juanId })).entries);
    }
    expect(statements[0]?.total).toBe(3);
    expect(statements[1]).toEqual(statements[0]);
    // Belgrano's terminal does not hold Palermo's people (a terminal gets its store's users and the chain's), so
    // it names nobody for Palermo's entries; the statement is otherwise the same.
    const anonymous = statements[0]?.items.map((item) => ({
      ...item,
      userName: item.userName === 'Ana Admin' ? '' : item.userName,
    }));
    expect(statements[2]?.items).toEqual(anonymous);
    expect(statements[2]?.total).toBe(3);
    // Each entry keeps where it was written; digests agree on every terminal (nothing to repair).
    const t03Entry = await chain.admin.query(
      `SELECT s.code FROM techstore.customer_account_entries e JOIN techstore.stores s ON s.id = e.store_id
        WHERE e.customer_id = $1 AND e.terminal_id = $2`,
      [juanId, readIdentity(t03.sqlite).terminalId],
    );
    expect(t03Entry.rows).toEqual([{ code: 'BEL' }]);
    for (const t of [t01, t02, t03]) {
      const repaired = await checkAndRepairDigests(t.sqlite, t.central);
      expect(repaired.filter((r) => r.table.startsWith('customer') || r.table === 'users')).toEqual([]);
    }
  });

  it('merges concurrent edits of one customer per column: phone from one store, email from another', async () => {
    await t01.harness.ok('customers.update', { id: juanId, changes: { phone: '11 5555-6666' } });
    await t03.harness.ok('customers.update', { id: juanId, changes: { email: 'juan.perez@example.com' } });
    await chain.settle();
    for (const t of [t01, t02, t03]) {
      expect(await t.harness.ok('customers.get', { id: juanId })).toMatchObject({
        phone: '11 5555-6666',
        email: 'juan.perez@example.com',
      });
      expect((await t.harness.ok('customers.search', { query: '55556666' })).items.map((c) => c.id)).toEqual([juanId]);
    }
    const central = await chain.admin.query('SELECT phone, email FROM techstore.customers WHERE id = $1', [juanId]);
    expect(central.rows[0]).toEqual({ phone: '11 5555-6666', email: 'juan.perez@example.com' });
  });

  it('a charge that leaves a customer over the limit raises one alert for the chain, which later ones add to', async () => {
    const ana = await t01.harness.ok('customers.create', { name: 'Ana López', creditLimit: 1_000_000 });
    await chain.settle();
    bookCharge(t03, ana.id, 600_000);
    await chain.settle();
    expect(await creditAlerts(ana.id)).toEqual([]);
    // Offline, each store stays within what it sees; together they go over. T02 (Palermo) pushes first, then
    // T03 (Belgrano), whose push puts her over: one alert, the chain's, naming Belgrano.
    bookCharge(t02, ana.id, 100_000);
    bookCharge(t03, ana.id, 350_000);
    await chain.settle();
    expect(await creditAlerts(ana.id)).toEqual([
      {
        store: null,
        details: expect.objectContaining({ balance: 1_050_000, credit_limit: 1_000_000, stores: ['BEL'], charges: 1 }),
      },
    ]);
    bookCharge(t03, ana.id, 50_000);
    await chain.settle();
    expect(await creditAlerts(ana.id)).toEqual([
      { store: null, details: expect.objectContaining({ balance: 1_100_000, stores: ['BEL'], charges: 2 }) },
    ]);
    // A payment never raises one; Palermo's next charge while she is still over is recorded on the same alert.
    await t02.harness.ok('accounts.recordPayment', {
      entryId: newId(),
      customerId: ana.id,
      amount: 20_000,
      method: 'cash',
    });
    await chain.settle();
    expect((await creditAlerts(ana.id)).map((a) => a.details.charges)).toEqual([2]);
    bookCharge(t02, ana.id, 10_000);
    await chain.settle();
    expect((await creditAlerts(ana.id)).map((a) => [a.store, a.details.stores, a.details.charges])).toEqual([
      [null, ['BEL', 'PAL'], 3],
    ]);
    for (const t of [t01, t02, t03]) expect(await balanceOn(t, ana.id)).toBe(1_090_000);
  });

  it('judges the limit once the whole push is applied: a customer created or raised in the same push', async () => {
    // Created with a limit and charged over it before any sync: central applies ledger rows before the customer.
    const pedro = await t01.harness.ok('customers.create', { name: 'Pedro Díaz', creditLimit: 100_000 });
    bookCharge(t01, pedro.id, 150_000);
    // A limit raised and then used in the same push: never over.
    const lucia = await t01.harness.ok('customers.create', { name: 'Lucía Sosa', creditLimit: 100_000 });
    await chain.settle();
    await t01.harness.ok('customers.update', { id: lucia.id, changes: { creditLimit: 500_000 } });
    bookCharge(t01, lucia.id, 400_000);
    await chain.settle();
    expect((await creditAlerts(pedro.id)).map((a) => [a.details.stores, a.details.balance])).toEqual([
      [['PAL'], 150_000],
    ]);
    expect(await creditAlerts(lucia.id)).toEqual([]);
  });

  it('takes an entry’s store and terminal from the login, never from the payload', async () => {
    const login = await addTerminal(chain.admin, { storeCode: 'BEL', terminalCode: 'T09' });
    const client = new pg.Client({ connectionString: withCredentials(chain.database.url, login.role, login.password) });
    await client.connect();
    try {
      const terminalId = newId();
      await client.query('SELECT sync_api.register($1, $2, NULL)', [terminalId, 'T09']);
      const t01Identity = readIdentity(t01.sqlite);
      const user = t01.sqlite.prepare("SELECT id FROM users WHERE role = 'admin' LIMIT 1").get() as { id: string };
      const stamp = `${String(Date.now()).padStart(15, '0')}-000000-${terminalId}`;
      const entryId = newId();
      const forged = {
        id: entryId,
        customer_id: juanId,
        kind: 'payment',
        amount: -1,
        method: 'cash',
        reference: null,
        sale_id: null,
        repair_order_id: null,
        note: '',
        user_id: user.id,
        store_id: t01Identity.storeId,
        terminal_id: t01Identity.terminalId,
        created_at: new Date().toISOString(),
        hlc: stamp,
      };
      await client.query('SELECT sync_api.push($1::jsonb, $2)', [
        JSON.stringify([
          {
            seq: 1,
            mutation_id: newId(),
            kind: 'account.payment',
            hlc: stamp,
            payload: { customer_account_entries: [forged] },
          },
        ]),
        stamp,
      ]);
      const written = await chain.admin.query(
        'SELECT s.code, e.terminal_id FROM techstore.customer_account_entries e JOIN techstore.stores s ON s.id = e.store_id WHERE e.id = $1',
        [entryId],
      );
      expect(written.rows).toEqual([{ code: 'BEL', terminal_id: terminalId }]);
    } finally {
      await client.end();
    }
  });
});
