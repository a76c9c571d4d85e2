import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestOf } from '../../../shared/contract/index';
import { newId } from '../../../shared/ids';
import { MONEY_BOUNDS } from '../../../shared/money-bounds';
import { CoreHarness } from '../../support/core-harness';
import { callTruthfully, StoredState } from '../../support/stored-state';

const HUGE = Number.MAX_SAFE_INTEGER;
const { repairAmount: MAX_AMOUNT, repairTotal: MAX_TOTAL } = MONEY_BOUNDS;

let h: CoreHarness;
let state: StoredState;
let customerId: string;

function intake(extra: Partial<RequestOf<'repairs.intake'>> = {}) {
  return callTruthfully(h, state, 'repairs.intake', {
    orderId: newId(),
    customerId,
    device: { type: 'Celular', brand: 'Samsung', model: 'Galaxy A54', imei: '490154203237518' },
    reportedFault: 'no carga',
    ...extra,
  });
}

async function openOrder(extra: Partial<RequestOf<'repairs.intake'>> = {}): Promise<string> {
  const result = await intake(extra);
  if (!result.ok) throw new Error(`intake refused: ${result.code} ${result.message}`);
  return result.value.id;
}

function deposit(orderId: string, amount: number) {
  return callTruthfully(h, state, 'repairs.takeDeposit', {
    orderId,
    saleId: newId(),
    amount,
    payments: [{ method: 'cash', amount }],
  });
}

function labor(orderId: string, amount: number) {
  return callTruthfully(h, state, 'repairs.addLabor', { orderId, eventId: newId(), description: 'mano', amount });
}

/** The order's screens: each must answer, whatever was accepted or refused before. */
async function expectReadable(orderId: string) {
  const detail = await h.ok('repairs.get', { id: orderId });
  await h.ok('repairs.findByNumber', { text: detail.number });
  await h.ok('repairs.list', {});
  const balance = await h.call('repairs.deliveryBalance', { orderId });
  if (!balance.ok) expect(balance.code).toBe('CONFLICT');
  return { detail, balance: balance.ok ? balance.value : null };
}

beforeEach(async () => {
  h = await CoreHarness.open();
  await h.setUp();
  state = new StoredState(h.core.databaseFile);
  customerId = (await h.ok('customers.create', { name: 'Juan Pérez' })).id;
});

afterEach(async () => {
  state.close();
  await h.close();
});

describe('señas', () => {
  it('refuses 2^53 - 1 as a seña at intake or later, and the order stays readable (issue 9)', async () => {
    expect(await intake({ deposit: { amount: HUGE, method: 'cash' } })).toMatchObject({
      ok: false,
      code: 'VALIDATION',
    });
    const orderId = await openOrder({ estimate: 5_000_000 });
    expect(await deposit(orderId, HUGE)).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect((await deposit(orderId, 100)).ok).toBe(true);
    const corrected = await callTruthfully(h, state, 'repairs.updateIntake', { orderId, model: 'Galaxy A55' });
    expect(corrected.ok).toBe(true);
    const { detail, balance } = await expectReadable(orderId);
    expect(detail.totals.deposits).toBe(100);
    expect(balance?.amountDue).toBe(4_999_900);
  });

  it('refuses the seña that would take the order past its bound, each one within it', async () => {
    const orderId = await openOrder({ deposit: { amount: MAX_AMOUNT, method: 'cash' } });
    for (let i = 1; i < MAX_TOTAL / MAX_AMOUNT; i++) expect((await deposit(orderId, MAX_AMOUNT)).ok).toBe(true);
    const over = await deposit(orderId, 1);
    expect(over).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect(over.ok ? null : over.issues?.[0]).toEqual({ path: 'amount', message: `total_limit ${MAX_TOTAL}` });
    expect((await expectReadable(orderId)).detail.totals.deposits).toBe(MAX_TOTAL);
    expect((await callTruthfully(h, state, 'repairs.updateIntake', { orderId, model: 'Galaxy A55' })).ok).toBe(true);
  });
});

describe('labor, parts and prices', () => {
  async function onBench(): Promise<string> {
    const orderId = await openOrder();
    await h.ok('repairs.transition', { orderId, to: 'diagnosing' });
    return orderId;
  }

  it('refuses 2^53 - 1 as labor, then takes 100, and the order stays readable (issue 9)', async () => {
    const orderId = await onBench();
    expect(await labor(orderId, HUGE)).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect((await labor(orderId, 100)).ok).toBe(true);
    expect((await expectReadable(orderId)).detail.totals.labor).toBe(100);
  });

  it('refuses the labor line that would take the order past its bound', async () => {
    const orderId = await onBench();
    for (let i = 0; i < MAX_TOTAL / MAX_AMOUNT; i++) expect((await labor(orderId, MAX_AMOUNT)).ok).toBe(true);
    expect(await labor(orderId, 1)).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect((await expectReadable(orderId)).detail.totals.labor).toBe(MAX_TOTAL);
  });

  it('refuses parts whose total would take the order past its bound', async () => {
    const orderId = await onBench();
    const part = await h.createProduct({ price: MONEY_BOUNDS.unitPrice });
    const add = (quantity: number) =>
      callTruthfully(h, state, 'repairs.addPart', { orderId, eventId: newId(), productId: part.id, quantity });
    expect((await add(10)).ok).toBe(true);
    expect(await add(1)).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect((await expectReadable(orderId)).detail.totals.parts).toBe(MAX_TOTAL);
  });

  it('refuses an estimate or a final price past the bound', async () => {
    expect(await intake({ estimate: MAX_AMOUNT + 1 })).toMatchObject({ ok: false, code: 'VALIDATION' });
    const orderId = await onBench();
    const diagnose = (estimate: number) =>
      callTruthfully(h, state, 'repairs.diagnose', { orderId, diagnosis: 'pantalla', estimate });
    expect(await diagnose(HUGE)).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect((await diagnose(MAX_AMOUNT)).ok).toBe(true);
    const price = (finalPrice: number) => callTruthfully(h, state, 'repairs.setFinalPrice', { orderId, finalPrice });
    expect(await price(MAX_AMOUNT + 1)).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect((await price(MAX_AMOUNT)).ok).toBe(true);
    expect((await expectReadable(orderId)).balance?.amountDue).toBe(MAX_AMOUNT);
  });
});
