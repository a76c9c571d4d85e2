import { afterEach, describe, expect, it } from 'vitest';
import { CoreHarness } from '../../support/core-harness';
import { tableCounts } from '../../support/table-counts';

let h: CoreHarness;
afterEach(async () => {
  await h.close();
});

async function adminId(): Promise<string> {
  const { users } = await h.ok('users.listForLogin', {});
  const admin = users.find((u) => u.role === 'admin');
  if (!admin) throw new Error('no admin');
  return admin.id;
}

describe('first run', () => {
  it('asks for setup, and refuses everything but public channels until then', async () => {
    h = await CoreHarness.open();
    expect(await h.ok('app.status', {})).toEqual({ setupRequired: true, storeName: null, terminalCode: null });
    expect((await h.fails('catalog.search', { query: 'x' })).code).toBe('SETUP_REQUIRED');
    expect(await h.ok('users.listForLogin', {})).toEqual({ users: [] });
  });

  it('creates the store, the terminal and the first admin once, and stores only a hash of the PIN', async () => {
    h = await CoreHarness.open();
    await h.setUp('482910', 'T07');
    expect(await h.ok('app.status', {})).toEqual({
      setupRequired: false,
      storeName: 'TechStore Palermo',
      terminalCode: 'T07',
    });
    const failure = await h.fails('setup.initialize', {
      storeName: 'Otra',
      terminalCode: 'T08',
      adminName: 'X',
      pin: '1111',
    });
    expect(failure.code).toBe('CONFLICT');
    const db = h.inspect();
    const users = db.prepare('SELECT pin_hash FROM users').all() as { pin_hash: string }[];
    expect(users).toHaveLength(1);
    expect(users[0]?.pin_hash).toMatch(/^scrypt\$/);
    expect(users[0]?.pin_hash).not.toContain('482910');
    expect(db.prepare("SELECT kind FROM outbox WHERE kind = 'terminal.setup'").all()).toHaveLength(1);
    db.close();
  });

  it('keeps the identity across a restart of the core', async () => {
    h = await CoreHarness.open();
    await h.setUp();
    const dir = h.dataDir;
    await h.close(false);
    h = await CoreHarness.open(dir);
    expect((await h.ok('app.status', {})).terminalCode).toBe('T01');
    // Sessions live in memory: a restart logs everyone out.
    expect((await h.fails('catalog.search', { query: 'x' })).code).toBe('UNAUTHORIZED');
  });
});

