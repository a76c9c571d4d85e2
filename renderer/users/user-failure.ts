import type { Failure } from '../../shared/errors';
import { userRefusalOf } from '../../shared/user-management';
import { errorMessage } from '../i18n/error-message';
import type { MessageKey, Translate } from '../i18n/i18n';

/** The fields of the users' forms a failure can point at. */
export type UserField = 'name' | 'role' | 'pin' | 'pinRepeat' | 'currentPin';

export type UserFieldErrors = Partial<Record<UserField, string>>;

/** What the core says about a field when its rule is not one of the users' refusals (a malformed value). */
const FIELD_MESSAGE: Record<UserField, MessageKey> = {
  name: 'validation.required',
  role: 'validation.invalid',
  pin: 'validation.pinFormat',
  pinRepeat: 'validation.pinMismatch',
  currentPin: 'validation.pinFormat',
};

export interface ShownFailure {
  /** The field the failure is about, when the form has it: the message goes under it. */
  field: UserField | null;
  text: string;
}

/**
 * A failure of a users' channel as the form shows it: the specific reason when the core gave one (a manager
 * outside their scope, the last admin, a taken name, a wrong current PIN...), next to the field it concerns.
 */
export function describeUserFailure(t: Translate, failure: Failure, fields: readonly UserField[]): ShownFailure {
  const path = failure.issues?.[0]?.path.replace(/^input\./, '').split('.')[0];
  const field = fields.find((f) => f === path) ?? null;
  const reason = userRefusalOf(failure);
  if (reason) return { field, text: t(`users.refusal.${reason}`) };
  if (failure.code === 'VALIDATION' && field) return { field, text: t(FIELD_MESSAGE[field]) };
  return { field: null, text: errorMessage(t, failure) };
}

const PIN_PATTERN = /^\d{4,8}$/;

/** The checks of a new PIN and its repetition, before anything is sent. */
export function newPinErrors(t: Translate, pin: string, repeat: string): UserFieldErrors {
  const errors: UserFieldErrors = {};
  if (!PIN_PATTERN.test(pin)) errors.pin = t('validation.pinFormat');
  else if (repeat !== pin) errors.pinRepeat = t('validation.pinMismatch');
  return errors;
}
