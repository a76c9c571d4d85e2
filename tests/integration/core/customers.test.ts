import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CustomerInput } from '../../../shared/contract/customers.contract';
import { CoreHarness } from '../../support/core-harness';

let h: CoreHarness;

beforeEach(async () => {
  h = await CoreHarness.open();
  await h.setUp();
});

afterEach(async () => {
  await h.close();
});

const create = (input: CustomerInput, session = h.session) => h.ok('customers.create', input, session);
const names = async (query: string, includeArchived = false) =>
  (await h.ok('customers.search', { query, includeArchived })).items.map((i) => i.name);

/** Rows in the tables a customer call may write: a refused call must leave every one as it was. */
function counts(db: Database.Database) {
  const n = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    customers: n('customers'),
    entries: n('customer_account_entries'),
    audit: n('audit_events'),
    outbox: n('outbox'),
  };
}

async function login(role: 'manager' | 'cashier' | 'technician', pin: string): Promise<string> {
  const user = await h.ok('users.create', { name: `Usuario ${role}`, role, pin });
  return (await h.ok('users.login', { userId: user.id, pin }, null)).token;
}

describe('customers.create', () => {
  it('stores a DNI and a CUIT as digits, shows them as printed, and writes one outbox mutation', async () => {
    const db = h.inspect();
    const before = counts(db);
    const juan = await create({
      name: 'Juan Pérez',
      taxId: { kind: 'dni', number: '12.345.678' },
      phone: '+54 9 11 4444-5555',
      email: ' Juan.Perez@Gmail.com ',
    });
    expect(juan).toMatchObject({
      taxIdKind: 'dni',
      taxId: '12345678',
      taxIdDisplay: '12.345.678',
      email: 'juan.perez@gmail.com',
      balance: 0,
      creditLimit: null,
      availableCredit: null,
      archived: false,
    });
    const acme = await create({ name: 'Acme SRL', taxId: { kind: 'cuit', number: '30-71234567-1' } });
    expect(acme).toMatchObject({ taxIdKind: 'cuit', taxId: '30712345671', taxIdDisplay: '30-71234567-1' });
    expect(counts(db)).toEqual({
      ...before,
      customers: before.customers + 2,
      audit: before.audit + 2,
      outbox: before.outbox + 2,
    });
    const kinds = db.prepare('SELECT kind FROM outbox ORDER BY seq').all() as { kind: string }[];
    expect(kinds.slice(-2).map((k) => k.kind)).toEqual(['customer.create', 'customer.create']);
    db.close();
  });

  it.each([
    [{ kind: 'cuit', number: '20-12345678-5' }, 'wrong check digit'],
    [{ kind: 'cuit', number: '21-12345678-6' }, 'starts with'],
    [{ kind: 'cuit', number: '20-1234-5678' }, '11 digits'],
    [{ kind: 'dni', number: '12.345.67A' }, '7 or 8 digits'],
    [{ kind: 'dni', number: '999.999' }, '7 or 8 digits'],
  ] as const)('refuses %j with VALIDATION on taxId.number and writes nothing', async (taxId, message) => {
    const db = h.inspect();
    const before = counts(db);
    const failure = await h.fails('customers.create', { name: 'Mal Dato', taxId });
    expect(failure.code).toBe('VALIDATION');
    expect(failure.issues).toEqual([{ path: 'taxId.number', message: expect.stringContaining(message) }]);
    expect(counts(db)).toEqual(before);
    db.close();
  });

  it('refuses a bad phone or email with the field named', async () => {
    const phone = await h.fails('customers.create', { name: 'X', phone: 'llamar a la tarde' });
    expect(phone.issues?.map((i) => i.path)).toEqual(['phone']);
    const email = await h.fails('customers.create', { name: 'X', email: 'juan@' });
    expect(email.issues?.map((i) => i.path)).toEqual(['email']);
  });

  it('refuses a tax id a live customer holds, also a DNI inside a CUIT and back, and writes nothing', async () => {
    await create({ name: 'Juan Pérez', taxId: { kind: 'cuit', number: '20-12345678-6' } });
    await create({ name: 'María Gómez', taxId: { kind: 'dni', number: '28456789' } });
    const db = h.inspect();
    const before = counts(db);
    for (const taxId of [
      { kind: 'cuit', number: '20123456786' },
      { kind: 'dni', number: '12.345.678' },
      { kind: 'cuit', number: '27-28456789-2' },
    ] as const) {
      const failure = await h.fails('customers.create', { name: 'Otro', taxId });
      expect(failure.code).toBe('CONFLICT');
      expect(failure.issues?.[0]?.path).toBe('taxId.number');
    }
    expect(counts(db)).toEqual(before);
    db.close();
  });

  it('lets an archived customer’s tax id be used again, and refuses to bring the old one back while taken', async () => {
    const old = await create({ name: 'Juan Pérez (viejo)', taxId: { kind: 'dni', number: '12345678' } });
    await h.ok('customers.archive', { id: old.id, archived: true });
    await create({ name: 'Juan Pérez', taxId: { kind: 'dni', number: '12345678' } });
    expect((await h.fails('customers.archive', { id: old.id, archived: false })).code).toBe('CONFLICT');
  });
});

