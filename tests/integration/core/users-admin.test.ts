import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/contract/common.schemas';
import type { Failure } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import { USER_REFUSALS, type UserRefusal } from '../../../shared/user-management';
import { CoreHarness } from '../../support/core-harness';
import { tableCounts } from '../../support/table-counts';

/**
 * The Usuarios screen's channels on a real core and SQLite file: who may manage whom, what a chain keeps to
 * central, the last admin, sessions and logins after a change, and what each change (or refusal) writes.
 */

const ADMIN_PIN = '1234';
const OTHER_STORE = '01900000-0000-7000-8000-00000000b0b0';
const OTHER_STORE_USER = '01900000-0000-7000-8000-0000000000b1';
const CHAIN_ADMIN = '01900000-0000-7000-8000-0000000000c1';

let h: CoreHarness;
let db: Database.Database;
afterEach(async () => {
  db?.close();
  await h.close();
});

async function open(): Promise<string> {
  h = await CoreHarness.open();
  await h.setUp(ADMIN_PIN);
  db = h.inspect();
  const me = await h.ok('users.me', {});
  return me.user.id;
}

async function add(role: Role, name: string, pin: string, session = h.session): Promise<string> {
  return (await h.ok('users.create', { name, role, pin }, session)).id;
}

async function login(userId: string, pin: string): Promise<string> {
  return (await h.ok('users.login', { userId, pin }, null)).token;
}

/** Puts users on the file that no channel here makes: another store's cashier and a chain admin (PIN 1234). */
function seedOtherPeople(): void {
  const w = h.writable();
  const insert = w.prepare(
    `INSERT INTO users (id, name, role, pin_hash, store_id, archived, created_at, updated_at, row_version, hlc, col_hlc)
     SELECT ?, ?, ?, pin_hash, ?, 0, created_at, updated_at, 1, hlc, col_hlc FROM users WHERE role = 'admin' LIMIT 1`,
  );
  insert.run(OTHER_STORE_USER, 'Otra Tienda', 'cashier', OTHER_STORE);
  insert.run(CHAIN_ADMIN, 'Cadena Admin', 'admin', null);
  w.close();
}

/** As after `sync.connect`: a central is configured (the worker is not started; nothing here needs it). */
function joinChain(): void {
  const w = h.writable();
  w.prepare('UPDATE sync_state SET connection_text = ?').run('postgresql://t01@central.example/techstore');
  w.close();
}

function usersTable() {
  return db.prepare('SELECT * FROM users ORDER BY id').all();
}

/** Runs a call that must be refused, and checks the file did not change at all (no commit by anyone). */
async function refusedWithoutWriting(
  run: () => Promise<Failure>,
  expected: UserRefusal | Failure['code'],
): Promise<Failure> {
  const version = db.pragma('data_version', { simple: true });
  const counts = tableCounts(db);
  const users = usersTable();
  const failure = await run();
  if (expected in USER_REFUSALS) {
    const refusal = USER_REFUSALS[expected as UserRefusal];
    expect(failure).toMatchObject({ code: refusal.code, message: refusal.message });
  } else {
    expect(failure.code).toBe(expected);
  }
  expect(db.pragma('data_version', { simple: true })).toBe(version);
  expect(tableCounts(db)).toEqual(counts);
  expect(usersTable()).toEqual(users);
  return failure;
}

interface Mutation {
  kind: string;
  payload: {
    users?: Record<string, unknown>[];
    changes?: { table: string; id: string; columns: Record<string, unknown> }[];
    audit_events?: { action: string; user_id: string; entity_id: string; details: string }[];
  };
}

