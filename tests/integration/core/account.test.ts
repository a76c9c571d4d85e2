import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LedgerCursor } from '../../../shared/contract/customers.contract';
import type { ResponseOf } from '../../../shared/contract/index';
import { newId } from '../../../shared/ids';
import { CoreHarness } from '../../support/core-harness';

let h: CoreHarness;
let customerId: string;

/** A charge as the POS slice will book it (a credit sale); until then tests write it as central would apply it. */
function bookCharge(amount: number, createdAt: string): string {
  const raw = new Database(h.core.databaseFile);
  const user = raw.prepare("SELECT id FROM users WHERE role = 'admin'").get() as { id: string };
  const id = newId();
  raw
    .prepare(
      `INSERT INTO customer_account_entries (id, customer_id, kind, amount, note, user_id, store_id, terminal_id, created_at, hlc)
       VALUES (?, ?, 'charge', ?, 'venta a cuenta', ?, 's', 't', ?, 'h')`,
    )
    .run(id, customerId, amount, user.id, createdAt);
  raw.close();
  return id;
}

function counts(db: Database.Database) {
  const n = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { entries: n('customer_account_entries'), audit: n('audit_events'), outbox: n('outbox') };
}

async function login(role: 'manager' | 'cashier' | 'technician', pin: string): Promise<string> {
  const user = await h.ok('users.create', { name: `Usuario ${role}`, role, pin });
  return (await h.ok('users.login', { userId: user.id, pin }, null)).token;
}

beforeEach(async () => {
  h = await CoreHarness.open();
  await h.setUp();
  customerId = (
    await h.ok('customers.create', {
      name: 'Juan Pérez',
      taxId: { kind: 'dni', number: '12345678' },
      creditLimit: 10_000_000,
    })
  ).id;
});

afterEach(async () => {
  await h.close();
});

describe('accounts.recordPayment', () => {
  it('reduces the balance, frees credit, and writes the entry with one outbox mutation', async () => {
    bookCharge(6_000_000, '2026-01-10T12:00:00.000Z');
    expect(await h.ok('customers.get', { id: customerId })).toMatchObject({
      balance: 6_000_000,
      availableCredit: 4_000_000,
    });
    const db = h.inspect();
    const before = counts(db);
    const paid = await h.ok('accounts.recordPayment', {
      entryId: newId(),
      customerId,
      amount: 2_500_000,
      method: 'transfer',
      reference: 'TRF 0001',
    });
    expect(paid).toMatchObject({
      balance: 3_500_000,
      availableCredit: 6_500_000,
      entry: {
        kind: 'payment',
        amount: -2_500_000,
        balanceAfter: 3_500_000,
        method: 'transfer',
        userName: 'Ana Admin',
      },
    });
    expect(counts(db)).toEqual({ ...before, entries: before.entries + 1, outbox: before.outbox + 1 });
    const mutation = db.prepare('SELECT kind, payload FROM outbox ORDER BY seq DESC LIMIT 1').get() as {
      kind: string;
      payload: string;
    };
    expect(mutation.kind).toBe('account.payment');
    expect(JSON.parse(mutation.payload).customer_account_entries[0]).toMatchObject({
      id: paid.entry.id,
      amount: -2_500_000,
    });
    db.close();
  });

  it('records a retried payment once, and refuses the same id with another amount', async () => {
    const entryId = newId();
    const input = { entryId, customerId, amount: 100_000, method: 'cash' } as const;
    const first = await h.ok('accounts.recordPayment', input);
    const again = await h.ok('accounts.recordPayment', input);
    expect(again.entry).toEqual(first.entry);
    expect(again.balance).toBe(-100_000);
    expect((await h.fails('accounts.recordPayment', { ...input, amount: 200_000 })).code).toBe('CONFLICT');
  });

  it('refuses a card payment without its reference, a zero amount and an unknown customer, writing nothing', async () => {
    const db = h.inspect();
    const before = counts(db);
    const card = await h.fails('accounts.recordPayment', {
      entryId: newId(),
      customerId,
      amount: 100,
      method: 'debit_card',
    });
    expect(card).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'reference' }] });
    const zero = await h.fails('accounts.recordPayment', { entryId: newId(), customerId, amount: 0, method: 'cash' });
    expect(zero).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'amount' }] });
    const nobody = await h.fails('accounts.recordPayment', {
      entryId: newId(),
      customerId: newId(),
      amount: 100,
      method: 'cash',
    });
    expect(nobody.code).toBe('NOT_FOUND');
    expect(counts(db)).toEqual(before);
    db.close();
  });

  it('is open to every role that sells, not to a technician', async () => {
    const cashier = await login('cashier', '3333');
    const technician = await login('technician', '4444');
    const input = { customerId, amount: 100, method: 'credit_card', reference: 'LOTE 12 CUP 345' } as const;
    await h.ok('accounts.recordPayment', { ...input, entryId: newId() }, cashier);
    expect((await h.fails('accounts.recordPayment', { ...input, entryId: newId() }, technician)).code).toBe(
      'FORBIDDEN',
    );
  });
});

