import { describe, expect, it } from 'vitest';
import { makeFormatters } from '../../../renderer/format/format';
import { translate } from '../../../renderer/i18n/i18n';
import {
  type CorrectionForm,
  correctionRequest,
  correctionStart,
  localDayAndTime,
} from '../../../renderer/repairs/repair-correction.model';
import { type AccessoryKey, toggledAccessories } from '../../../renderer/repairs/repair-intake.model';
import { timelineText } from '../../../renderer/repairs/repair-view';
import type { RepairDetail, RepairEvent } from '../../../shared/contract/repairs.contract';

const ORDER_ID = '0190a0b0-0000-7000-8000-000000000001';
const words = (key: AccessoryKey) => translate('es-AR', `repair.accessory.${key}`);

/** The fields of a detail the correction form reads; the rest is not looked at. */
function order(patch: Partial<RepairDetail> = {}): RepairDetail {
  return {
    id: ORDER_ID,
    number: 'R-T01-000001',
    deviceType: 'Celular',
    brand: 'Samsung',
    model: 'Galaxy A54',
    imei: '490154203237518',
    serial: null,
    accessories: ['Cargador', 'lápiz óptico', 'Funda'],
    conditionNotes: 'pantalla astillada',
    reportedFault: 'no carga',
    unlockSecret: '2580',
    hasUnlockSecret: true,
    promisedAt: localInstant(2026, 3, 10, 18, 0),
    ...patch,
  } as RepairDetail;
}

function localInstant(y: number, m: number, d: number, h: number, min: number): string {
  return new Date(y, m - 1, d, h, min).toISOString();
}

function build(detail: RepairDetail, edit: (form: CorrectionForm) => Partial<CorrectionForm>) {
  const start = correctionStart(detail, words);
  return correctionRequest({ ...start.form, ...edit(start.form) }, start, ORDER_ID, words);
}

describe('the correction form', () => {
  it('opens with what the order holds: checklist words ticked, other accessories as "Otro"', () => {
    const { form, otherItems } = correctionStart(order(), words);
    expect(form).toMatchObject({
      imei: '490154203237518',
      serial: '',
      accessories: ['charger', 'case', 'other'],
      otherAccessory: 'lápiz óptico',
      unlockSecret: '2580',
      promisedDate: '2026-03-10',
      promisedTime: '18:00',
    });
    expect(otherItems).toEqual(['lápiz óptico']);
    expect(correctionStart(order({ promisedAt: null, accessories: [] }), words).form).toMatchObject({
      promisedDate: '',
      promisedTime: '18:00',
      accessories: [],
    });
  });

  it.each<[string, (f: CorrectionForm) => Partial<CorrectionForm>, unknown]>([
    ['untouched: nothing to send', () => ({}), null],
    ['whitespace only: nothing to send', (f) => ({ model: ` ${f.model} ` }), null],
    ['a model', () => ({ model: 'Galaxy A55' }), { orderId: ORDER_ID, model: 'Galaxy A55' }],
    [
      'the IMEI swapped for a serial',
      () => ({ imei: '', serial: ' SN-9 ' }),
      { orderId: ORDER_ID, imei: null, serial: 'SN-9' },
    ],
    [
      'a box ticked keeps the other accessory as it was stored',
      (f) => ({ accessories: toggledAccessories(f.accessories, 'box') }),
      { orderId: ORDER_ID, accessories: ['Cargador', 'Funda', 'Caja', 'lápiz óptico'] },
    ],
    [
      'the other accessory retyped',
      () => ({ otherAccessory: 'lápiz' }),
      { orderId: ORDER_ID, accessories: ['Cargador', 'Funda', 'lápiz'] },
    ],
    ['the unlock code cleared', () => ({ unlockSecret: ' ' }), { orderId: ORDER_ID, unlockSecret: null }],
    [
      'the promise moved an hour',
      () => ({ promisedTime: '19:00' }),
      { orderId: ORDER_ID, promisedAt: localInstant(2026, 3, 10, 19, 0) },
    ],
    ['the promise removed', () => ({ promisedDate: '' }), { orderId: ORDER_ID, promisedAt: null }],
  ])('%s', (_label, edit, request) => {
    expect(build(order(), edit)).toEqual({ ok: true, request });
  });

  it('a cashier, who cannot read the code, keeps it by leaving the field blank and replaces it by typing', () => {
    const hidden = order({ unlockSecret: null, hasUnlockSecret: true });
    expect(correctionStart(hidden, words).form.unlockSecret).toBe('');
    expect(build(hidden, () => ({ model: 'A55' }))).toEqual({ ok: true, request: { orderId: ORDER_ID, model: 'A55' } });
    expect(build(hidden, () => ({ unlockSecret: '1111' }))).toEqual({
      ok: true,
      request: { orderId: ORDER_ID, unlockSecret: '1111' },
    });
  });

  it.each<[string, Partial<CorrectionForm>, Record<string, string>]>([
    ['a short IMEI', { imei: '49015420' }, { imei: 'repair.imei.format' }],
    ['a wrong check digit', { imei: '490154203237519' }, { imei: 'repair.imei.checkDigit' }],
    ['no IMEI and no serial', { imei: '' }, { imei: 'repair.intake.imeiOrSerial' }],
    [
      'a blank model and fault',
      { model: ' ', reportedFault: '' },
      { model: 'repair.intake.required', reportedFault: 'repair.intake.required' },
    ],
    ['an impossible date', { promisedDate: '2026-02-31x' }, { promisedDate: 'repair.intake.dateInvalid' }],
  ])('%s is shown on its field, as at intake', (_label, patch, errors) => {
    expect(build(order(), () => patch)).toEqual({ ok: false, errors });
  });

  it('shows an instant as the local day and hour of the date and time inputs', () => {
    expect(localDayAndTime(localInstant(2026, 1, 5, 9, 7))).toEqual({ date: '2026-01-05', time: '09:07' });
    expect(localDayAndTime(null)).toEqual({ date: '', time: '18:00' });
    expect(localDayAndTime('not a date')).toEqual({ date: '', time: '18:00' });
  });
});

