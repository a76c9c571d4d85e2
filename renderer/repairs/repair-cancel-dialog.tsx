import { type FormEvent, useState } from 'react';
import { Dialog } from '../components/dialog';
import { useT } from '../i18n/i18n';

/** Cancelling an order asks why; the reason goes on the timeline. */
export function RepairCancelDialog({
  onConfirm,
  onClose,
}: {
  onConfirm: (reason: string) => void;
  onClose: () => void;
}) {
  const t = useT();
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() !== '') onConfirm(reason.trim());
  };
  return (
    <Dialog title={t('repair.cancel.title')} onClose={onClose} testId="repair-cancel-dialog">
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="repair-cancel-reason">{t('repair.cancel.reason')}</label>
          <input
            id="repair-cancel-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            autoFocus
            data-testid="repair-cancel-reason"
          />
        </div>
        <div className="dialog-actions">
          <button type="button" className="button-secondary button-large" onClick={onClose}>
            <kbd>Esc</kbd> {t('repair.cancel.keep')}
          </button>
          <button
            type="submit"
            className="button-danger button-large"
            disabled={reason.trim() === ''}
            data-testid="repair-cancel-confirm"
          >
            {t('repair.cancel.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
