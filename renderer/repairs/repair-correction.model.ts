import type { RepairIntakeCorrectionInput } from '../../shared/contract/repair-correction.contract';
import type { RepairDetail } from '../../shared/contract/repairs.contract';
import type { MessageKey } from '../i18n/i18n';
import { ACCESSORY_KEYS, type AccessoryKey, imeiFeedback, promisedInstant } from './repair-intake.model';

/** "Corregir datos del equipo": the intake's device fields, filled with what the order holds now. */
export interface CorrectionForm {
  deviceType: string;
  brand: string;
  model: string;
  imei: string;
  serial: string;
  accessories: AccessoryKey[];
  otherAccessory: string;
  conditionNotes: string;
  reportedFault: string;
  /** Blank while the viewer may not read the code (a cashier): typing one replaces it, blank keeps it. */
  unlockSecret: string;
  promisedDate: string;
  promisedTime: string;
}

export type CorrectionErrors = Partial<Record<keyof CorrectionForm, MessageKey>>;

/** What the form was opened with, so only what the clerk changed is sent. */
export interface CorrectionStart {
  form: CorrectionForm;
  /** Stored accessories that are not a checklist word ("lápiz óptico"), kept as they were unless retyped. */
  otherItems: string[];
}

function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

/** An ISO instant as the day and hour a date and a time input show on this terminal's clock. */
export function localDayAndTime(iso: string | null): { date: string; time: string } {
  const date = iso === null ? null : new Date(iso);
  if (date === null || Number.isNaN(date.getTime())) return { date: '', time: '18:00' };
  return {
    date: `${date.getFullYear()}-${twoDigits(date.getMonth() + 1)}-${twoDigits(date.getDate())}`,
    time: `${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}`,
  };
}

/**
 * The form for an order. Stored accessories are the checklist's words as intake wrote them; a word of the
 * checklist ticks its box, anything else is "Otro" with its text.
 */
export function correctionStart(order: RepairDetail, accessoryWords: (key: AccessoryKey) => string): CorrectionStart {
  const byWord = new Map(ACCESSORY_KEYS.map((key) => [accessoryWords(key), key] as const));
  const keys = new Set<AccessoryKey>();
  const otherItems: string[] = [];
  for (const item of order.accessories) {
    const key = byWord.get(item);
    if (key) keys.add(key);
    else otherItems.push(item);
  }
  if (otherItems.length > 0) keys.add('other');
  const promised = localDayAndTime(order.promisedAt);
  return {
    otherItems,
    form: {
      deviceType: order.deviceType,
      brand: order.brand,
      model: order.model,
      imei: order.imei ?? '',
      serial: order.serial ?? '',
      accessories: ACCESSORY_KEYS.filter((key) => keys.has(key)),
      otherAccessory: otherItems.join(', '),
      conditionNotes: order.conditionNotes,
      reportedFault: order.reportedFault,
      unlockSecret: order.unlockSecret ?? '',
      promisedDate: promised.date,
      promisedTime: promised.time,
    },
  };
}

function accessoriesOf(
  form: CorrectionForm,
  start: CorrectionStart,
  accessoryWords: (key: AccessoryKey) => string,
): string[] {
  const other = form.otherAccessory.trim();
  return form.accessories.flatMap((key) => {
    if (key !== 'other' || other === '') return [accessoryWords(key)];
    return other === start.form.otherAccessory.trim() ? start.otherItems : [other];
  });
}

const blankToNull = (value: string) => (value.trim() === '' ? null : value.trim());

/**
 * The form as a `repairs.updateIntake` request carrying only the fields the clerk changed (null when nothing
 * changed), or what to fix, with the intake form's messages.
 */
export function correctionRequest(
  form: CorrectionForm,
  start: CorrectionStart,
  orderId: string,
  accessoryWords: (key: AccessoryKey) => string,
): { ok: true; request: RepairIntakeCorrectionInput | null } | { ok: false; errors: CorrectionErrors } {
  const errors: CorrectionErrors = {};
  for (const field of ['deviceType', 'brand', 'model', 'reportedFault'] as const) {
    if (form[field].trim() === '') errors[field] = 'repair.intake.required';
  }
  const imei = imeiFeedback(form.imei);
  if (imei === 'typing' || imei === 'format') errors.imei = 'repair.imei.format';
  if (imei === 'check_digit') errors.imei = 'repair.imei.checkDigit';
  if (imei === 'empty' && form.serial.trim() === '') errors.imei = 'repair.intake.imeiOrSerial';
  const promisedAt = form.promisedDate ? promisedInstant(form.promisedDate, form.promisedTime) : null;
  if (form.promisedDate && promisedAt === null) errors.promisedDate = 'repair.intake.dateInvalid';
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const before = start.form;
  const edited = (field: keyof CorrectionForm) => String(form[field]).trim() !== String(before[field]).trim();
  const request: RepairIntakeCorrectionInput = { orderId };
  if (edited('deviceType')) request.deviceType = form.deviceType.trim();
  if (edited('brand')) request.brand = form.brand.trim();
  if (edited('model')) request.model = form.model.trim();
  if (edited('imei')) request.imei = blankToNull(form.imei);
  if (edited('serial')) request.serial = blankToNull(form.serial);
  if (edited('accessories') || edited('otherAccessory')) {
    request.accessories = accessoriesOf(form, start, accessoryWords);
  }
  if (edited('conditionNotes')) request.conditionNotes = form.conditionNotes.trim();
  if (edited('reportedFault')) request.reportedFault = form.reportedFault.trim();
  if (edited('unlockSecret')) request.unlockSecret = blankToNull(form.unlockSecret);
  if (edited('promisedDate') || (form.promisedDate !== '' && edited('promisedTime'))) request.promisedAt = promisedAt;
  return { ok: true, request: Object.keys(request).length > 1 ? request : null };
}
