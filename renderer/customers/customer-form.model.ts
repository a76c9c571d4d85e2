import type { Customer, CustomerInput } from '../../shared/contract/customers.contract';
import type { ErrorCode, ValidationIssue } from '../../shared/errors';
import { isLimitIssue, MONEY_BOUNDS } from '../../shared/money-bounds';
import { checkCuit, checkDni } from '../../shared/tax-id';
import { centavosToInput, parsePesos } from '../format/parse-pesos';
import type { MessageKey } from '../i18n/i18n';

export type TaxKind = 'none' | 'dni' | 'cuit';

export interface CustomerFormValues {
  name: string;
  taxKind: TaxKind;
  taxNumber: string;
  phone: string;
  email: string;
  address: string;
  notes: string;
  /** Pesos as typed; empty means no limit. */
  creditLimit: string;
}

export type CustomerFormField = keyof CustomerFormValues;
export type CustomerFormErrors = Partial<Record<CustomerFormField, MessageKey>>;

export function emptyCustomerForm(): CustomerFormValues {
  return { name: '', taxKind: 'dni', taxNumber: '', phone: '', email: '', address: '', notes: '', creditLimit: '' };
}

export function customerToForm(customer: Customer, decimalMark: ',' | '.'): CustomerFormValues {
  return {
    name: customer.name,
    taxKind: customer.taxIdKind ?? 'none',
    taxNumber: customer.taxIdDisplay ?? '',
    phone: customer.phone,
    email: customer.email,
    address: customer.address,
    notes: customer.notes,
    creditLimit: customer.creditLimit === null ? '' : centavosToInput(customer.creditLimit, decimalMark),
  };
}

/**
 * The same check digit rule the core applies (shared/tax-id.ts), run while typing so the field says what is
 * wrong before anything is sent. Empty is not an error here: the form decides whether a document is required.
 */
export function taxIdIssue(kind: TaxKind, number: string): MessageKey | null {
  if (kind === 'none' || number.trim() === '') return null;
  if (kind === 'dni') {
    const check = checkDni(number);
    return check.ok ? null : `customerForm.taxId.dni.${check.reason}`;
  }
  const check = checkCuit(number);
  return check.ok ? null : `customerForm.taxId.cuit.${check.reason}`;
}

type FormResult = { input: Required<CustomerInput>; errors: null } | { input: null; errors: CustomerFormErrors };

/** The whole form as customers.create input, or the fields' errors. */
export function formToInput(values: CustomerFormValues): FormResult {
  const errors: CustomerFormErrors = {};
  if (values.name.trim() === '') errors.name = 'validation.required';
  const taxIssue = taxIdIssue(values.taxKind, values.taxNumber);
  if (taxIssue) errors.taxNumber = taxIssue;
  let creditLimit: number | null = null;
  if (values.creditLimit.trim() !== '') {
    creditLimit = parsePesos(values.creditLimit);
    if (creditLimit === null) errors.creditLimit = 'validation.money';
    else if (creditLimit > MONEY_BOUNDS.creditLimit) errors.creditLimit = 'validation.amountLimit';
  }
  if (Object.keys(errors).length > 0) return { input: null, errors };
  return {
    errors: null,
    input: {
      name: values.name.trim(),
      taxId:
        values.taxKind === 'none' || values.taxNumber.trim() === ''
          ? null
          : { kind: values.taxKind, number: values.taxNumber },
      phone: values.phone.trim(),
      email: values.email.trim(),
      address: values.address.trim(),
      notes: values.notes.trim(),
      creditLimit,
    },
  };
}

const FIELD_OF_PATH: Readonly<Record<string, CustomerFormField>> = {
  name: 'name',
  taxId: 'taxNumber',
  'taxId.number': 'taxNumber',
  phone: 'phone',
  email: 'email',
  address: 'address',
  notes: 'notes',
  creditLimit: 'creditLimit',
  'changes.name': 'name',
  'changes.taxId': 'taxNumber',
  'changes.taxId.number': 'taxNumber',
  'changes.phone': 'phone',
  'changes.email': 'email',
  'changes.address': 'address',
  'changes.notes': 'notes',
  'changes.creditLimit': 'creditLimit',
};

const MESSAGE_OF_FIELD: Readonly<Partial<Record<CustomerFormField, MessageKey>>> = {
  phone: 'customerForm.phoneInvalid',
  email: 'customerForm.emailInvalid',
};

/** The core's issues (English, for the log) as the field each belongs to and a translated message. */
export function serverIssuesToErrors(
  issues: readonly ValidationIssue[] | undefined,
  code: ErrorCode,
): CustomerFormErrors {
  const errors: CustomerFormErrors = {};
  for (const issue of issues ?? []) {
    const field = FIELD_OF_PATH[issue.path.replace(/^input\./, '')];
    if (!field || errors[field]) continue;
    // A CONFLICT on the document is another customer holding it; FORBIDDEN on the limit is a role matter.
    if (code === 'CONFLICT' && field === 'taxNumber') errors[field] = 'customerForm.taxIdTaken';
    else if (code === 'FORBIDDEN' && field === 'creditLimit') errors[field] = 'customerForm.limitManagersOnly';
    else if (isLimitIssue(issue)) errors[field] = 'validation.amountLimit';
    else errors[field] = MESSAGE_OF_FIELD[field] ?? 'validation.invalid';
  }
  return errors;
}