describe('accounts.adjust', () => {
  it('needs a manager and a note, and leaves an audit event with the balance before and after', async () => {
    bookCharge(1_000_000, '2026-01-10T12:00:00.000Z');
    const cashier = await login('cashier', '3333');
    const manager = await login('manager', '5555');
    const db = h.inspect();
    const before = counts(db);
    const input = { customerId, amount: -300_000, note: 'Descuento acordado por demora' };
    expect((await h.fails('accounts.adjust', { ...input, entryId: newId() }, cashier)).code).toBe('FORBIDDEN');
    const noNote = await h.fails('accounts.adjust', { ...input, entryId: newId(), note: '' }, manager);
    expect(noNote).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'note' }] });
    const zero = await h.fails('accounts.adjust', { ...input, entryId: newId(), amount: 0 }, manager);
    expect(zero).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'amount' }] });
    expect(counts(db)).toEqual(before);

    const adjusted = await h.ok('accounts.adjust', { ...input, entryId: newId() }, manager);
    expect(adjusted).toMatchObject({ balance: 700_000, entry: { kind: 'adjustment', amount: -300_000, method: null } });
    expect(counts(db)).toEqual({
      entries: before.entries + 1,
      audit: before.audit + 1,
      outbox: before.outbox + 1,
    });
    const audit = db
      .prepare("SELECT user_id, entity_id, details FROM audit_events WHERE action = 'account.adjust'")
      .get() as {
      user_id: string;
      entity_id: string;
      details: string;
    };
    expect(audit.entity_id).toBe(customerId);
    expect(JSON.parse(audit.details)).toMatchObject({
      entryId: adjusted.entry.id,
      amount: -300_000,
      note: 'Descuento acordado por demora',
      balanceBefore: 1_000_000,
      balanceAfter: 700_000,
    });
    const payload = JSON.parse(
      (db.prepare("SELECT payload FROM outbox WHERE kind = 'account.adjust'").get() as { payload: string }).payload,
    );
    expect(Object.keys(payload).sort()).toEqual(['audit_events', 'customer_account_entries']);
    db.close();
  });
});

describe('customers.ledger', () => {
  it('lists entries newest first with the right running balance on every page', async () => {
    bookCharge(5_000_000, '2026-01-01T10:00:00.000Z');
    bookCharge(2_000_000, '2026-01-02T10:00:00.000Z');
    await h.ok('accounts.recordPayment', { entryId: newId(), customerId, amount: 3_000_000, method: 'cash' });
    await h.ok('accounts.adjust', { entryId: newId(), customerId, amount: 150_000, note: 'Intereses por mora' });
    await h.ok('accounts.recordPayment', {
      entryId: newId(),
      customerId,
      amount: 4_500_000,
      method: 'debit_card',
      reference: 'POSNET 778',
    });
    const all = await h.ok('customers.ledger', { customerId, limit: 10 });
    expect(all.balance).toBe(-350_000);
    expect(all.availableCredit).toBe(10_350_000);
    expect(all.entries.total).toBe(5);
    expect(all.entries.items.map((e) => [e.kind, e.amount, e.balanceAfter])).toEqual([
      ['payment', -4_500_000, -350_000],
      ['adjustment', 150_000, 4_150_000],
      ['payment', -3_000_000, 4_000_000],
      ['charge', 2_000_000, 7_000_000],
      ['charge', 5_000_000, 5_000_000],
    ]);
    const pages = [];
    let before: LedgerCursor | null = null;
    do {
      const entries: typeof all.entries = (await h.ok('customers.ledger', { customerId, limit: 2, before })).entries;
      pages.push(...entries.items);
      before = entries.nextCursor;
    } while (before !== null);
    expect(pages).toEqual(all.entries.items);
  });

  it('answers the ledger alone: the purchases are customers.purchases', async () => {
    bookCharge(5_000_000, '2026-01-01T10:00:00.000Z');
    expect(Object.keys(await h.ok('customers.ledger', { customerId })).sort()).toEqual([
      'availableCredit',
      'balance',
      'customerId',
      'entries',
    ]);
    expect((await h.fails('customers.ledger', { customerId, purchasesOffset: 0 })).code).toBe('VALIDATION');
  });

  it('is refused without a login, and read by every role', async () => {
    expect((await h.fails('customers.ledger', { customerId }, null)).code).toBe('UNAUTHORIZED');
    const technician = await login('technician', '4444');
    expect((await h.ok('customers.ledger', { customerId }, technician)).customerId).toBe(customerId);
  });
});

