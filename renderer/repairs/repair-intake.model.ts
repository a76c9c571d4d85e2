import type { DEPOSIT_METHODS, RepairIntakeInput } from '../../shared/contract/repairs.contract';
import { checkImei } from '../../shared/imei';
import { needsReference } from '../../shared/sale-payments';
import { parsePesos } from '../format/parse-pesos';
import type { MessageKey } from '../i18n/i18n';

/** The accessories checklist at the counter, as stored on the order (es-AR words, what the ticket prints). */
export const ACCESSORY_KEYS = ['charger', 'case', 'sim', 'memoryCard', 'box', 'other'] as const;
export type AccessoryKey = (typeof ACCESSORY_KEYS)[number];

/** A key added to or taken off the checklist, in the checklist's order (the order the ticket prints). */
export function toggledAccessories(selected: readonly AccessoryKey[], key: AccessoryKey): AccessoryKey[] {
  return selected.includes(key)
    ? selected.filter((a) => a !== key)
    : ACCESSORY_KEYS.filter((a) => a === key || selected.includes(a));
}

export interface IntakeForm {
  customerId: string | null;
  deviceType: string;
  brand: string;
  model: string;
  imei: string;
  serial: string;
  accessories: AccessoryKey[];
  otherAccessory: string;
  conditionNotes: string;
  reportedFault: string;
  unlockSecret: string;
  toDiagnose: boolean;
  estimate: string;
  deposit: string;
  depositMethod: DepositMethod;
  /** The card's voucher (cupón) or the transfer's operation number; ignored for cash. */
  depositReference: string;
  promisedDate: string;
  promisedTime: string;
  technicianId: string;
}

export const EMPTY_INTAKE: Omit<IntakeForm, 'customerId'> = {
  deviceType: '',
  brand: '',
  model: '',
  imei: '',
  serial: '',
  accessories: [],
  otherAccessory: '',
  conditionNotes: '',
  reportedFault: '',
  unlockSecret: '',
  toDiagnose: true,
  estimate: '',
  deposit: '',
  depositMethod: 'cash',
  depositReference: '',
  promisedDate: '',
  promisedTime: '18:00',
  technicianId: '',
};

export type DepositMethod = (typeof DEPOSIT_METHODS)[number];

/** The method's words, the ones the POS uses: cards in full as the receipt prints them, so the two never differ. */
export function depositMethodLabel(method: DepositMethod): MessageKey {
  return method === 'debit_card' || method === 'credit_card' ? `receiptPay.${method}` : `payMethod.${method}`;
}

/** Cards and transfers carry a reference (the POS shows the same field); cash has nothing to refer to. */
export function depositTakesReference(method: DepositMethod): boolean {
  return method !== 'cash';
}

export type ImeiFeedback = 'empty' | 'typing' | 'format' | 'check_digit' | 'ok';

/** What the IMEI field says as each digit is typed: nothing, keep typing, wrong, or a valid Luhn check digit. */
export function imeiFeedback(raw: string): ImeiFeedback {
  const digits = raw.replace(/[\s-]/g, '');
  if (digits === '') return 'empty';
  if (!/^\d+$/.test(digits) || digits.length > 15) return 'format';
  if (digits.length < 15) return 'typing';
  const check = checkImei(raw);
  return check.ok ? 'ok' : check.reason;
}

export type IntakeErrors = Partial<Record<keyof IntakeForm, MessageKey>>;

/** The promised day and hour typed on the terminal, as an ISO instant. */
export function promisedInstant(day: string, time: string): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const h = /^(\d{2}):(\d{2})$/.exec(time || '18:00');
  if (!d || !h) return null;
  const date = new Date(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(h[1]), Number(h[2]));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * The form as a `repairs.intake` request, or what to fix. The accessory words are stored as the catalog
 * `accessoryWords` gives them, so a ticket printed later in another language still says what came in.
 */
export function intakeRequest(
  form: IntakeForm,
  orderId: string,
  accessoryWords: (key: AccessoryKey) => string,
): { ok: true; request: RepairIntakeInput } | { ok: false; errors: IntakeErrors } {
  const errors: IntakeErrors = {};
  if (!form.customerId) errors.customerId = 'repair.intake.customerRequired';
  if (form.deviceType.trim() === '') errors.deviceType = 'repair.intake.required';
  if (form.brand.trim() === '') errors.brand = 'repair.intake.required';
  if (form.model.trim() === '') errors.model = 'repair.intake.required';
  if (form.reportedFault.trim() === '') errors.reportedFault = 'repair.intake.required';
  const imei = imeiFeedback(form.imei);
  if (imei === 'typing' || imei === 'format') errors.imei = 'repair.imei.format';
  if (imei === 'check_digit') errors.imei = 'repair.imei.checkDigit';
  if (imei === 'empty' && form.serial.trim() === '') errors.imei = 'repair.intake.imeiOrSerial';
  const estimate = form.toDiagnose || form.estimate.trim() === '' ? null : parsePesos(form.estimate);
  if (!form.toDiagnose && form.estimate.trim() !== '' && estimate === null) errors.estimate = 'repair.amountInvalid';
  const deposit = form.deposit.trim() === '' ? null : parsePesos(form.deposit);
  if (form.deposit.trim() !== '' && (deposit === null || deposit < 1)) errors.deposit = 'repair.amountInvalid';
  // The POS rule (shared/sale-payments.ts): a card needs its voucher number, a transfer's number is optional.
  const reference = depositTakesReference(form.depositMethod) ? form.depositReference.trim() : '';
  if (deposit !== null && needsReference(form.depositMethod) && reference === '') {
    errors.depositReference = 'pay.referenceRequired';
  }
  const promisedAt = form.promisedDate ? promisedInstant(form.promisedDate, form.promisedTime) : null;
  if (form.promisedDate && promisedAt === null) errors.promisedDate = 'repair.intake.dateInvalid';
  if (Object.keys(errors).length > 0 || !form.customerId) return { ok: false, errors };

  const accessories = form.accessories.map((key) =>
    key === 'other' && form.otherAccessory.trim() !== '' ? form.otherAccessory.trim() : accessoryWords(key),
  );
  return {
    ok: true,
    request: {
      orderId,
      customerId: form.customerId,
      device: {
        type: form.deviceType.trim(),
        brand: form.brand.trim(),
        model: form.model.trim(),
        imei: imei === 'ok' ? form.imei : null,
        serial: form.serial.trim() === '' ? null : form.serial.trim(),
      },
      accessories,
      conditionNotes: form.conditionNotes.trim(),
      reportedFault: form.reportedFault.trim(),
      unlockSecret: form.unlockSecret.trim() === '' ? null : form.unlockSecret.trim(),
      estimate,
      estimatePreApproved: false,
      promisedAt,
      // The core sells the seña (a seña sale with its receipt) in the intake's transaction, paid by this method.
      deposit: deposit === null ? null : { amount: deposit, method: form.depositMethod, reference },
    },
  };
}
