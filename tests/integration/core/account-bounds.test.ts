import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../../shared/ids';
import { MONEY_BOUNDS } from '../../../shared/money-bounds';
import { CoreHarness } from '../../support/core-harness';
import { callTruthfully, StoredState } from '../../support/stored-state';

const HUGE = Number.MAX_SAFE_INTEGER;
const { payment: MAX_PAYMENT, accountBalance: MAX_BALANCE, creditLimit: MAX_LIMIT } = MONEY_BOUNDS;

let h: CoreHarness;
let state: StoredState;
let customerId: string;

function pay(amount: number) {
  return callTruthfully(h, state, 'accounts.recordPayment', { entryId: newId(), customerId, amount, method: 'cash' });
}

function adjust(amount: number) {
  return callTruthfully(h, state, 'accounts.adjust', { entryId: newId(), customerId, amount, note: 'corrección' });
}

/** The customer's screens: each must answer, whatever was accepted or refused before. */
async function expectReadable(): Promise<number> {
  const customer = await h.ok('customers.get', { id: customerId });
  await h.ok('customers.ledger', { customerId });
  await h.ok('customers.search', { query: 'Juan' });
  return customer.balance;
}

beforeEach(async () => {
  h = await CoreHarness.open();
  await h.setUp();
  state = new StoredState(h.core.databaseFile);
  customerId = (await h.ok('customers.create', { name: 'Juan Pérez', creditLimit: 10_000_000 })).id;
});

afterEach(async () => {
  state.close();
  await h.close();
});

describe('accounts.recordPayment', () => {
  it('refuses an amount past the bound and leaves the customer readable (issue 9: 2^53 - 1, then 100)', async () => {
    const huge = await pay(HUGE);
    expect(huge).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect((await pay(100)).ok).toBe(true);
    expect(await expectReadable()).toBe(-100);
  });

  it('takes a payment at the bound and refuses one centavo more', async () => {
    expect((await pay(MAX_PAYMENT)).ok).toBe(true);
    const over = await pay(MAX_PAYMENT + 1);
    expect(over).toMatchObject({ ok: false, code: 'VALIDATION', issues: [{ path: 'amount' }] });
    expect(await expectReadable()).toBe(-MAX_PAYMENT);
  });

  it('refuses the payment that would take the balance past the bound, each one within it', async () => {
    const calls = MAX_BALANCE / MAX_PAYMENT;
    for (let i = 0; i < calls; i++) expect((await pay(MAX_PAYMENT)).ok).toBe(true);
    const over = await pay(1);
    expect(over).toMatchObject({ ok: false, code: 'VALIDATION', issues: [{ path: 'amount' }] });
    expect(over.ok ? null : over.issues?.[0]?.message).toBe(`total_limit ${MAX_BALANCE}`);
    expect(await expectReadable()).toBe(-MAX_BALANCE);
  });

  it('lets only one of two racing payments take the balance to the bound', async () => {
    await adjust(-(MAX_BALANCE - MAX_PAYMENT));
    const before = state.snapshot().counts;
    // Called side by side, so each call's own before/after cannot be compared: the pair must write one entry.
    const racing = () =>
      h.call('accounts.recordPayment', { entryId: newId(), customerId, amount: MAX_PAYMENT, method: 'cash' });
    const both = await Promise.all([racing(), racing()]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.find((r) => !r.ok)).toMatchObject({ code: 'VALIDATION' });
    expect(state.snapshot().counts.customer_account_entries).toBe((before.customer_account_entries ?? 0) + 1);
    expect(await expectReadable()).toBe(-MAX_BALANCE);
  });
});

describe('accounts.adjust', () => {
  it('refuses 2^53 - 1 either way, and a sum past the bound, writing nothing', async () => {
    expect(await adjust(HUGE)).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect(await adjust(-HUGE)).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect((await adjust(MAX_BALANCE)).ok).toBe(true);
    expect(await adjust(1)).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect((await adjust(-1)).ok).toBe(true);
    expect(await expectReadable()).toBe(MAX_BALANCE - 1);
    // Clearing the whole balance in one entry is a manager's right.
    expect((await adjust(-(MAX_BALANCE - 1))).ok).toBe(true);
    expect(await adjust(-(MAX_BALANCE + 1))).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect(await expectReadable()).toBe(0);
  });

  it('keeps the statement readable after a repeated adjustment near the bound', async () => {
    const entryId = newId();
    const input = { entryId, customerId, amount: MAX_BALANCE, note: 'saldo inicial' };
    expect((await callTruthfully(h, state, 'accounts.adjust', input)).ok).toBe(true);
    // A retry of the same entry is the same entry: it adds nothing and is not refused for the sum.
    expect((await callTruthfully(h, state, 'accounts.adjust', input)).ok).toBe(true);
    expect(await expectReadable()).toBe(MAX_BALANCE);
  });
});

describe('customers credit limit', () => {
  it('refuses a limit past the bound on update and create, and keeps the customer readable', async () => {
    const update = (creditLimit: number) =>
      callTruthfully(h, state, 'customers.update', { id: customerId, changes: { creditLimit } });
    expect(await update(HUGE)).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect(await update(MAX_LIMIT + 1)).toMatchObject({
      ok: false,
      code: 'VALIDATION',
      issues: [{ path: 'changes.creditLimit', message: `amount_limit ${MAX_LIMIT}` }],
    });
    expect((await update(MAX_LIMIT)).ok).toBe(true);
    const created = await callTruthfully(h, state, 'customers.create', { name: 'Ana', creditLimit: MAX_LIMIT + 1 });
    expect(created).toMatchObject({ ok: false, code: 'VALIDATION' });
    // A balance in the customer's favour at the bound still gives an exact available credit.
    expect((await adjust(-MAX_BALANCE)).ok).toBe(true);
    const customer = await h.ok('customers.get', { id: customerId });
    expect(customer.availableCredit).toBe(MAX_LIMIT + MAX_BALANCE);
  });
});
