import { describe, expect, it } from 'vitest';
import {
  emptyCustomerForm,
  formToInput,
  serverIssuesToErrors,
  taxIdIssue,
} from '../../../../renderer/customers/customer-form.model';

describe('tax id message on the field', () => {
  it.each([
    ['dni', '28.765.432', null],
    ['dni', '123', 'customerForm.taxId.dni.format'],
    ['dni', '00999999', 'customerForm.taxId.dni.range'],
    ['cuit', '20-12345678-6', null],
    ['cuit', '20-12345678-5', 'customerForm.taxId.cuit.check_digit'],
    ['cuit', '21-12345678-6', 'customerForm.taxId.cuit.prefix'],
    ['cuit', '2012345678', 'customerForm.taxId.cuit.format'],
    ['none', 'anything', null],
    ['cuit', '', null],
  ] as const)('%s %s', (kind, number, expected) => {
    expect(taxIdIssue(kind, number)).toBe(expected);
  });
});

describe('form to customers.create input', () => {
  it('sends the document as typed and the limit in centavos', () => {
    const result = formToInput({
      ...emptyCustomerForm(),
      name: ' María Gómez ',
      taxKind: 'cuit',
      taxNumber: '20-12345678-6',
      creditLimit: '100.000',
    });
    expect(result.input).toMatchObject({
      name: 'María Gómez',
      taxId: { kind: 'cuit', number: '20-12345678-6' },
      creditLimit: 10_000_000,
    });
  });

  it('an empty limit is no limit and an empty document none', () => {
    const result = formToInput({ ...emptyCustomerForm(), name: 'Juan' });
    expect(result.input).toMatchObject({ taxId: null, creditLimit: null });
  });

  it('refuses a wrong check digit and an unreadable limit before sending', () => {
    const result = formToInput({
      ...emptyCustomerForm(),
      taxKind: 'cuit',
      taxNumber: '20-12345678-5',
      creditLimit: 'mucho',
    });
    expect(result.errors).toEqual({
      name: 'validation.required',
      taxNumber: 'customerForm.taxId.cuit.check_digit',
      creditLimit: 'validation.money',
    });
  });

  it('refuses a limit over the largest the system records, before sending and when the core says so', () => {
    const over = formToInput({ ...emptyCustomerForm(), name: 'Juan', creditLimit: '10.000.000.001' });
    expect(over.errors).toEqual({ creditLimit: 'validation.amountLimit' });
    const issues = [{ path: 'changes.creditLimit', message: 'amount_limit 1000000000000' }];
    expect(serverIssuesToErrors(issues, 'VALIDATION')).toEqual({ creditLimit: 'validation.amountLimit' });
  });

  it('maps the core issues to fields', () => {
    expect(
      serverIssuesToErrors(
        [
          { path: 'taxId.number', message: 'DNI 28.765.432 is already registered' },
          { path: 'changes.phone', message: 'not a phone number' },
        ],
        'CONFLICT',
      ),
    ).toEqual({ taxNumber: 'customerForm.taxIdTaken', phone: 'customerForm.phoneInvalid' });
  });
});