describe('customers.update', () => {
  it('writes only the changed columns, stamps their clocks, and records nothing for an unchanged form', async () => {
    const juan = await create({ name: 'Juan Pérez', phone: '11 4444-5555' });
    const db = h.inspect();
    const before = counts(db);
    await h.ok('customers.update', { id: juan.id, changes: { name: 'Juan Pérez', phone: '11 4444-5555' } });
    expect(counts(db)).toEqual(before);
    const updated = await h.ok('customers.update', {
      id: juan.id,
      changes: { phone: '11 5555-6666', taxId: { kind: 'cuit', number: '20-12345678-6' } },
    });
    expect(updated).toMatchObject({ phone: '11 5555-6666', taxIdDisplay: '20-12345678-6', rowVersion: 2 });
    const mutation = db.prepare("SELECT payload FROM outbox WHERE kind = 'customer.update'").get() as {
      payload: string;
    };
    const changes = (JSON.parse(mutation.payload) as { changes: { columns: Record<string, unknown> }[] }).changes;
    expect(Object.keys(changes[0]?.columns ?? {}).sort()).toEqual(['phone', 'tax_id', 'tax_id_kind', 'updated_at']);
    const row = db.prepare('SELECT hlc, col_hlc FROM customers WHERE id = ?').get(juan.id) as {
      hlc: string;
      col_hlc: string;
    };
    const clocks = JSON.parse(row.col_hlc) as Record<string, string>;
    expect(clocks.phone).toBe(row.hlc);
    expect(clocks.name).not.toBe(row.hlc);
    db.close();
  });

  it('refuses an invalid tax id on update and a tax id another customer holds', async () => {
    const juan = await create({ name: 'Juan Pérez', taxId: { kind: 'dni', number: '12345678' } });
    const ana = await create({ name: 'Ana López' });
    const bad = await h.fails('customers.update', {
      id: ana.id,
      changes: { taxId: { kind: 'cuit', number: '27-28456789-3' } },
    });
    expect(bad.issues).toEqual([{ path: 'changes.taxId.number', message: 'wrong check digit' }]);
    const taken = await h.fails('customers.update', {
      id: ana.id,
      changes: { taxId: { kind: 'cuit', number: '20-12345678-6' } },
    });
    expect(taken.code).toBe('CONFLICT');
    // Saving the customer's own tax id again is not a conflict with itself.
    await h.ok('customers.update', { id: juan.id, changes: { taxId: { kind: 'dni', number: '12.345.678' } } });
  });
});