/** Runs a change and returns the one outbox mutation and the one audit event it added. */
async function oneMutation(run: () => Promise<unknown>): Promise<Mutation> {
  const counts = tableCounts(db);
  await run();
  const after = tableCounts(db);
  expect(after.outbox - counts.outbox).toBe(1);
  expect(after.audit_events - counts.audit_events).toBe(1);
  const row = db.prepare('SELECT kind, payload FROM outbox ORDER BY seq DESC LIMIT 1').get() as {
    kind: string;
    payload: string;
  };
  const mutation = { kind: row.kind, payload: JSON.parse(row.payload) } as Mutation;
  const audit = db.prepare('SELECT id, action FROM audit_events ORDER BY rowid DESC LIMIT 1').get() as {
    id: string;
    action: string;
  };
  // The audit event travels in the same mutation as the change it records.
  expect(mutation.payload.audit_events?.map((e) => e.action)).toEqual([audit.action]);
  return mutation;
}

describe('the list of people', () => {
  it("shows the store's people, active and not, and the chain's admins, never another store's", async () => {
    await open();
    seedOtherPeople();
    const cashier = await add('cashier', 'Carla Cajera', '3333');
    await add('technician', 'Tomás Técnico', '4444');
    await h.ok('users.deactivate', { id: cashier });
    const list = await h.ok('users.list', {});
    expect(list.users.map(({ name, role, active, chainAdmin }) => ({ name, role, active, chainAdmin }))).toEqual([
      { name: 'Ana Admin', role: 'admin', active: true, chainAdmin: false },
      { name: 'Cadena Admin', role: 'admin', active: true, chainAdmin: true },
      { name: 'Tomás Técnico', role: 'technician', active: true, chainAdmin: false },
      { name: 'Carla Cajera', role: 'cashier', active: false, chainAdmin: false },
    ]);
    expect(JSON.stringify(list)).not.toContain('scrypt');
  });

  it('is for admins and managers; a cashier or technician is FORBIDDEN', async () => {
    await open();
    const manager = await login(await add('manager', 'Mario Encargado', '2222'), '2222');
    const cashier = await login(await add('cashier', 'Carla Cajera', '3333'), '3333');
    const technician = await login(await add('technician', 'Tomás Técnico', '4444'), '4444');
    expect((await h.ok('users.list', {}, manager)).users).toHaveLength(4);
    expect((await h.fails('users.list', {}, cashier)).code).toBe('FORBIDDEN');
    expect((await h.fails('users.list', {}, technician)).code).toBe('FORBIDDEN');
  });

  it('says a standalone terminal is not in a chain, and one with a central or a chain admin is', async () => {
    await open();
    expect((await h.ok('users.list', {})).inChain).toBe(false);
    joinChain();
    expect((await h.ok('users.list', {})).inChain).toBe(true);

    db.close();
    await h.close();
    await open();
    seedOtherPeople();
    expect((await h.ok('users.list', {})).inChain).toBe(true);
  });
});

