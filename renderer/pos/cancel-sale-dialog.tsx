import { Dialog } from '../components/dialog';
import { useT } from '../i18n/i18n';

export function CancelSaleDialog({ onConfirm, onClose }: { onConfirm: () => void; onClose: () => void }) {
  const t = useT();
  return (
    <Dialog title={t('cancel.title')} onClose={onClose} testId="cancel-sale-dialog">
      <p>{t('cancel.body')}</p>
      <div className="dialog-actions">
        <button
          type="button"
          className="button-secondary button-large"
          onClick={onClose}
          // biome-ignore lint/a11y/noAutofocus: the safe choice starts focused, so a stray Enter keeps the ticket
          autoFocus
          data-testid="cancel-sale-back"
        >
          <kbd>Esc</kbd> {t('cancel.back')}
        </button>
        <button
          type="button"
          className="button-danger button-large"
          onClick={onConfirm}
          data-testid="cancel-sale-confirm"
        >
          <kbd>F8</kbd> {t('cancel.confirm')}
        </button>
      </div>
    </Dialog>
  );
}
