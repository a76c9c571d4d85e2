import type { FormEvent, ReactNode, Ref } from 'react';
import { Dialog } from '../components/dialog';
import { useT } from '../i18n/i18n';

interface AccountDialogFrameProps {
  title: string;
  /** The dialog's data-testid. */
  testId: string;
  /** data-testid of the error line and of the confirm button. */
  errorTestId: string;
  submitTestId: string;
  /** What the confirm button says when not busy. */
  confirmLabel: string;
  error: string | null;
  busy: boolean;
  onSubmit: (event: FormEvent) => void;
  onClose: () => void;
  formRef?: Ref<HTMLFormElement>;
  children: ReactNode;
}

/**
 * The frame both account dialogs (payment, adjustment) share: a form inside a Dialog, the fields, the error line,
 * and the Esc (close) / Enter (confirm) buttons. Enter submits the form; Esc is the Dialog's.
 */
export function AccountDialogFrame({
  title,
  testId,
  errorTestId,
  submitTestId,
  confirmLabel,
  error,
  busy,
  onSubmit,
  onClose,
  formRef,
  children,
}: AccountDialogFrameProps) {
  const t = useT();
  return (
    <Dialog title={title} onClose={onClose} testId={testId}>
      <form ref={formRef} onSubmit={onSubmit} noValidate>
        {children}
        {error ? (
          <p className="form-error" role="alert" data-testid={errorTestId}>
            {error}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button-secondary button-large" onClick={onClose}>
            <kbd>Esc</kbd> {t('action.close')}
          </button>
          <button type="submit" className="button-primary button-large" disabled={busy} data-testid={submitTestId}>
            <kbd>Enter</kbd> {busy ? t('customer.creating') : confirmLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
