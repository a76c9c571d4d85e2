import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Logger, silentLogger } from '../../../electron/core/core.types';
import type { ChannelName, RequestOf } from '../../../shared/contract/index';
import { CoreError, type Failure } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import { CoreHarness, makeTempDir } from '../../support/core-harness';
import { StoredState } from '../../support/stored-state';
import { STORED_TABLES } from '../../support/table-counts';

/*
 * A failure after a commit, injected through CoreOptions.afterCommit (the core's one fault seam): the call was
 * saved, so its answer must say so, name what was saved, and agree with the file.
 */

let h: CoreHarness;
let state: StoredState;
let armed: { channel: ChannelName; error: Error } | null = null;
let logged: string[] = [];

const log: Logger = { ...silentLogger, error: (message: string) => logged.push(message) };

function afterCommit(channel: ChannelName): void {
  if (armed?.channel !== channel) return;
  const { error } = armed;
  armed = null;
  throw error;
}

async function failingAfterCommit<C extends ChannelName>(
  channel: C,
  input: RequestOf<C>,
  error = new Error('the disk went away after the commit'),
): Promise<Failure> {
  armed = { channel, error };
  const result = await h.call(channel, input);
  expect(armed, `${channel} never committed`).toBeNull();
  if (result.ok) throw new Error(`${channel} answered ok after a failure`);
  return result;
}

/** The failure says the call was saved, and the file holds exactly what it names. */
function expectSaved(failure: Failure, table: string, mutations: number): string {
  expect(failure.code).toBe('COMMITTED');
  expect(failure.message).toMatch(/was saved/);
  expect(failure.message).not.toMatch(/not completed/);
  const committed = failure.committed;
  if (!committed?.record) throw new Error('COMMITTED names no record');
  expect(committed.record.table).toBe(table);
  expect(STORED_TABLES).toContain(table);
  expect(state.all(`SELECT id FROM ${table} WHERE id = ?`, committed.record.id)).toHaveLength(1);
  expect(committed.mutationIds).toHaveLength(mutations);
  const stored = state.all<{ mutation_id: string }>(
    'SELECT mutation_id FROM outbox ORDER BY seq DESC LIMIT ?',
    mutations,
  );
  expect(stored.map((row) => row.mutation_id).sort()).toEqual([...committed.mutationIds].sort());
  expect(logged.some((line) => line.includes('failed after its commit'))).toBe(true);
  return committed.record.id;
}

beforeEach(async () => {
  armed = null;
  logged = [];
  h = await CoreHarness.open(makeTempDir(), undefined, { log, afterCommit });
  await h.setUp();
  state = new StoredState(h.core.databaseFile);
});

afterEach(async () => {
  state.close();
  await h.close();
});

