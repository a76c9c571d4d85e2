import { type FormEvent, useState } from 'react';
import type { Customer } from '../../shared/contract/customers.contract';
import { call } from '../bridge/techstore-bridge';
import { TextField } from '../components/text-field';
import { errorMessage } from '../i18n/error-message';
import { useT } from '../i18n/i18n';
import { useLocaleStore } from '../i18n/locale.store';
import {
  type CustomerFormErrors,
  type CustomerFormValues,
  customerToForm,
  emptyCustomerForm,
  formToInput,
  serverIssuesToErrors,
  type TaxKind,
  taxIdIssue,
} from './customer-form.model';

interface CustomerFormProps {
  /** null: a new customer. */
  customer: Customer | null;
  /** Managers see and edit the credit limit and may archive; the core refuses anyone else either way. */
  isManager: boolean;
  onSaved: (customer: Customer) => void;
  onCancel: () => void;
}

type TextKey = 'name' | 'phone' | 'email' | 'address' | 'notes' | 'creditLimit';

export function CustomerForm({ customer, isManager, onSaved, onCancel }: CustomerFormProps) {
  const t = useT();
  const decimalMark = useLocaleStore((s) => (s.locale === 'en' ? '.' : ','));
  const [values, setValues] = useState<CustomerFormValues>(() =>
    customer ? customerToForm(customer, decimalMark) : emptyCustomerForm(),
  );
  const [errors, setErrors] = useState<CustomerFormErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const update = <K extends keyof CustomerFormValues>(key: K, value: CustomerFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => {
      const { [key]: _removed, ...rest } = e;
      return rest;
    });
  };

  // The document is checked as it is typed, once it has the length of one: no red field mid-number.
  const liveTaxIssue = (() => {
    const digits = values.taxNumber.replace(/\D/g, '');
    const complete = values.taxKind === 'cuit' ? digits.length >= 11 : digits.length >= 7;
    return complete ? taxIdIssue(values.taxKind, values.taxNumber) : null;
  })();
  const taxError = errors.taxNumber ?? liveTaxIssue;

  const text = (
    key: TextKey,
    label: string,
    extra: { maxLength?: number; inputMode?: 'decimal' | 'tel' | 'email' } = {},
  ) => (
    <TextField
      label={label}
      value={values[key]}
      onChange={(v) => update(key, v)}
      error={errors[key] ? t(errors[key]) : undefined}
      testId={`customer-form-${key}`}
      {...extra}
    />
  );

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setMessage(null);
    const converted = formToInput(values);
    if (converted.errors) {
      setErrors(converted.errors);
      setMessage(t('validation.fixFields'));
      return;
    }
    const { creditLimit: _limit, ...rest } = converted.input;
    setBusy(true);
    // Only a manager sends the limit: for anyone else the core refuses the field, even unchanged.
    const result = customer
      ? await call('customers.update', { id: customer.id, changes: isManager ? converted.input : rest })
      : await call('customers.create', isManager ? converted.input : rest);
    setBusy(false);
    if (result.ok) {
      onSaved(result.value);
      return;
    }
    setErrors(serverIssuesToErrors(result.issues, result.code));
    setMessage(result.code === 'VALIDATION' ? t('validation.fixFields') : errorMessage(t, result));
  };

  return (
    <form className="customer-form" onSubmit={(e) => void save(e)} noValidate data-testid="customer-form">
      <h2>{customer ? t('customerForm.editTitle', { name: customer.name }) : t('customerForm.newTitle')}</h2>
      {text('name', t('customer.name'), { maxLength: 120 })}
      <div className="field-row">
        <div className="field">
          <label htmlFor="customer-form-tax-kind">{t('customer.taxKind')}</label>
          <select
            id="customer-form-tax-kind"
            value={values.taxKind}
            onChange={(e) => update('taxKind', e.target.value as TaxKind)}
            data-testid="customer-form-taxKind"
          >
            {(['dni', 'cuit', 'none'] as const).map((kind) => (
              <option key={kind} value={kind}>
                {t(`customer.taxKind.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <TextField
          label={t('customer.taxNumber')}
          value={values.taxNumber}
          onChange={(v) => update('taxNumber', v)}
          onBlur={() => {
            const issue = taxIdIssue(values.taxKind, values.taxNumber);
            if (issue) setErrors((e) => ({ ...e, taxNumber: issue }));
          }}
          error={taxError ? t(taxError) : undefined}
          disabled={values.taxKind === 'none'}
          inputMode="numeric"
          maxLength={20}
          testId="customer-form-taxNumber"
        />
      </div>
      <div className="field-row">
        {text('phone', t('customer.phone'), { inputMode: 'tel', maxLength: 40 })}
        {text('email', t('customerForm.email'), { inputMode: 'email', maxLength: 120 })}
      </div>
      {text('address', t('customerForm.address'), { maxLength: 200 })}
      {text('notes', t('customerForm.notes'), { maxLength: 500 })}
      {isManager ? (
        <TextField
          label={t('customerForm.creditLimit')}
          value={values.creditLimit}
          onChange={(v) => update('creditLimit', v)}
          error={errors.creditLimit ? t(errors.creditLimit) : undefined}
          hint={t('customerForm.creditLimitHint')}
          inputMode="decimal"
          testId="customer-form-creditLimit"
        />
      ) : null}
      {message ? (
        <p className="form-error" role="alert" data-testid="customer-form-error">
          {message}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button-primary button-large" disabled={busy} data-testid="customer-form-save">
          <kbd>Enter</kbd> {busy ? t('customer.creating') : t('customerForm.save')}
        </button>
        <button
          type="button"
          className="button-secondary button-large"
          onClick={onCancel}
          data-testid="customer-form-cancel"
        >
          <kbd>Esc</kbd> {t('customerForm.cancel')}
        </button>
      </div>
    </form>
  );
}
