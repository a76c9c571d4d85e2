import { describe, expect, it } from 'vitest';
import { en } from '../../../renderer/i18n/en';
import { esAR } from '../../../renderer/i18n/es-AR';
import {
  type DepositMethod,
  depositMethodLabel,
  depositTakesReference,
  EMPTY_INTAKE,
  type IntakeForm,
  intakeRequest,
} from '../../../renderer/repairs/repair-intake.model';
import { DEPOSIT_METHODS, repairsContract } from '../../../shared/contract/repairs.contract';
import { needsReference } from '../../../shared/sale-payments';

const ORDER_ID = '01900000-0000-7000-8000-000000000001';
const CUSTOMER_ID = '01900000-0000-7000-8000-000000000002';

/** A form a counter would send: customer, device, fault, IMEI; the seña fields are what each case varies. */
function filled(patch: Partial<IntakeForm> = {}): IntakeForm {
  return {
    ...EMPTY_INTAKE,
    customerId: CUSTOMER_ID,
    deviceType: 'Celular',
    brand: 'Samsung',
    model: 'Galaxy A15',
    imei: '352099001761481',
    reportedFault: 'Pantalla rota',
    ...patch,
  };
}

const build = (form: IntakeForm) => intakeRequest(form, ORDER_ID, (key) => key);

describe('the seña of an intake', () => {
  it('starts in cash with no reference', () => {
    expect(EMPTY_INTAKE.depositMethod).toBe('cash');
    expect(EMPTY_INTAKE.depositReference).toBe('');
  });

  it.each<[string, Partial<IntakeForm>, unknown]>([
    ['no seña', {}, null],
    ['cash', { deposit: '5.000', depositMethod: 'cash' }, { amount: 500_000, method: 'cash', reference: '' }],
    [
      'cash drops a reference typed before switching back',
      { deposit: '5000', depositMethod: 'cash', depositReference: '1234' },
      { amount: 500_000, method: 'cash', reference: '' },
    ],
    [
      'debit card with its voucher, trimmed',
      { deposit: '5000', depositMethod: 'debit_card', depositReference: '  004512 ' },
      { amount: 500_000, method: 'debit_card', reference: '004512' },
    ],
    [
      'credit card with its voucher',
      { deposit: '12.500,50', depositMethod: 'credit_card', depositReference: '889' },
      { amount: 1_250_050, method: 'credit_card', reference: '889' },
    ],
    [
      'transfer with an operation number',
      { deposit: '5000', depositMethod: 'transfer', depositReference: 'OP-77' },
      { amount: 500_000, method: 'transfer', reference: 'OP-77' },
    ],
    [
      'transfer without one, as the POS allows',
      { deposit: '5000', depositMethod: 'transfer' },
      { amount: 500_000, method: 'transfer', reference: '' },
    ],
    ['no amount: the method chosen does not matter', { deposit: '', depositMethod: 'credit_card' }, null],
  ])('%s', (_name, patch, deposit) => {
    const built = build(filled(patch));
    if (!built.ok) throw new Error(`refused: ${JSON.stringify(built.errors)}`);
    expect(built.request.deposit).toEqual(deposit);
    // What the form builds is what the contract accepts.
    expect(repairsContract['repairs.intake'].request.safeParse(built.request).success).toBe(true);
  });

  it.each<[DepositMethod, string]>([
    ['debit_card', ''],
    ['debit_card', '   '],
    ['credit_card', ''],
  ])('a %s seña with reference "%s" asks for the voucher number on the reference field', (method, reference) => {
    const built = build(filled({ deposit: '5000', depositMethod: method, depositReference: reference }));
    expect(built).toEqual({ ok: false, errors: { depositReference: 'pay.referenceRequired' } });
  });

  it('a bad amount is the amount field’s error, not the reference’s', () => {
    const built = build(filled({ deposit: 'abc', depositMethod: 'debit_card', depositReference: '' }));
    expect(built).toEqual({ ok: false, errors: { deposit: 'repair.amountInvalid' } });
  });

  it('requires a reference exactly where the POS does, and offers the field for every method but cash', () => {
    for (const method of DEPOSIT_METHODS) {
      const built = build(filled({ deposit: '5000', depositMethod: method }));
      expect(built.ok).toBe(!needsReference(method));
      expect(depositTakesReference(method)).toBe(method !== 'cash');
    }
  });

  it.each<[DepositMethod, string, string]>([
    ['cash', 'Efectivo', 'Cash'],
    ['debit_card', 'Tarjeta de débito', 'Debit card'],
    ['credit_card', 'Tarjeta de crédito', 'Credit card'],
    ['transfer', 'Transferencia', 'Transfer'],
  ])('%s reads "%s" in es-AR and "%s" in English, the receipt’s words', (method, spanish, english) => {
    expect(esAR[depositMethodLabel(method)]).toBe(spanish);
    expect(en[depositMethodLabel(method)]).toBe(english);
  });
});
