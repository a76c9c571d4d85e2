import { type FormEvent, useEffect, useState } from 'react';
import type { StoreProfile } from '../../shared/contract/store.contract';
import { useAppStatusStore } from '../app/app-status.store';
import { call } from '../bridge/techstore-bridge';
import { TextAreaField } from '../components/text-area-field';
import { TextField } from '../components/text-field';
import { errorMessage } from '../i18n/error-message';
import { useT } from '../i18n/i18n';
import {
  formToChanges,
  profileToForm,
  type StoreProfileErrors,
  type StoreProfileField,
  type StoreProfileForm,
  serverIssuesToStoreErrors,
  storeTaxIdIssue,
} from './store-profile.model';

/**
 * Tienda (managers): the store's name and contact as receipts, repair tickets and statements print them, the
 * repair ticket's terms and the warranty window. Saved here, it reaches the store's other terminals by sync.
 */
export function StoreScreen() {
  const t = useT();
  const reloadStatus = useAppStatusStore((s) => s.load);
  const [profile, setProfile] = useState<StoreProfile | null>(null);
  const [form, setForm] = useState<StoreProfileForm | null>(null);
  const [errors, setErrors] = useState<StoreProfileErrors>({});
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void call('store.profile', {}).then((result) => {
      if (result.ok) {
        setProfile(result.value);
        setForm(profileToForm(result.value));
      } else {
        setMessage({ kind: 'error', text: errorMessage(t, result) });
      }
    });
  }, [t]);

  if (!profile || !form) {
    return (
      <section className="store-screen card" data-testid="store-screen">
        <h2>{t('store.title')}</h2>
        <p>{message?.text ?? t('app.loading')}</p>
      </section>
    );
  }

  const update = (field: StoreProfileField, value: string) => {
    setForm({ ...form, [field]: value });
    setErrors(({ [field]: _cleared, ...rest }) => rest);
    setMessage(null);
  };
  const err = (field: StoreProfileField) => (errors[field] ? t(errors[field]) : undefined);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const built = formToChanges(form, profile);
    if (!built.ok) {
      setErrors(built.errors);
      setMessage({ kind: 'error', text: t('validation.fixFields') });
      return;
    }
    if (Object.keys(built.changes).length === 0) {
      setMessage({ kind: 'ok', text: t('store.unchanged') });
      return;
    }
    setBusy(true);
    const result = await call('store.updateProfile', built.changes);
    setBusy(false);
    if (!result.ok) {
      setErrors(serverIssuesToStoreErrors(result.issues, result.code));
      setMessage({ kind: 'error', text: errorMessage(t, result) });
      return;
    }
    setProfile(result.value);
    setForm(profileToForm(result.value));
    setMessage({ kind: 'ok', text: t('store.saved') });
    // The top bar shows the store's name.
    if (built.changes.name !== undefined) void reloadStatus();
  };

  return (
    <form className="store-screen card" onSubmit={(e) => void save(e)} noValidate data-testid="store-screen">
      <h2>{t('store.title')}</h2>
      <p className="field-hint">{t('store.intro')}</p>
      <TextField
        label={t('store.name')}
        value={form.name}
        onChange={(v) => update('name', v)}
        error={err('name')}
        maxLength={80}
        testId="store-name"
      />
      <TextField
        label={t('customerForm.address')}
        value={form.address}
        onChange={(v) => update('address', v)}
        error={err('address')}
        maxLength={200}
        testId="store-address"
      />
      <div className="field-row">
        <TextField
          label={t('customer.phone')}
          value={form.phone}
          onChange={(v) => update('phone', v)}
          error={err('phone')}
          inputMode="tel"
          maxLength={40}
          testId="store-phone"
        />
        <TextField
          label={t('customerForm.email')}
          value={form.email}
          onChange={(v) => update('email', v)}
          error={err('email')}
          inputMode="email"
          maxLength={120}
          testId="store-email"
        />
        <TextField
          label={t('store.taxId')}
          value={form.taxId}
          onChange={(v) => update('taxId', v)}
          onBlur={() => {
            const issue = storeTaxIdIssue(form.taxId);
            if (issue) setErrors((e) => ({ ...e, taxId: issue }));
          }}
          error={err('taxId')}
          inputMode="numeric"
          maxLength={20}
          testId="store-tax-id"
        />
      </div>
      <TextField
        label={t('store.warrantyDays')}
        hint={t('store.warrantyDaysHint')}
        value={form.warrantyDays}
        onChange={(v) => update('warrantyDays', v)}
        error={err('warrantyDays')}
        inputMode="numeric"
        maxLength={4}
        testId="store-warranty-days"
      />
      <TextAreaField
        label={t('store.repairTerms')}
        hint={t('store.repairTermsHint')}
        rows={5}
        maxLength={1500}
        value={form.repairTerms}
        onChange={(v) => update('repairTerms', v)}
        placeholder={t('store.repairTermsPlaceholder')}
        testId="store-repair-terms"
      />
      {message ? (
        <p
          className={message.kind === 'ok' ? 'form-ok' : 'form-error'}
          role={message.kind === 'ok' ? 'status' : 'alert'}
          data-testid="store-message"
        >
          {message.text}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button-primary button-large" disabled={busy} data-testid="store-save">
          <kbd>Enter</kbd> {t('store.save')}
        </button>
      </div>
    </form>
  );
}
