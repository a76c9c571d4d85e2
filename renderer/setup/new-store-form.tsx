import { type FormEvent, useState } from 'react';
import type { Session } from '../../shared/contract/users.contract';
import { isTerminalCode } from '../../shared/document-number';
import { call } from '../bridge/techstore-bridge';
import { issuesByField } from '../components/field-issues';
import { TextField } from '../components/text-field';
import { errorMessage } from '../i18n/error-message';
import { type MessageKey, useT } from '../i18n/i18n';

type SetupField = 'storeName' | 'terminalCode' | 'adminName' | 'pin' | 'pinRepeat';
type FieldErrors = Partial<Record<SetupField, MessageKey>>;

const PIN_PATTERN = /^\d{4,8}$/;

/** The message shown for a field the core refused: specific where the rule is known, generic otherwise. */
const SERVER_ISSUE_MESSAGE: Record<SetupField, MessageKey> = {
  storeName: 'validation.required',
  terminalCode: 'validation.terminalCode',
  adminName: 'validation.required',
  pin: 'validation.pinFormat',
  pinRepeat: 'validation.pinMismatch',
};

interface SetupValues {
  storeName: string;
  terminalCode: string;
  adminName: string;
  pin: string;
  pinRepeat: string;
}

function validate(v: SetupValues): FieldErrors {
  const errors: FieldErrors = {};
  if (v.storeName.trim() === '') errors.storeName = 'validation.required';
  if (!isTerminalCode(v.terminalCode.trim().toUpperCase())) errors.terminalCode = 'validation.terminalCode';
  if (v.adminName.trim() === '') errors.adminName = 'validation.required';
  if (!PIN_PATTERN.test(v.pin)) errors.pin = 'validation.pinFormat';
  if (v.pinRepeat !== v.pin) errors.pinRepeat = 'validation.pinMismatch';
  return errors;
}

/** First run, a store of its own: the store, this terminal's code and the first admin. */
export function NewStoreForm({ onDone }: { onDone: (session: Session) => void }) {
  const t = useT();
  const [values, setValues] = useState<SetupValues>({
    storeName: '',
    terminalCode: 'T01',
    adminName: '',
    pin: '',
    pinRepeat: '',
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (field: SetupField) => (value: string) => {
    setValues((prev) => ({ ...prev, [field]: value }));
    setErrors((prev) => ({ ...prev, [field]: undefined }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const clientErrors = validate(values);
    setErrors(clientErrors);
    setFormError(null);
    if (Object.values(clientErrors).some(Boolean)) return;
    setBusy(true);
    const result = await call('setup.initialize', {
      storeName: values.storeName.trim(),
      terminalCode: values.terminalCode.trim().toUpperCase(),
      adminName: values.adminName.trim(),
      pin: values.pin,
    });
    setBusy(false);
    if (result.ok) {
      onDone(result.value);
      return;
    }
    if (result.code === 'VALIDATION') {
      const byField = issuesByField(result.issues);
      const serverErrors: FieldErrors = {};
      for (const field of ['storeName', 'terminalCode', 'adminName', 'pin'] as const) {
        if (byField.has(field)) serverErrors[field] = SERVER_ISSUE_MESSAGE[field];
      }
      setErrors(serverErrors);
    }
    setFormError(errorMessage(t, result));
  };

  const fieldError = (field: SetupField) => {
    const key = errors[field];
    return key ? t(key) : undefined;
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="setup-form">
      <p className="muted">{t('setup.intro')}</p>
      <TextField
        label={t('setup.storeName')}
        value={values.storeName}
        onChange={set('storeName')}
        error={fieldError('storeName')}
        maxLength={80}
        autoFocus
        testId="setup-store-name"
      />
      <TextField
        label={t('setup.terminalCode')}
        value={values.terminalCode}
        onChange={set('terminalCode')}
        error={fieldError('terminalCode')}
        hint={t('setup.terminalCodeHint')}
        maxLength={8}
        autoCapitalize="characters"
        testId="setup-terminal-code"
      />
      <TextField
        label={t('setup.adminName')}
        value={values.adminName}
        onChange={set('adminName')}
        error={fieldError('adminName')}
        maxLength={60}
        testId="setup-admin-name"
      />
      <div className="field-row">
        <TextField
          label={t('setup.pin')}
          type="password"
          inputMode="numeric"
          autoComplete="new-password"
          value={values.pin}
          onChange={set('pin')}
          error={fieldError('pin')}
          maxLength={8}
          testId="setup-pin"
        />
        <TextField
          label={t('setup.pinRepeat')}
          type="password"
          inputMode="numeric"
          autoComplete="new-password"
          value={values.pinRepeat}
          onChange={set('pinRepeat')}
          error={fieldError('pinRepeat')}
          maxLength={8}
          testId="setup-pin-repeat"
        />
      </div>
      {formError ? (
        <p className="form-error" role="alert" data-testid="setup-error">
          {formError}
        </p>
      ) : null}
      <button type="submit" className="button-primary button-large" disabled={busy} data-testid="setup-submit">
        {busy ? t('setup.submitting') : t('setup.submit')}
      </button>
    </form>
  );
}