describe('adding people', () => {
  it('lets an admin of a standalone store add every role, each with one audit event and one mutation', async () => {
    await open();
    for (const [role, name] of [
      ['admin', 'Alba Admin'],
      ['manager', 'Mario Encargado'],
      ['cashier', 'Carla Cajera'],
      ['technician', 'Tomás Técnico'],
    ] as const) {
      const mutation = await oneMutation(() => add(role, name, '5678'));
      expect(mutation.kind).toBe('user.create');
      expect(mutation.payload.users).toEqual([expect.objectContaining({ name, role, archived: 0 })]);
      expect(mutation.payload.users?.[0]?.store_id).toBe(
        (
          db.prepare("SELECT json_extract(value, '$.id') AS id FROM settings WHERE key = 'store'").get() as {
            id: string;
          }
        ).id,
      );
    }
    const alba = (await h.ok('users.listForLogin', {})).users.find((u) => u.name === 'Alba Admin');
    expect(alba?.role).toBe('admin');
  });

  it('lets a manager add cashiers and technicians, never admins or managers', async () => {
    await open();
    const manager = await login(await add('manager', 'Mario Encargado', '2222'), '2222');
    await add('cashier', 'Carla Cajera', '3333', manager);
    await add('technician', 'Tomás Técnico', '4444', manager);
    for (const role of ['admin', 'manager'] as const) {
      const failure = await refusedWithoutWriting(
        () => h.fails('users.create', { name: 'Otro', role, pin: '5555' }, manager),
        'outsideRole',
      );
      expect(failure.issues).toEqual([{ path: 'role', message: USER_REFUSALS.outsideRole.message }]);
    }
  });

  it('refuses a cashier or a technician with FORBIDDEN, writing nothing', async () => {
    await open();
    const cashier = await login(await add('cashier', 'Carla Cajera', '3333'), '3333');
    const technician = await login(await add('technician', 'Tomás Técnico', '4444'), '4444');
    for (const session of [cashier, technician]) {
      await refusedWithoutWriting(
        () => h.fails('users.create', { name: 'Otro', role: 'cashier', pin: '5555' }, session),
        'FORBIDDEN',
      );
    }
  });

  it('refuses a name the store already has, in any case or spacing, even a deactivated one', async () => {
    await open();
    const carla = await add('cashier', 'Carla Cajera', '3333');
    await h.ok('users.deactivate', { id: carla });
    for (const name of ['carla  CAJERA', 'Ana Admin']) {
      const failure = await refusedWithoutWriting(
        () => h.fails('users.create', { name, role: 'cashier', pin: '5555' }),
        'nameTaken',
      );
      expect(failure.issues?.[0]?.path).toBe('name');
    }
  });

  it('validates every field with a typed error and writes nothing', async () => {
    await open();
    for (const input of [
      { name: '', role: 'cashier', pin: '1234' },
      { name: '   ', role: 'cashier', pin: '1234' },
      { name: 'x'.repeat(61), role: 'cashier', pin: '1234' },
      { name: 'Carla', role: 'owner', pin: '1234' },
      { name: 'Carla', role: 'cashier', pin: '123' },
      { name: 'Carla', role: 'cashier', pin: '123456789' },
      { name: 'Carla', role: 'cashier', pin: '12a4' },
      { name: 'Carla', role: 'cashier', pin: '1234', storeId: OTHER_STORE },
    ]) {
      await refusedWithoutWriting(() => h.fails('users.create', input), 'VALIDATION');
    }
    for (const [channel, input] of [
      ['users.update', { id: 'nope', name: 'X', role: 'cashier' }],
      ['users.update', { id: CHAIN_ADMIN, name: 'X' }],
      ['users.deactivate', { id: 42 }],
      ['users.resetPin', { id: CHAIN_ADMIN, pin: '12' }],
      ['users.changeOwnPin', { currentPin: ADMIN_PIN }],
      ['users.changeOwnPin', { currentPin: ADMIN_PIN, newPin: '999999999' }],
    ] as const) {
      await refusedWithoutWriting(() => h.fails(channel, input), 'VALIDATION');
    }
  });
});

