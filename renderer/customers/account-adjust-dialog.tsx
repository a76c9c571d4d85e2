import { type FormEvent, useState } from 'react';
import { newId } from '../../shared/ids';
import { call } from '../bridge/techstore-bridge';
import { TextField } from '../components/text-field';
import { parsePesos } from '../format/parse-pesos';
import { errorMessage } from '../i18n/error-message';
import { useT } from '../i18n/i18n';
import { AccountDialogFrame } from './account-dialog-frame';

interface AccountAdjustDialogProps {
  customerId: string;
  customerName: string;
  onDone: () => void;
  onClose: () => void;
}

type Direction = 'up' | 'down';

/** The core wants at least this much reason: an adjustment's note stays in the statement and the audit log. */
const NOTE_MIN = 3;

/**
 * A manager's correction of the account (accounts.adjust): + the customer owes more, − owes less, with a note.
 * A leading minus in the amount flips the direction, for whoever thinks of it as a signed number.
 */
export function AccountAdjustDialog({ customerId, customerName, onDone, onClose }: AccountAdjustDialogProps) {
  const t = useT();
  const [entryId] = useState(newId);
  const [direction, setDirection] = useState<Direction>('down');
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const negative = amount.trim().startsWith('-');
    const centavos = parsePesos(amount.trim().replace(/^[-+]/, ''));
    if (centavos === null || centavos <= 0) {
      setError(t('accountPay.amountInvalid'));
      return;
    }
    if (note.trim().length < NOTE_MIN) {
      setError(t('accountAdjust.noteRequired'));
      return;
    }
    const sign = (direction === 'up') !== negative ? 1 : -1;
    setBusy(true);
    const result = await call('accounts.adjust', { entryId, customerId, amount: sign * centavos, note: note.trim() });
    setBusy(false);
    if (result.ok) onDone();
    else setError(errorMessage(t, result));
  };

  return (
    <AccountDialogFrame
      title={t('accountAdjust.title', { name: customerName })}
      testId="account-adjust-dialog"
      errorTestId="account-adjust-error"
      submitTestId="account-adjust-submit"
      confirmLabel={t('accountAdjust.confirm')}
      error={error}
      busy={busy}
      onSubmit={(e) => void submit(e)}
      onClose={onClose}
    >
      <fieldset className="account-methods">
        <legend>{t('accountAdjust.direction')}</legend>
        {(['down', 'up'] as const).map((d) => (
          <button
            key={d}
            type="button"
            className={d === direction ? 'button-primary' : 'button-secondary'}
            aria-pressed={d === direction}
            onClick={() => setDirection(d)}
            data-testid={`account-adjust-${d}`}
          >
            {t(`accountAdjust.${d}`)}
          </button>
        ))}
      </fieldset>
      <TextField
        label={t('accountPay.amount')}
        value={amount}
        onChange={(v) => {
          setAmount(v);
          setError(null);
        }}
        inputMode="decimal"
        autoFocus
        testId="account-adjust-amount"
      />
      <TextField
        label={t('accountAdjust.note')}
        value={note}
        onChange={(v) => {
          setNote(v);
          setError(null);
        }}
        maxLength={200}
        testId="account-adjust-note"
      />
    </AccountDialogFrame>
  );
}