describe('the correction on the timeline', () => {
  const event = (details: Record<string, unknown>): RepairEvent => ({
    id: '0190a0b0-0000-7000-8000-000000000002',
    kind: 'note',
    fromStatus: null,
    toStatus: null,
    details,
    userId: '0190a0b0-0000-7000-8000-000000000003',
    userName: 'Lucía',
    terminalId: '0190a0b0-0000-7000-8000-000000000004',
    createdAt: '2026-11-27T15:00:00.000Z',
  });
  const es = makeFormatters('es-AR');
  const en = makeFormatters('en');
  const promised = '2026-03-12T15:00:00.000Z';

  it('says each change in words, the unlock code only as changed', () => {
    const correction = event({
      correction: 'intake',
      text: 'Corrección de datos del equipo',
      changes: [
        { field: 'model', from: 'Galaxy A54', to: 'Galaxy A55' },
        { field: 'serial', from: null, to: 'SN-9' },
        { field: 'accessories', from: ['Funda'], to: [] },
        { field: 'unlockSecret', changed: true },
        { field: 'promisedAt', from: null, to: promised },
      ],
    });
    expect(timelineText(correction, (k, p) => translate('es-AR', k, p), es)).toBe(
      'Datos del equipo corregidos: Modelo: Galaxy A54 → Galaxy A55 · N.º de serie: vacío → SN-9 · ' +
        `Accesorios: Funda → Ninguno · Código o patrón de desbloqueo: cambiado · Fecha prometida: Sin fecha → ${es.dateTime(promised)}`,
    );
    expect(timelineText(correction, (k, p) => translate('en', k, p), en)).toBe(
      'Device data corrected: Model: Galaxy A54 → Galaxy A55 · Serial number: empty → SN-9 · ' +
        `Accessories: Funda → None · Unlock code or pattern: changed · Promised date: No date → ${en.dateTime(promised)}`,
    );
  });

  it('an ordinary note still reads as a note', () => {
    expect(timelineText(event({ text: 'llamó' }), (k, p) => translate('es-AR', k, p), es)).toBe('Nota: llamó');
  });
});
