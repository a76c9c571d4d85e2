import type { StoreProfile, StoreProfileChanges } from '../../shared/contract/store.contract';
import type { ErrorCode, ValidationIssue } from '../../shared/errors';
import { checkCuit } from '../../shared/tax-id';
import type { MessageKey } from '../i18n/i18n';

/** The Tienda form as typed: every field a string until it is saved. */
export interface StoreProfileForm {
  name: string;
  address: string;
  phone: string;
  email: string;
  taxId: string;
  repairTerms: string;
  warrantyDays: string;
}
export type StoreProfileField = keyof StoreProfileForm;
export type StoreProfileErrors = Partial<Record<StoreProfileField, MessageKey>>;

export function profileToForm(profile: StoreProfile): StoreProfileForm {
  return {
    name: profile.name,
    address: profile.address,
    phone: profile.phone,
    email: profile.email,
    taxId: profile.taxId,
    repairTerms: profile.repairTerms,
    warrantyDays: String(profile.warrantyDays),
  };
}

/** The store's CUIT as the core will check it (shared/tax-id.ts), so the field says what is wrong at once. */
export function storeTaxIdIssue(raw: string): MessageKey | null {
  if (raw.trim() === '') return null;
  const check = checkCuit(raw);
  return check.ok ? null : `customerForm.taxId.cuit.${check.reason}`;
}

function sameCuit(a: string, b: string): boolean {
  return a.replace(/\D/g, '') === b.replace(/\D/g, '');
}

/**
 * What the form changes, as a `store.updateProfile` request with only the fields that differ from the profile
 * (each changed field merges on its own with other terminals' edits), or what to fix first.
 */
export function formToChanges(
  form: StoreProfileForm,
  profile: StoreProfile,
): { ok: true; changes: StoreProfileChanges } | { ok: false; errors: StoreProfileErrors } {
  const errors: StoreProfileErrors = {};
  if (form.name.trim() === '') errors.name = 'validation.required';
  const taxIssue = storeTaxIdIssue(form.taxId);
  if (taxIssue) errors.taxId = taxIssue;
  const days = /^\d{1,4}$/.test(form.warrantyDays.trim()) ? Number(form.warrantyDays.trim()) : null;
  if (days === null || days > 3650) errors.warrantyDays = 'store.warrantyDaysInvalid';
  if (Object.keys(errors).length > 0 || days === null) return { ok: false, errors };

  const changes: StoreProfileChanges = {};
  const name = form.name.trim();
  if (name !== profile.name) changes.name = name;
  for (const key of ['address', 'phone', 'email', 'repairTerms'] as const) {
    const value = form[key].trim();
    if (value !== profile[key]) changes[key] = value;
  }
  if (!sameCuit(form.taxId, profile.taxId)) changes.taxId = form.taxId.trim();
  if (days !== profile.warrantyDays) changes.warrantyDays = days;
  return { ok: true, changes };
}

const FIELD_MESSAGES: Readonly<Record<StoreProfileField, MessageKey>> = {
  name: 'validation.required',
  address: 'validation.invalid',
  phone: 'customerForm.phoneInvalid',
  email: 'customerForm.emailInvalid',
  taxId: 'customerForm.taxId.cuit.check_digit',
  repairTerms: 'validation.invalid',
  warrantyDays: 'store.warrantyDaysInvalid',
};

/** The core's field issues (a phone or email it refused) on the fields they name. */
export function serverIssuesToStoreErrors(
  issues: readonly ValidationIssue[] | undefined,
  code: ErrorCode,
): StoreProfileErrors {
  const errors: StoreProfileErrors = {};
  if (code !== 'VALIDATION') return errors;
  for (const issue of issues ?? []) {
    const field = issue.path.replace(/^input\./, '').split('.')[0] as StoreProfileField;
    if (field in FIELD_MESSAGES && !errors[field]) errors[field] = FIELD_MESSAGES[field];
  }
  return errors;
}
