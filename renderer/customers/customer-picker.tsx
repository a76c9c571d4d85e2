import { type FormEvent, type KeyboardEvent, useEffect, useState } from 'react';
import type { Customer, CustomerSummary } from '../../shared/contract/customers.contract';
import { call } from '../bridge/techstore-bridge';
import { Dialog } from '../components/dialog';
import { issuesByField } from '../components/field-issues';
import { TextField } from '../components/text-field';
import { useFormat } from '../format/format';
import { errorMessage } from '../i18n/error-message';
import { useT } from '../i18n/i18n';

interface CustomerPickerProps {
  onPick: (customer: Customer) => void;
  onClose: () => void;
}

type TaxKind = 'none' | 'dni' | 'cuit';

/**
 * Finds a customer by name, DNI, CUIT or phone (customers.search) or creates one on the spot (customers.create),
 * without leaving the screen that asked: the POS now, repair intake later. Keyboard: type, ↑/↓, Enter; F4 new.
 */
export function CustomerPicker({ onPick, onClose }: CustomerPickerProps) {
  const t = useT();
  const format = useFormat();
  const [mode, setMode] = useState<'search' | 'create'>('search');
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<CustomerSummary[]>([]);
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [name, setName] = useState('');
  const [taxKind, setTaxKind] = useState<TaxKind>('dni');
  const [taxNumber, setTaxNumber] = useState('');
  const [phone, setPhone] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Map<string, string>>(new Map());

  useEffect(() => {
    if (mode !== 'search') return;
    let stale = false;
    const timer = window.setTimeout(async () => {
      const result = await call('customers.search', { query, limit: 10 });
      if (stale) return;
      setItems(result.ok ? result.value.items : []);
      setActive(0);
      setError(result.ok ? null : errorMessage(t, result));
    }, 150);
    return () => {
      stale = true;
      window.clearTimeout(timer);
    };
  }, [query, mode, t]);

  const pick = async (summary: CustomerSummary | undefined) => {
    if (!summary || busy) return;
    setBusy(true);
    const result = await call('customers.get', { id: summary.id });
    setBusy(false);
    if (result.ok) onPick(result.value);
    else setError(errorMessage(t, result));
  };

  const startCreate = () => {
    // What was typed becomes the name, or the document when it is digits.
    const digits = query.replace(/[\s.-]/g, '');
    if (/^\d{7,11}$/.test(digits)) {
      setTaxNumber(query.trim());
      setTaxKind(digits.length === 11 ? 'cuit' : 'dni');
    } else setName(query.trim());
    setError(null);
    setMode('create');
  };

  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const delta = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => Math.min(Math.max(0, i + delta), Math.max(0, items.length - 1)));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      void pick(items[active]);
    } else if (event.key === 'F4') {
      event.preventDefault();
      startCreate();
    }
  };

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const result = await call('customers.create', {
      name,
      taxId: taxKind === 'none' || taxNumber.trim() === '' ? null : { kind: taxKind, number: taxNumber },
      phone,
    });
    setBusy(false);
    if (result.ok) {
      onPick(result.value);
      return;
    }
    setFieldErrors(issuesByField(result.issues));
    setError(result.code === 'CONFLICT' ? result.message : errorMessage(t, result));
  };

  if (mode === 'create') {
    return (
      <Dialog title={t('customer.newTitle')} onClose={() => setMode('search')} testId="customer-create">
        <form onSubmit={(e) => void create(e)}>
          <TextField
            label={t('customer.name')}
            value={name}
            onChange={setName}
            error={fieldErrors.get('name')}
            testId="customer-name"
            autoFocus
          />
          <div className="field-row">
            <div className="field">
              <label htmlFor="customer-tax-kind">{t('customer.taxKind')}</label>
              <select
                id="customer-tax-kind"
                value={taxKind}
                onChange={(e) => setTaxKind(e.target.value as TaxKind)}
                data-testid="customer-tax-kind"
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
              value={taxNumber}
              onChange={setTaxNumber}
              error={fieldErrors.get('taxId.number') ?? fieldErrors.get('taxId')}
              disabled={taxKind === 'none'}
              inputMode="numeric"
              testId="customer-tax-number"
            />
          </div>
          <TextField
            label={t('customer.phone')}
            value={phone}
            onChange={setPhone}
            error={fieldErrors.get('phone')}
            inputMode="tel"
            testId="customer-phone"
          />
          {error ? (
            <p className="form-error" role="alert" data-testid="customer-error">
              {error}
            </p>
          ) : null}
          <div className="dialog-actions">
            <button type="button" className="button-secondary button-large" onClick={() => setMode('search')}>
              <kbd>Esc</kbd> {t('customer.back')}
            </button>
            <button
              type="submit"
              className="button-primary button-large"
              disabled={busy || name.trim() === ''}
              data-testid="customer-create-submit"
            >
              <kbd>Enter</kbd> {busy ? t('customer.creating') : t('customer.create')}
            </button>
          </div>
        </form>
      </Dialog>
    );
  }

  return (
    <Dialog title={t('customer.pickTitle')} onClose={onClose} testId="customer-picker" wide>
      <div className="field">
        <label htmlFor="customer-search">{t('customer.search')}</label>
        <input
          id="customer-search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onSearchKey}
          autoComplete="off"
          autoFocus
          aria-controls="customer-results"
          data-testid="customer-search"
        />
      </div>
      <ul id="customer-results" className="customer-results" aria-label={t('customer.results')}>
        {items.map((c, index) => (
          <li key={c.id}>
            <button
              type="button"
              className={index === active ? 'customer-result customer-result-active' : 'customer-result'}
              aria-current={index === active ? true : undefined}
              onClick={() => void pick(c)}
              data-testid="customer-result"
              data-customer-id={c.id}
            >
              <span className="customer-result-name">{c.name}</span>
              <span className="muted">{[c.taxIdDisplay, c.phone].filter(Boolean).join(' · ')}</span>
              <span className="muted">{t('customer.balance', { balance: format.money(c.balance) })}</span>
            </button>
          </li>
        ))}
      </ul>
      {items.length === 0 && query.trim() !== '' ? <p className="muted">{t('customer.noResults')}</p> : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="button-secondary button-large" onClick={onClose}>
          <kbd>Esc</kbd> {t('action.close')}
        </button>
        <button
          type="button"
          className="button-secondary button-large"
          onClick={startCreate}
          data-testid="customer-new"
        >
          <kbd>F4</kbd> {t('customer.new')}
        </button>
      </div>
    </Dialog>
  );
}