describe('editing, deactivating and PINs: who may change whom', () => {
  it('lets a manager rename a cashier and make them a technician, but never promote them', async () => {
    await open();
    const manager = await login(await add('manager', 'Mario Encargado', '2222'), '2222');
    const carla = await add('cashier', 'Carla Cajera', '3333');
    const mutation = await oneMutation(() =>
      h.ok('users.update', { id: carla, name: 'Carla Gómez', role: 'technician' }, manager),
    );
    expect(mutation.kind).toBe('user.update');
    expect(mutation.payload.changes).toEqual([
      {
        table: 'users',
        id: carla,
        columns: { name: 'Carla Gómez', role: 'technician', updated_at: expect.any(String) },
      },
    ]);
    for (const role of ['manager', 'admin'] as const) {
      await refusedWithoutWriting(
        () => h.fails('users.update', { id: carla, name: 'Carla Gómez', role }, manager),
        'outsideRole',
      );
    }
  });

  it('never lets a manager change an admin or another manager, in any way', async () => {
    await open();
    const adminId = (await h.ok('users.me', {})).user.id;
    const manager = await login(await add('manager', 'Mario Encargado', '2222'), '2222');
    const other = await add('manager', 'Marta Encargada', '6666');
    const managerId = (await h.ok('users.me', {}, manager)).user.id;
    for (const id of [adminId, other, managerId]) {
      await refusedWithoutWriting(
        () => h.fails('users.update', { id, name: 'Cambiado', role: 'cashier' }, manager),
        'outsideRole',
      );
      await refusedWithoutWriting(() => h.fails('users.deactivate', { id }, manager), 'outsideRole');
      await refusedWithoutWriting(() => h.fails('users.resetPin', { id, pin: '9999' }, manager), 'outsideRole');
    }
  });

  it('refuses a cashier every change of another user with FORBIDDEN', async () => {
    await open();
    const cashier = await login(await add('cashier', 'Carla Cajera', '3333'), '3333');
    const tomas = await add('technician', 'Tomás Técnico', '4444');
    for (const [channel, input] of [
      ['users.update', { id: tomas, name: 'T', role: 'technician' }],
      ['users.deactivate', { id: tomas }],
      ['users.reactivate', { id: tomas }],
      ['users.resetPin', { id: tomas, pin: '9999' }],
    ] as const) {
      await refusedWithoutWriting(() => h.fails(channel, input, cashier), 'FORBIDDEN');
    }
  });

  it("answers NOT_FOUND for another store's user, and writes nothing", async () => {
    await open();
    seedOtherPeople();
    await refusedWithoutWriting(
      () => h.fails('users.update', { id: OTHER_STORE_USER, name: 'X', role: 'cashier' }),
      'NOT_FOUND',
    );
    await refusedWithoutWriting(() => h.fails('users.deactivate', { id: OTHER_STORE_USER }), 'NOT_FOUND');
    await refusedWithoutWriting(() => h.fails('users.resetPin', { id: OTHER_STORE_USER, pin: '9999' }), 'NOT_FOUND');
  });

  it('writes nothing for an edit that changes nothing, and only the changed column otherwise', async () => {
    await open();
    const carla = await add('cashier', 'Carla Cajera', '3333');
    const before = tableCounts(db);
    expect(await h.ok('users.update', { id: carla, name: 'Carla Cajera', role: 'cashier' })).toMatchObject({
      name: 'Carla Cajera',
    });
    expect(tableCounts(db)).toEqual(before);
    const mutation = await oneMutation(() =>
      h.ok('users.update', { id: carla, name: 'Carla Cajera', role: 'technician' }),
    );
    expect(mutation.payload.changes?.[0]?.columns).toEqual({ role: 'technician', updated_at: expect.any(String) });
    const audit = JSON.parse(mutation.payload.audit_events?.[0]?.details ?? '{}');
    expect(audit).toMatchObject({ columns: ['role'], previous: { role: 'cashier' } });
  });
});

describe('the last admin', () => {
  it('cannot be deactivated or demoted', async () => {
    const adminId = await open();
    await refusedWithoutWriting(() => h.fails('users.deactivate', { id: adminId }), 'lastAdmin');
    const demoted = await refusedWithoutWriting(
      () => h.fails('users.update', { id: adminId, name: 'Ana Admin', role: 'manager' }),
      'lastAdmin',
    );
    expect(demoted.issues?.[0]?.path).toBe('role');
    // The admin may still be renamed.
    await h.ok('users.update', { id: adminId, name: 'Ana María Admin', role: 'admin' });
  });

  it('with a second admin, either may demote or deactivate the other, never themselves', async () => {
    const adminId = await open();
    const alba = await add('admin', 'Alba Admin', '5678');
    await refusedWithoutWriting(() => h.fails('users.deactivate', { id: adminId }), 'self');
    await refusedWithoutWriting(
      () => h.fails('users.update', { id: adminId, name: 'Ana Admin', role: 'manager' }),
      'self',
    );
    await h.ok('users.update', { id: alba, name: 'Alba Admin', role: 'manager' });
    const albaSession = await login(alba, '5678');
    // Alba is a manager now: she may not touch the admin.
    await refusedWithoutWriting(() => h.fails('users.deactivate', { id: adminId }, albaSession), 'outsideRole');
  });

  it('counts a chain admin who can log in here: the store is never left without one', async () => {
    const adminId = await open();
    seedOtherPeople();
    const chainAdmin = await login(CHAIN_ADMIN, '1234');
    await h.ok('users.deactivate', { id: adminId }, chainAdmin);
    expect((await h.ok('users.listForLogin', {}, null)).users.map((u) => u.name)).toEqual(['Cadena Admin']);
  });
});

