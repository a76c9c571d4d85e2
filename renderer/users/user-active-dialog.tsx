import { useState } from 'react';
import type { ManagedUser } from '../../shared/contract/users.contract';
import { call } from '../bridge/techstore-bridge';
import { Dialog } from '../components/dialog';
import { useT } from '../i18n/i18n';
import { describeUserFailure } from './user-failure';

/** Asks before deactivating (or reactivating) someone; the core's refusal shows right above the buttons. */
export function UserActiveDialog({
  user,
  onDone,
  onClose,
}: {
  user: ManagedUser;
  onDone: () => void;
  onClose: () => void;
}) {
  const t = useT();
  const deactivating = user.active;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    const result = await call(deactivating ? 'users.deactivate' : 'users.reactivate', { id: user.id });
    setBusy(false);
    if (result.ok) onDone();
    else setError(describeUserFailure(t, result, []).text);
  };

  return (
    <Dialog
      title={t(deactivating ? 'users.confirm.deactivateTitle' : 'users.confirm.reactivateTitle', { name: user.name })}
      onClose={onClose}
      testId="user-active-dialog"
    >
      <p>{t(deactivating ? 'users.confirm.deactivateBody' : 'users.confirm.reactivateBody')}</p>
      {error ? (
        <p className="form-error" role="alert" data-testid="user-active-error">
          {error}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button
          type="button"
          className="button-secondary button-large"
          onClick={onClose}
          // biome-ignore lint/a11y/noAutofocus: the safe choice starts focused, so a stray Enter changes nothing
          autoFocus
          data-testid="user-active-back"
        >
          <kbd>Esc</kbd> {t('users.confirm.back')}
        </button>
        <button
          type="button"
          className={deactivating ? 'button-danger button-large' : 'button-primary button-large'}
          disabled={busy}
          onClick={() => void confirm()}
          data-testid="user-active-confirm"
        >
          {t(deactivating ? 'users.deactivate' : 'users.reactivate')}
        </button>
      </div>
    </Dialog>
  );
}