describe('customers.search', () => {
  beforeEach(async () => {
    await create({
      name: 'Juan Pérez',
      taxId: { kind: 'cuit', number: '20-12345678-6' },
      phone: '+54 9 11 4444-5555',
      email: 'juanp@gmail.com',
      address: 'Av. Córdoba 1234, Palermo',
    });
    await create({ name: 'María Gómez', taxId: { kind: 'dni', number: '28.456.789' }, phone: '(0351) 422-1100' });
    await create({ name: 'Acme SRL', taxId: { kind: 'cuit', number: '30-71234567-1' }, email: 'compras@acme.com.ar' });
    await create({ name: 'Juana Martínez', phone: '11 3333-2222' });
  });

  it('finds by name prefixes in any order, ignoring accents and case', async () => {
    expect(await names('juan')).toEqual(['Juan Pérez', 'Juana Martínez']);
    expect(await names('PEREZ juan')).toEqual(['Juan Pérez']);
    expect(await names('gómez')).toEqual(['María Gómez']);
    expect(await names('GOMEZ MARIA')).toEqual(['María Gómez']);
    expect(await names('martinez')).toEqual(['Juana Martínez']);
  });

  it('finds by CUIT and DNI with or without separators; a DNI finds the person registered by CUIT', async () => {
    expect(await names('20-12345678-6')).toEqual(['Juan Pérez']);
    expect(await names('20123456786')).toEqual(['Juan Pérez']);
    expect(await names('12.345.678')).toEqual(['Juan Pérez']);
    expect(await names('12345678')).toEqual(['Juan Pérez']);
    expect(await names('28456789')).toEqual(['María Gómez']);
    expect(await names('30-71234567-1')).toEqual(['Acme SRL']);
    // A company's CUIT holds no DNI: its middle digits find nothing.
    expect(await names('71234567')).toEqual([]);
  });

  it('finds by phone digits, with or without country and area code', async () => {
    expect(await names('+54 9 11 4444-5555')).toEqual(['Juan Pérez']);
    expect(await names('11 4444 5555')).toEqual(['Juan Pérez']);
    expect(await names('4444-5555')).toEqual(['Juan Pérez']);
    expect(await names('0351 422 1100')).toEqual(['María Gómez']);
    expect(await names('4221100')).toEqual(['María Gómez']);
  });

  it('finds by email and address words', async () => {
    expect(await names('juanp@gmail.com')).toEqual(['Juan Pérez']);
    expect(await names('compras@acme')).toEqual(['Acme SRL']);
    expect(await names('cordoba 1234')).toEqual(['Juan Pérez']);
  });

  it('puts the exact tax id first and lists by name with an empty query', async () => {
    await create({ name: 'Aaron 12345678 Homónimo' });
    expect(await names('12345678')).toEqual(['Juan Pérez', 'Aaron 12345678 Homónimo']);
    expect((await names('')).slice(0, 2)).toEqual(['Aaron 12345678 Homónimo', 'Acme SRL']);
  });

  it.each(['"', 'AND', 'juan OR', '*', 'NEAR(juan', 'name:juan', "'; DROP TABLE customers; --", '(((', '+', '-'])(
    'treats FTS syntax in %j as plain text',
    async (query) => {
      expect((await h.call('customers.search', { query })).ok).toBe(true);
    },
  );

  it('hides archived customers unless asked, and follows edits', async () => {
    const [acme] = (await h.ok('customers.search', { query: 'acme' })).items;
    if (!acme) throw new Error('no Acme');
    await h.ok('customers.archive', { id: acme.id, archived: true });
    expect(await names('acme')).toEqual([]);
    expect(await names('30712345671')).toEqual([]);
    expect(await names('acme', true)).toEqual(['Acme SRL']);
    await h.ok('customers.archive', { id: acme.id, archived: false });
    await h.ok('customers.update', { id: acme.id, changes: { name: 'Acmé Argentina SA', phone: '11 7777-8888' } });
    expect(await names('acme arg')).toEqual(['Acmé Argentina SA']);
    expect(await names('77778888')).toEqual(['Acmé Argentina SA']);
  });

  it('stays fast with many customers: a one-letter query reads a bounded candidate set', async () => {
    const db = h.inspect();
    db.close();
    const writer = (await import('better-sqlite3')).default;
    const raw = new writer(h.core.databaseFile);
    const insert = raw.prepare(
      `INSERT INTO customers (id, name, tax_id_kind, tax_id, phone, email, created_at, updated_at, hlc)
       VALUES (?, ?, 'dni', ?, ?, '', 't', 't', 'h')`,
    );
    raw.transaction(() => {
      for (let i = 0; i < 20_000; i++)
        insert.run(`c-${i}`, `Cliente ${i} Apellido${i % 97}`, String(10_000_000 + i), `11 ${4000_0000 + i}`);
    })();
    raw.close();
    const started = performance.now();
    for (const query of ['c', 'cli', 'apellido5', '1000', '11 4000']) await h.ok('customers.search', { query });
    expect((performance.now() - started) / 5).toBeLessThan(150);
    expect(await names('10000042')).toEqual(['Cliente 42 Apellido42']);
  });
});

describe('customers access', () => {
  it('lets every role create and edit, keeps credit limits and archiving for managers, and writes nothing refused', async () => {
    const cashier = await login('cashier', '3333');
    const technician = await login('technician', '4444');
    const manager = await login('manager', '5555');
    const byTech = await create({ name: 'Cliente del taller', phone: '11 1234-5678' }, technician);
    const byCashier = await create({ name: 'Cliente de caja' }, cashier);
    await h.ok('customers.update', { id: byCashier.id, changes: { email: 'caja@example.com' } }, cashier);

    const db = h.inspect();
    const before = counts(db);
    expect((await h.fails('customers.create', { name: 'Con crédito', creditLimit: 100_000 }, cashier)).code).toBe(
      'FORBIDDEN',
    );
    expect(
      (await h.fails('customers.update', { id: byTech.id, changes: { creditLimit: 500_000 } }, technician)).code,
    ).toBe('FORBIDDEN');
    expect((await h.fails('customers.archive', { id: byTech.id, archived: true }, cashier)).code).toBe('FORBIDDEN');
    expect((await h.fails('customers.get', { id: byTech.id }, null)).code).toBe('UNAUTHORIZED');
    expect(counts(db)).toEqual(before);
    db.close();

    const limited = await h.ok('customers.update', { id: byTech.id, changes: { creditLimit: 500_000 } }, manager);
    expect(limited).toMatchObject({ creditLimit: 500_000, availableCredit: 500_000 });
    expect((await h.ok('customers.archive', { id: byTech.id, archived: true }, manager)).archived).toBe(true);
    expect((await h.ok('customers.get', { id: byTech.id }, technician)).name).toBe('Cliente del taller');
  });
});