describe('in a chain', () => {
  it('no one on a terminal may create an admin or give the admin role', async () => {
    await open();
    joinChain();
    const mario = await add('manager', 'Mario Encargado', '2222');
    const failure = await refusedWithoutWriting(
      () => h.fails('users.create', { name: 'Alba Admin', role: 'admin', pin: '5678' }),
      'adminsAtCentral',
    );
    expect(failure.issues?.[0]?.path).toBe('role');
    await refusedWithoutWriting(
      () => h.fails('users.update', { id: mario, name: 'Mario Encargado', role: 'admin' }),
      'adminsAtCentral',
    );
  });

  it("never changes a chain admin on a terminal, not even their own PIN, but they manage the store's people", async () => {
    await open();
    seedOtherPeople();
    joinChain();
    for (const [channel, input] of [
      ['users.update', { id: CHAIN_ADMIN, name: 'Otro nombre', role: 'admin' }],
      ['users.deactivate', { id: CHAIN_ADMIN }],
      ['users.resetPin', { id: CHAIN_ADMIN, pin: '9999' }],
    ] as const) {
      await refusedWithoutWriting(() => h.fails(channel, input), 'chainAdmin');
    }
    const chainAdmin = await login(CHAIN_ADMIN, '1234');
    expect(await h.ok('users.me', {}, chainAdmin)).toMatchObject({ chainAdmin: true, user: { role: 'admin' } });
    await refusedWithoutWriting(
      () => h.fails('users.changeOwnPin', { currentPin: '1234', newPin: '9876' }, chainAdmin),
      'chainAdmin',
    );
    await refusedWithoutWriting(
      () => h.fails('users.update', { id: CHAIN_ADMIN, name: 'Cadena Admin', role: 'manager' }, chainAdmin),
      'chainAdmin',
    );
    const carla = await add('cashier', 'Carla Cajera', '3333', chainAdmin);
    await h.ok('users.update', { id: carla, name: 'Carla Cajera', role: 'technician' }, chainAdmin);
  });

  it("lets a store admin still rename, demote or deactivate the store's own admins", async () => {
    await open();
    const alba = await add('admin', 'Alba Admin', '5678');
    joinChain();
    await h.ok('users.update', { id: alba, name: 'Alba Pérez', role: 'admin' });
    await h.ok('users.update', { id: alba, name: 'Alba Pérez', role: 'manager' });
    // Back to admin would be a grant: central gives that role now.
    await refusedWithoutWriting(
      () => h.fails('users.update', { id: alba, name: 'Alba Pérez', role: 'admin' }),
      'adminsAtCentral',
    );
  });
});