describe('customers.purchases', () => {
  /** Completed cash sales, tagged with the customer. */
  async function sellTo(count: number) {
    const product = await h.createProduct({ price: 250_000 });
    const sales: ResponseOf<'sales.complete'>[] = [];
    for (let i = 0; i < count; i++) {
      sales.push(
        await h.ok('sales.complete', {
          saleId: newId(),
          lines: [{ productId: product.id, quantity: 2 }],
          payment: { method: 'cash', tendered: 500_000 },
        }),
      );
    }
    // Cash sales carry no customer; history is append-only, so the test tags them in a repair.
    const raw = new Database(h.core.databaseFile);
    raw.transaction(() => {
      raw.prepare('UPDATE sync_state SET repairing = 1').run();
      for (const sale of sales) raw.prepare('UPDATE sales SET customer_id = ? WHERE id = ?').run(customerId, sale.id);
      raw.prepare('UPDATE sync_state SET repairing = 0').run();
    })();
    raw.close();
    return sales;
  }

  it('lists the customer’s purchases this terminal holds', async () => {
    const [sale] = await sellTo(1);
    if (!sale) throw new Error('no sale');
    expect(await h.ok('customers.purchases', { customerId })).toEqual({
      items: [{ id: sale.id, number: sale.number, createdAt: sale.createdAt, total: 500_000 }],
      total: 1,
    });
  });

  it('pages newest first by offset', async () => {
    const sales = await sellTo(5);
    const newestFirst = sales.map((s) => s.id).reverse();
    const pages = [];
    for (const offset of [0, 2, 4, 6]) {
      const page = await h.ok('customers.purchases', { customerId, limit: 2, offset });
      expect(page.total).toBe(5);
      pages.push(page.items.map((p) => p.id));
    }
    expect(pages).toEqual([newestFirst.slice(0, 2), newestFirst.slice(2, 4), newestFirst.slice(4), []]);
  });

  it('answers NOT_FOUND for an unknown customer and is read by every role, as the ledger is', async () => {
    expect((await h.fails('customers.purchases', { customerId: newId() })).code).toBe('NOT_FOUND');
    expect((await h.fails('customers.purchases', { customerId }, null)).code).toBe('UNAUTHORIZED');
    const technician = await login('technician', '4444');
    expect(await h.ok('customers.purchases', { customerId }, technician)).toEqual({ items: [], total: 0 });
  });
});

describe('the ledger in SQL', () => {
  it('is append-only, keeps the sign its kind fixes, and needs a method exactly on payments', async () => {
    const id = bookCharge(100, '2026-01-01T10:00:00.000Z');
    const raw = new Database(h.core.databaseFile);
    expect(() => raw.prepare('UPDATE customer_account_entries SET amount = 1 WHERE id = ?').run(id)).toThrow(
      /append-only/,
    );
    expect(() => raw.prepare('DELETE FROM customer_account_entries WHERE id = ?').run(id)).toThrow(/append-only/);
    const user = (
      raw.prepare('SELECT user_id FROM customer_account_entries WHERE id = ?').get(id) as { user_id: string }
    ).user_id;
    const insert = raw.prepare(
      `INSERT INTO customer_account_entries (id, customer_id, kind, amount, method, note, user_id, store_id, terminal_id, created_at, hlc)
       VALUES (?, ?, ?, ?, ?, '', ?, 's', 't', 'now', 'h')`,
    );
    for (const [kind, amount, method] of [
      ['charge', -100, null],
      ['payment', 100, 'cash'],
      ['adjustment', 0, null],
      ['payment', -100, null],
      ['charge', 100, 'cash'],
      ['refund', 100, null],
      ['payment', -100, 'cheque'],
    ] as const)
      expect(() => insert.run(newId(), customerId, kind, amount, method, user), `${kind} ${amount} ${method}`).toThrow(
        /CHECK constraint failed/,
      );
    raw.close();
  });
});
