import { useT } from '../i18n/i18n';

interface UserDialogFooterProps {
  /** What went wrong with the whole form (not one field), shown right above the buttons, never scrolled away. */
  error: string | null;
  busy: boolean;
  submitLabel: string;
  onCancel: () => void;
  /** Prefix of the test ids: `<prefix>-error`, `<prefix>-cancel`, `<prefix>-save`. */
  testId: string;
}

/** The end of every users dialog's form: its error, then Esc to cancel and Enter to save. */
export function UserDialogFooter({ error, busy, submitLabel, onCancel, testId }: UserDialogFooterProps) {
  const t = useT();
  return (
    <>
      {error ? (
        <p className="form-error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="button-secondary" onClick={onCancel} data-testid={`${testId}-cancel`}>
          <kbd>Esc</kbd> {t('users.form.cancel')}
        </button>
        <button type="submit" className="button-primary" disabled={busy} data-testid={`${testId}-save`}>
          <kbd>Enter</kbd> {busy ? t('users.form.saving') : submitLabel}
        </button>
      </div>
    </>
  );
}