describe('deactivating and reactivating', () => {
  it("ends the user's sessions here and refuses their login; reactivating lets them in again", async () => {
    await open();
    const carla = await add('cashier', 'Carla Cajera', '3333');
    const session = await login(carla, '3333');
    expect((await h.ok('catalog.search', { query: '' }, session)).items).toEqual([]);

    const mutation = await oneMutation(() => h.ok('users.deactivate', { id: carla }));
    expect(mutation.kind).toBe('user.deactivate');
    expect(mutation.payload.changes).toEqual([
      { table: 'users', id: carla, columns: { archived: 1, updated_at: expect.any(String) } },
    ]);
    expect((await h.fails('catalog.search', { query: '' }, session)).code).toBe('UNAUTHORIZED');
    expect((await h.fails('users.login', { userId: carla, pin: '3333' }, null)).code).toBe('UNAUTHORIZED');
    expect((await h.ok('users.listForLogin', {}, null)).users.map((u) => u.name)).toEqual(['Ana Admin']);
    // Never deleted: the row stays, for the sales that carry the name.
    expect(db.prepare('SELECT name, archived FROM users WHERE id = ?').get(carla)).toEqual({
      name: 'Carla Cajera',
      archived: 1,
    });

    // Deactivating again changes nothing and writes nothing.
    const counts = tableCounts(db);
    expect((await h.ok('users.deactivate', { id: carla })).active).toBe(false);
    expect(tableCounts(db)).toEqual(counts);

    const back = await oneMutation(() => h.ok('users.reactivate', { id: carla }));
    expect(back.kind).toBe('user.reactivate');
    expect(back.payload.changes?.[0]?.columns).toEqual({ archived: 0, updated_at: expect.any(String) });
    await login(carla, '3333');
  });

  it("ends the sessions of someone given another role, and shows a new name in a session's user", async () => {
    await open();
    const carla = await add('cashier', 'Carla Cajera', '3333');
    const session = await login(carla, '3333');
    await h.ok('users.update', { id: carla, name: 'Carla Gómez', role: 'cashier' });
    expect((await h.ok('users.me', {}, session)).user.name).toBe('Carla Gómez');
    await h.ok('users.update', { id: carla, name: 'Carla Gómez', role: 'technician' });
    expect((await h.fails('users.me', {}, session)).code).toBe('UNAUTHORIZED');
  });

  it('takes the rights of a deactivated manager at once, even from a session that is still open elsewhere', async () => {
    await open();
    const mario = await add('manager', 'Mario Encargado', '2222');
    const session = await login(mario, '2222');
    // Straight in the file, as a sync from another terminal of the store would bring it.
    const w = h.writable();
    w.prepare('UPDATE users SET archived = 1 WHERE id = ?').run(mario);
    w.close();
    await refusedWithoutWriting(
      () => h.fails('users.create', { name: 'Carla', role: 'cashier', pin: '3333' }, session),
      'UNAUTHORIZED',
    );
  });
});

describe('open sessions follow the stored user', () => {
  /** Changes users straight in the file, as a sync from another terminal of the store brings them. */
  function changeInFile(sql: string, id: string): void {
    const w = h.writable();
    w.prepare(sql).run(id);
    w.close();
  }

  it('ends the session of someone deactivated or given another role elsewhere, on every channel', async () => {
    await open();
    const carla = await add('cashier', 'Carla Cajera', '3333');
    const mario = await add('manager', 'Mario Encargado', '2222');
    const cashier = await login(carla, '3333');
    const manager = await login(mario, '2222');
    changeInFile('UPDATE users SET archived = 1 WHERE id = ?', carla);
    changeInFile("UPDATE users SET role = 'cashier' WHERE id = ?", mario);
    await refusedWithoutWriting(() => h.fails('customers.create', { name: 'Juan Pérez' }, cashier), 'UNAUTHORIZED');
    await refusedWithoutWriting(
      () => h.fails('customers.create', { name: 'Ana Gómez', creditLimit: 100_000 }, manager),
      'UNAUTHORIZED',
    );
    // Ended, not merely refused once: the same token stays out even after the change is undone.
    changeInFile("UPDATE users SET role = 'manager' WHERE id = ?", mario);
    expect((await h.fails('users.me', {}, manager)).code).toBe('UNAUTHORIZED');
    await login(mario, '2222');
  });

  it('ends them when the change was saved but its answer failed after the commit', async () => {
    let failNext = false;
    h = await CoreHarness.open(undefined, undefined, {
      afterCommit: () => {
        if (!failNext) return;
        failNext = false;
        throw new Error('the answer could not be built');
      },
    });
    await h.setUp(ADMIN_PIN);
    db = h.inspect();
    const carla = await add('cashier', 'Carla Cajera', '3333');
    const mario = await add('manager', 'Mario Encargado', '2222');
    const cashier = await login(carla, '3333');
    const manager = await login(mario, '2222');
    failNext = true;
    expect((await h.fails('users.deactivate', { id: carla })).code).toBe('COMMITTED');
    failNext = true;
    expect((await h.fails('users.update', { id: mario, name: 'Mario Encargado', role: 'cashier' })).code).toBe(
      'COMMITTED',
    );
    await refusedWithoutWriting(() => h.fails('sales.recent', {}, cashier), 'UNAUTHORIZED');
    await refusedWithoutWriting(() => h.fails('users.list', {}, manager), 'UNAUTHORIZED');
  });

  it('prints a name changed elsewhere on the receipts of the open session', async () => {
    await open();
    const carla = await add('cashier', 'Carla Cajera', '3333');
    const session = await login(carla, '3333');
    changeInFile("UPDATE users SET name = 'Carla Gómez' WHERE id = ?", carla);
    const product = await h.createProduct({ price: 150_000 });
    const receipt = await h.ok(
      'sales.complete',
      {
        saleId: newId(),
        lines: [{ productId: product.id, quantity: 1 }],
        payment: { method: 'cash', tendered: 150_000 },
      },
      session,
    );
    expect(receipt.cashier.name).toBe('Carla Gómez');
  });
});

