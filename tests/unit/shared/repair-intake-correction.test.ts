import { describe, expect, it } from 'vitest';
import { repairIntakeCorrectionSchema } from '../../../shared/contract/repair-correction.contract';
import {
  type IntakeValues,
  intakeChanges,
  intakeCorrectionOf,
  keepsDeviceIdentity,
} from '../../../shared/repair-intake-correction';

const CURRENT: IntakeValues = {
  deviceType: 'Celular',
  brand: 'Samsung',
  model: 'Galaxy A54',
  imei: '490154203237518',
  serial: null,
  accessories: ['Funda', 'Cargador'],
  conditionNotes: '',
  reportedFault: 'no carga',
  unlockSecret: '2580',
  promisedAt: '2026-03-10T21:00:00.000Z',
};

describe('what a correction changes', () => {
  it.each<[string, Partial<IntakeValues>, unknown[]]>([
    ['nothing asked', {}, []],
    ['the same values', { model: 'Galaxy A54', accessories: ['Funda', 'Cargador'], unlockSecret: '2580' }, []],
    ['the same instant spelled in Buenos Aires time', { promisedAt: '2026-03-10T18:00:00-03:00' }, []],
    ['a model', { model: 'Galaxy A55' }, [{ field: 'model', from: 'Galaxy A54', to: 'Galaxy A55' }]],
    [
      'accessories in another order',
      { accessories: ['Cargador', 'Funda'] },
      [{ field: 'accessories', from: ['Funda', 'Cargador'], to: ['Cargador', 'Funda'] }],
    ],
    [
      'an accessory less',
      { accessories: ['Funda'] },
      [{ field: 'accessories', from: ['Funda', 'Cargador'], to: ['Funda'] }],
    ],
    [
      'a serial added and the IMEI removed, in field order',
      { serial: 'SN-1', imei: null },
      [
        { field: 'imei', from: '490154203237518', to: null },
        { field: 'serial', from: null, to: 'SN-1' },
      ],
    ],
    ['the unlock code, without its values', { unlockSecret: '1111' }, [{ field: 'unlockSecret', changed: true }]],
    ['the unlock code removed', { unlockSecret: null }, [{ field: 'unlockSecret', changed: true }]],
    [
      'no promise any more',
      { promisedAt: null },
      [{ field: 'promisedAt', from: '2026-03-10T21:00:00.000Z', to: null }],
    ],
  ])('%s', (_label, requested, expected) => {
    expect(intakeChanges(CURRENT, requested)).toEqual(expected);
  });

  it.each<[Partial<IntakeValues>, boolean]>([
    [{}, true],
    [{ imei: null }, false],
    [{ imei: null, serial: 'SN-1' }, true],
    [{ serial: null }, true],
    [{ imei: null, serial: null }, false],
  ])('keeps the device identity after %j: %s', (requested, keeps) => {
    expect(keepsDeviceIdentity(CURRENT, requested)).toBe(keeps);
  });
});

describe('reading a correction back from a stored event', () => {
  it.each<[string, Record<string, unknown>, unknown]>([
    ['an ordinary note', { text: 'llamó el cliente' }, null],
    ['another correction kind', { correction: 'price', changes: [] }, null],
    ['changes that are not a list', { correction: 'intake', changes: 'model' }, null],
    [
      'a code value smuggled into a synced row is dropped',
      { correction: 'intake', changes: [{ field: 'unlockSecret', from: '2580', to: '1111' }] },
      [{ field: 'unlockSecret', changed: true }],
    ],
    [
      'unknown fields and malformed values are skipped',
      {
        correction: 'intake',
        changes: [
          { field: 'customerId', from: 'a', to: 'b' },
          { field: 'model', from: 1, to: 'A55' },
          null,
          'model',
          { field: 'brand', from: 'Samsung', to: 'Motorola' },
          { field: 'accessories', from: [], to: ['Funda'] },
        ],
      },
      [
        { field: 'brand', from: 'Samsung', to: 'Motorola' },
        { field: 'accessories', from: [], to: ['Funda'] },
      ],
    ],
  ])('%s', (_label, details, expected) => {
    expect(intakeCorrectionOf(details)).toEqual(expected);
  });
});

describe('the request', () => {
  const orderId = '0190a0b0-0000-7000-8000-000000000001';

  it.each<[string, Record<string, unknown>, string | null]>([
    ['only the order', {}, null],
    ['a grouped IMEI', { imei: '49 015420 323751 8' }, null],
    ['a wrong check digit', { imei: '490154203237519' }, 'imei'],
    ['both identities removed', { imei: null, serial: null }, 'imei'],
    ['a blank reported fault', { reportedFault: '   ' }, 'reportedFault'],
    ['a customer change', { customerId: orderId }, ''],
    ['an estimate', { estimate: 100 }, ''],
  ])('%s', (_label, fields, failingPath) => {
    const parsed = repairIntakeCorrectionSchema.safeParse({ orderId, ...fields });
    expect(parsed.success).toBe(failingPath === null);
    if (!parsed.success) expect(parsed.error.issues.map((i) => i.path.join('.'))).toContain(failingPath);
  });

  it('normalizes the IMEI as intake does, and leaves out what is not sent', () => {
    expect(repairIntakeCorrectionSchema.parse({ orderId, imei: '49-015420-323751-8', model: ' A55 ' })).toEqual({
      orderId,
      imei: '490154203237518',
      model: 'A55',
    });
  });
});
