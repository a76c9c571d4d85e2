import { type FormEvent, useEffect, useState } from 'react';
import { call } from '../bridge/techstore-bridge';
import { Dialog } from '../components/dialog';
import { errorMessage } from '../i18n/error-message';
import { useT } from '../i18n/i18n';
import { PinField } from './pin-field';
import { UserDialogFooter } from './user-dialog-footer';
import { describeUserFailure, newPinErrors, type UserFieldErrors } from './user-failure';

type Phase =
  | { kind: 'loading' }
  | { kind: 'form' }
  | { kind: 'chainAdmin' }
  | { kind: 'done' }
  | { kind: 'failed'; message: string };

/**
 * "Cambiar mi PIN", for everyone: the current PIN, then the new one twice. A chain admin's PIN is changed at
 * central, and the dialog says so instead of offering a form that would be refused.
 */
export function ChangeOwnPinDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [currentPin, setCurrentPin] = useState('');
  const [pin, setPin] = useState('');
  const [pinRepeat, setPinRepeat] = useState('');
  const [errors, setErrors] = useState<UserFieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void call('users.me', {}).then((result) => {
      if (!live) return;
      if (!result.ok) setPhase({ kind: 'failed', message: errorMessage(t, result) });
      else setPhase({ kind: result.value.chainAdmin ? 'chainAdmin' : 'form' });
    });
    return () => {
      live = false;
    };
  }, [t]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found: UserFieldErrors = {
      ...(/^\d{4,8}$/.test(currentPin) ? {} : { currentPin: t('validation.pinFormat') }),
      ...newPinErrors(t, pin, pinRepeat),
    };
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    const result = await call('users.changeOwnPin', { currentPin, newPin: pin });
    setBusy(false);
    if (result.ok) {
      setPhase({ kind: 'done' });
      return;
    }
    const shown = describeUserFailure(t, result, ['currentPin', 'pin']);
    if (shown.field === 'currentPin') setCurrentPin('');
    if (shown.field) setErrors({ [shown.field]: shown.text });
    else setFormError(shown.text);
  };

  const closeButton = (
    <div className="dialog-actions">
      <button
        type="button"
        className="button-primary"
        onClick={onClose}
        // biome-ignore lint/a11y/noAutofocus: nothing else to do here but close
        autoFocus
        data-testid="own-pin-close"
      >
        {t('ownPin.close')}
      </button>
    </div>
  );

  const pinField = (
    label: string,
    value: string,
    set: (v: string) => void,
    field: keyof UserFieldErrors,
    testId: string,
    autoFocus = false,
  ) => (
    <PinField
      label={label}
      purpose={field === 'currentPin' ? 'current' : 'new'}
      value={value}
      onChange={(digits) => {
        set(digits);
        setErrors(({ [field]: _cleared, ...rest }) => rest);
        setFormError(null);
      }}
      error={errors[field]}
      autoFocus={autoFocus}
      testId={testId}
    />
  );

  return (
    <Dialog title={t('ownPin.title')} onClose={onClose} testId="own-pin-dialog">
      {phase.kind === 'loading' ? <p>{t('app.loading')}</p> : null}
      {phase.kind === 'failed' ? (
        <>
          <p className="form-error" role="alert">
            {phase.message}
          </p>
          {closeButton}
        </>
      ) : null}
      {phase.kind === 'chainAdmin' ? (
        <>
          <p className="notice" data-testid="own-pin-chain-admin">
            {t('users.chainNote')}
          </p>
          {closeButton}
        </>
      ) : null}
      {phase.kind === 'done' ? (
        <>
          <p className="form-ok" role="status" data-testid="own-pin-done">
            {t('ownPin.done')}
          </p>
          {closeButton}
        </>
      ) : null}
      {phase.kind === 'form' ? (
        <form onSubmit={(e) => void submit(e)} noValidate>
          {pinField(t('users.pin.current'), currentPin, setCurrentPin, 'currentPin', 'own-pin-current', true)}
          {pinField(t('users.pin.new'), pin, setPin, 'pin', 'own-pin-new')}
          {pinField(t('users.pin.repeat'), pinRepeat, setPinRepeat, 'pinRepeat', 'own-pin-repeat')}
          <UserDialogFooter
            error={formError}
            busy={busy}
            submitLabel={t('ownPin.title')}
            onCancel={onClose}
            testId="own-pin"
          />
        </form>
      ) : null}
    </Dialog>
  );
}