describe('PINs', () => {
  it("resets another user's PIN: the old one stops working, their sessions end", async () => {
    await open();
    const carla = await add('cashier', 'Carla Cajera', '3333');
    const session = await login(carla, '3333');
    const mutation = await oneMutation(() => h.ok('users.resetPin', { id: carla, pin: '7777' }));
    expect(mutation.kind).toBe('user.resetPin');
    const columns = mutation.payload.changes?.[0]?.columns ?? {};
    expect(Object.keys(columns).sort()).toEqual(['pin_hash', 'updated_at']);
    expect(columns.pin_hash).toMatch(/^scrypt\$/);
    expect(JSON.stringify(mutation.payload.audit_events)).not.toContain('7777');
    expect((await h.fails('users.me', {}, session)).code).toBe('UNAUTHORIZED');
    expect((await h.fails('users.login', { userId: carla, pin: '3333' }, null)).code).toBe('UNAUTHORIZED');
    await login(carla, '7777');
  });

  it("never resets one's own PIN: that takes the current one", async () => {
    const adminId = await open();
    await add('admin', 'Alba Admin', '5678');
    await refusedWithoutWriting(() => h.fails('users.resetPin', { id: adminId, pin: '9999' }), 'self');
  });

  it("changes one's own PIN with the current one, for any role", async () => {
    await open();
    const tomas = await add('technician', 'Tomás Técnico', '4444');
    const session = await login(tomas, '4444');
    const mutation = await oneMutation(() =>
      h.ok('users.changeOwnPin', { currentPin: '4444', newPin: '4321' }, session),
    );
    expect(mutation.kind).toBe('user.changePin');
    expect(mutation.payload.changes?.[0]).toMatchObject({ table: 'users', id: tomas });
    expect(mutation.payload.audit_events?.[0]).toMatchObject({ action: 'users.changeOwnPin', user_id: tomas });
    // Still logged in; the next login takes the new PIN only.
    expect((await h.ok('users.me', {}, session)).user.id).toBe(tomas);
    expect((await h.fails('users.login', { userId: tomas, pin: '4444' }, null)).code).toBe('UNAUTHORIZED');
    await login(tomas, '4321');
  });

  it('refuses a wrong current PIN without writing, and counts it in the login throttle', async () => {
    await open();
    const tomas = await add('technician', 'Tomás Técnico', '4444');
    const session = await login(tomas, '4444');
    const failure = await refusedWithoutWriting(
      () => h.fails('users.changeOwnPin', { currentPin: '0000', newPin: '4321' }, session),
      'wrongPin',
    );
    expect(failure.issues).toEqual([{ path: 'currentPin', message: USER_REFUSALS.wrongPin.message }]);
    for (let i = 0; i < 4; i++) await h.fails('users.changeOwnPin', { currentPin: '0000', newPin: '4321' }, session);
    // Five wrong: locked, for the PIN change and for the login pad alike, even with the right PIN.
    await refusedWithoutWriting(
      () => h.fails('users.changeOwnPin', { currentPin: '4444', newPin: '4321' }, session),
      'RATE_LIMITED',
    );
    expect((await h.fails('users.login', { userId: tomas, pin: '4444' }, null)).code).toBe('RATE_LIMITED');
  });
});