describe('a failure after the commit', () => {
  it('answers a sale as saved, and a retry of it returns the same sale without selling twice', async () => {
    const product = await h.createProduct({ price: 150_000 });
    const input = {
      saleId: newId(),
      lines: [{ productId: product.id, quantity: 2 }],
      payment: { method: 'cash' as const, tendered: 300_000 },
    };
    const failure = await failingAfterCommit('sales.complete', input);
    expect(expectSaved(failure, 'sales', 1)).toBe(input.saleId);
    const sales = state.snapshot().counts.sales;
    const retry = await h.ok('sales.complete', input);
    expect(retry).toMatchObject({ id: input.saleId, number: 'T01-00000001', total: 300_000 });
    expect(state.snapshot().counts.sales).toBe(sales);
  });

  it('answers a payment on account as saved, naming its entry', async () => {
    const customerId = (await h.ok('customers.create', { name: 'Juan Pérez' })).id;
    const entryId = newId();
    const failure = await failingAfterCommit('accounts.recordPayment', {
      entryId,
      customerId,
      amount: 50_000,
      method: 'cash',
    });
    expect(expectSaved(failure, 'customer_account_entries', 1)).toBe(entryId);
    expect((await h.ok('customers.get', { id: customerId })).balance).toBe(-50_000);
  });

  it('names the order and both mutations of a seña (history first)', async () => {
    const customerId = (await h.ok('customers.create', { name: 'Juan Pérez' })).id;
    const order = await h.ok('repairs.intake', {
      orderId: newId(),
      customerId,
      device: { type: 'Celular', brand: 'Samsung', model: 'A54', imei: '490154203237518' },
      reportedFault: 'no carga',
    });
    const failure = await failingAfterCommit('repairs.takeDeposit', {
      orderId: order.id,
      saleId: newId(),
      amount: 100_000,
      payments: [{ method: 'cash', amount: 100_000 }],
    });
    expect(expectSaved(failure, 'repair_orders', 2)).toBe(order.id);
    expect((await h.ok('repairs.get', { id: order.id })).totals.deposits).toBe(100_000);
  });

  it('answers a retry of a saved note as saved when its order cannot be read back', async () => {
    const customerId = (await h.ok('customers.create', { name: 'Juan Pérez' })).id;
    const order = await h.ok('repairs.intake', {
      orderId: newId(),
      customerId,
      device: { type: 'Celular', brand: 'Samsung', model: 'A54', imei: '490154203237518' },
      reportedFault: 'no carga',
    });
    const note = { orderId: order.id, eventId: newId(), text: 'llamar al cliente' };
    await h.ok('repairs.addNote', note);
    // Labor as no version of this core writes it (a damaged synced row): the order's totals cannot be added up.
    const db = h.writable();
    const insert = db.prepare(
      `INSERT INTO repair_events (id, repair_order_id, kind, details, user_id, terminal_id, store_id, created_at, hlc)
       SELECT ?, id, 'labor', ?, 'u', terminal_id, store_id, created_at, hlc FROM repair_orders WHERE id = ?`,
    );
    for (let i = 0; i < 2; i++) insert.run(newId(), JSON.stringify({ amount: Number.MAX_SAFE_INTEGER }), order.id);
    db.close();
    const retry = await h.call('repairs.addNote', note);
    expect(retry).toMatchObject({
      ok: false,
      code: 'COMMITTED',
      committed: { record: { table: 'repair_events', id: note.eventId }, mutationIds: [] },
    });
    expect(retry.ok ? '' : retry.message).not.toMatch(/not completed/);
  });

  it('answers COMMITTED even when what follows the commit is a typed refusal', async () => {
    const failure = await failingAfterCommit(
      'customers.create',
      { name: 'Ana Gómez' },
      new CoreError('NOT_FOUND', 'no customer with that id'),
    );
    const id = expectSaved(failure, 'customers', 1);
    expect((await h.ok('customers.get', { id })).name).toBe('Ana Gómez');
  });

  it('answers a change of people as saved, naming the user, and the user is stored as the change left them', async () => {
    const failure = await failingAfterCommit('users.create', { name: 'Carla Cajera', role: 'cashier', pin: '3333' });
    const carla = expectSaved(failure, 'users', 1);
    logged = [];
    expectSaved(await failingAfterCommit('users.deactivate', { id: carla }), 'users', 1);
    const listed = (await h.ok('users.list', {})).users.find((user) => user.id === carla);
    expect(listed).toMatchObject({ name: 'Carla Cajera', role: 'cashier', active: false });
    logged = [];
    expectSaved(await failingAfterCommit('users.changeOwnPin', { currentPin: '1234', newPin: '4321' }), 'users', 1);
    const admin = (await h.ok('users.me', {})).user.id;
    expect((await h.call('users.login', { userId: admin, pin: '4321' }, null)).ok).toBe(true);
  });

  it('never fires for a refused call, nor for the audit of a login attempt', async () => {
    armed = { channel: 'accounts.adjust', error: new Error('must not run') };
    const refused = await h.call('accounts.adjust', { entryId: newId(), customerId: newId(), amount: 1, note: 'xyz' });
    expect(refused).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(armed).not.toBeNull();

    const admin = (await h.ok('users.listForLogin', {})).users[0];
    if (!admin) throw new Error('no admin');
    armed = { channel: 'users.login', error: new Error('must not run') };
    expect(await h.call('users.login', { userId: admin.id, pin: '9999' }, null)).toMatchObject({
      ok: false,
      code: 'UNAUTHORIZED',
    });
    expect((await h.call('users.login', { userId: admin.id, pin: '1234' }, null)).ok).toBe(true);
    expect(armed).not.toBeNull();
    expect(logged).toEqual([]);
  });
});
