import { type FormEvent, useState } from 'react';
import type { ManagedUser } from '../../shared/contract/users.contract';
import { call } from '../bridge/techstore-bridge';
import { Dialog } from '../components/dialog';
import { useT } from '../i18n/i18n';
import { PinField } from './pin-field';
import { UserDialogFooter } from './user-dialog-footer';
import { describeUserFailure, newPinErrors, type UserFieldErrors } from './user-failure';

/** Sets a new PIN for someone who forgot theirs; their sessions on this terminal end. */
export function UserResetPinDialog({
  user,
  onSaved,
  onClose,
}: {
  user: ManagedUser;
  onSaved: () => void;
  onClose: () => void;
}) {
  const t = useT();
  const [pin, setPin] = useState('');
  const [pinRepeat, setPinRepeat] = useState('');
  const [errors, setErrors] = useState<UserFieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found = newPinErrors(t, pin, pinRepeat);
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    const result = await call('users.resetPin', { id: user.id, pin });
    setBusy(false);
    if (result.ok) {
      onSaved();
      return;
    }
    const shown = describeUserFailure(t, result, ['pin']);
    if (shown.field) setErrors({ [shown.field]: shown.text });
    else setFormError(shown.text);
  };

  return (
    <Dialog title={t('users.pin.resetTitle', { name: user.name })} onClose={onClose} testId="user-reset-pin-dialog">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <p className="field-hint">{t('users.pin.resetHint')}</p>
        <PinField
          label={t('users.pin.new')}
          purpose="new"
          value={pin}
          onChange={(digits) => {
            setPin(digits);
            setErrors({});
            setFormError(null);
          }}
          error={errors.pin}
          autoFocus
          testId="reset-pin"
        />
        <PinField
          label={t('users.pin.repeat')}
          purpose="new"
          value={pinRepeat}
          onChange={(digits) => {
            setPinRepeat(digits);
            setErrors({});
            setFormError(null);
          }}
          error={errors.pinRepeat}
          testId="reset-pin-repeat"
        />
        <UserDialogFooter
          error={formError}
          busy={busy}
          submitLabel={t('users.resetPin')}
          onCancel={onClose}
          testId="reset-pin"
        />
      </form>
    </Dialog>
  );
}