describe('login by PIN', () => {
  it('logs in with the right PIN and refuses a wrong one with UNAUTHORIZED', async () => {
    h = await CoreHarness.open();
    await h.setUp('1234');
    const id = await adminId();
    const failure = await h.fails('users.login', { userId: id, pin: '9999' }, null);
    expect(failure).toMatchObject({ code: 'UNAUTHORIZED', message: 'wrong PIN' });
    const session = await h.ok('users.login', { userId: id, pin: '1234' }, null);
    expect(session.user).toMatchObject({ id, role: 'admin', name: 'Ana Admin' });
    const db = h.inspect();
    const actions = db.prepare("SELECT action FROM audit_events WHERE action LIKE 'login%' ORDER BY id").all();
    expect(actions).toEqual([{ action: 'login.failed' }, { action: 'login' }]);
    db.close();
  });

  it('locks a user for a while after five wrong PINs', async () => {
    h = await CoreHarness.open();
    await h.setUp('1234');
    const id = await adminId();
    for (let i = 0; i < 5; i++) await h.fails('users.login', { userId: id, pin: '0000' }, null);
    expect((await h.fails('users.login', { userId: id, pin: '1234' }, null)).code).toBe('RATE_LIMITED');
  });

  it('answers an unknown user like a wrong PIN, without telling which', async () => {
    h = await CoreHarness.open();
    await h.setUp();
    const failure = await h.fails('users.login', { userId: '01900000-0000-7000-8000-000000000000', pin: '1234' }, null);
    expect(failure).toMatchObject({ code: 'UNAUTHORIZED', message: 'wrong PIN' });
  });

  it("lists and lets in only this store's people and the chain's admins, never another store's", async () => {
    h = await CoreHarness.open();
    await h.setUp('1234');
    const db = h.writable();
    const insert = db.prepare(
      `INSERT INTO users (id, name, role, pin_hash, store_id, archived, created_at, updated_at, row_version, hlc)
       SELECT ?, ?, ?, pin_hash, ?, 0, created_at, updated_at, 1, hlc FROM users WHERE role = 'admin'`,
    );
    insert.run(
      '01900000-0000-7000-8000-0000000000b1',
      'Otra Tienda',
      'cashier',
      '01900000-0000-7000-8000-00000000b0b0',
    );
    insert.run('01900000-0000-7000-8000-0000000000c1', 'Cadena Admin', 'admin', null);
    db.close();
    const { users } = await h.ok('users.listForLogin', {});
    expect(users.map((u) => u.name).sort()).toEqual(['Ana Admin', 'Cadena Admin']);
    const elsewhere = await h.fails(
      'users.login',
      { userId: '01900000-0000-7000-8000-0000000000b1', pin: '1234' },
      null,
    );
    expect(elsewhere).toMatchObject({ code: 'UNAUTHORIZED', message: 'wrong PIN' });
    const chainAdmin = await h.ok('users.login', { userId: '01900000-0000-7000-8000-0000000000c1', pin: '1234' }, null);
    expect(chainAdmin.user).toMatchObject({ name: 'Cadena Admin', role: 'admin' });
  });

  it('ends a session at its next call once the user was deactivated or given another role elsewhere (by sync)', async () => {
    h = await CoreHarness.open();
    await h.setUp('1234');
    const cashier = await h.ok('users.create', { name: 'Carla Caja', role: 'cashier', pin: '3333' });
    const manager = await h.ok('users.create', { name: 'Mario Encargado', role: 'manager', pin: '2222' });
    const cashierSession = (await h.ok('users.login', { userId: cashier.id, pin: '3333' }, null)).token;
    const managerSession = (await h.ok('users.login', { userId: manager.id, pin: '2222' }, null)).token;
    expect(await h.ok('catalog.search', { query: 'x' }, cashierSession)).toBeDefined();

    // What a pulled row image does: the file changes under the open sessions, no channel involved.
    const db = h.writable();
    db.prepare('UPDATE users SET archived = 1 WHERE id = ?').run(cashier.id);
    db.prepare("UPDATE users SET role = 'cashier' WHERE id = ?").run(manager.id);
    db.close();

    expect((await h.fails('catalog.search', { query: 'x' }, cashierSession)).code).toBe('UNAUTHORIZED');
    expect((await h.fails('users.list', {}, managerSession)).code).toBe('UNAUTHORIZED');
    // Logging in again gives the manager their new role, and nothing more.
    const again = await h.ok('users.login', { userId: manager.id, pin: '2222' }, null);
    expect(again.user.role).toBe('cashier');
    expect((await h.fails('users.list', {}, again.token)).code).toBe('FORBIDDEN');
  });

  it('ends the session on logout', async () => {
    h = await CoreHarness.open();
    await h.setUp();
    await h.ok('users.logout', {});
    expect((await h.fails('catalog.search', { query: 'x' })).code).toBe('UNAUTHORIZED');
  });
});

describe('roles', () => {
  it('refuses a channel to a role that may not use it with FORBIDDEN, and writes nothing', async () => {
    h = await CoreHarness.open();
    await h.setUp();
    const cashier = await h.ok('users.create', { name: 'Carlos Cajero', role: 'cashier', pin: '3333' });
    const technician = await h.ok('users.create', { name: 'Tomás Técnico', role: 'technician', pin: '4444' });
    const product = await h.createProduct();
    const cashierSession = (await h.ok('users.login', { userId: cashier.id, pin: '3333' }, null)).token;
    const techSession = (await h.ok('users.login', { userId: technician.id, pin: '4444' }, null)).token;

    const db = h.inspect();
    const before = tableCounts(db);
    const createAsCashier = await h.fails('catalog.create', { sku: 'X1', name: 'x' }, cashierSession);
    expect(createAsCashier.code).toBe('FORBIDDEN');
    expect((await h.fails('users.create', { name: 'Y', role: 'admin', pin: '1111' }, cashierSession)).code).toBe(
      'FORBIDDEN',
    );
    expect((await h.fails('stock.adjust', {}, cashierSession)).code).toBe('FORBIDDEN');
    const saleAsTech = await h.fails(
      'sales.complete',
      { saleId: '01900000-0000-7000-8000-000000000000', lines: [], payment: { method: 'cash', tendered: 0 } },
      techSession,
    );
    expect(saleAsTech.code).toBe('FORBIDDEN');
    expect(tableCounts(db)).toEqual(before);
    db.close();

    // What a cashier may do, a cashier can do.
    expect((await h.ok('catalog.get', { id: product.id }, cashierSession)).id).toBe(product.id);
  });

  it('refuses a forged or missing session with UNAUTHORIZED', async () => {
    h = await CoreHarness.open();
    await h.setUp();
    expect((await h.fails('catalog.search', { query: '' }, 'forged-token')).code).toBe('UNAUTHORIZED');
    expect((await h.fails('catalog.search', { query: '' }, null)).code).toBe('UNAUTHORIZED');
  });
});
