import { type FormEvent, useRef, useState } from 'react';
import { ACCOUNT_PAYMENT_METHODS, type AccountPaymentMethod } from '../../shared/contract/customers.contract';
import { newId } from '../../shared/ids';
import { call } from '../bridge/techstore-bridge';
import { TextField } from '../components/text-field';
import { useFormat } from '../format/format';
import { parsePesos } from '../format/parse-pesos';
import { errorMessage } from '../i18n/error-message';
import { useT } from '../i18n/i18n';
import { AccountDialogFrame } from './account-dialog-frame';

interface AccountPaymentDialogProps {
  customerId: string;
  customerName: string;
  /** What the customer owes now, offered as the amount; nothing is offered when they owe nothing. */
  balance: number;
  onDone: () => void;
  onClose: () => void;
}

/** Cards need their voucher number (the core refuses them without one); a transfer's number is optional. */
const needsReference = (method: AccountPaymentMethod) => method === 'debit_card' || method === 'credit_card';

/** A payment on account ("Registrar pago"): method, amount, reference; Enter confirms, Esc closes. */
export function AccountPaymentDialog({
  customerId,
  customerName,
  balance,
  onDone,
  onClose,
}: AccountPaymentDialogProps) {
  const t = useT();
  const format = useFormat();
  // Chosen when the dialog opens: a retry after a lost answer is the same payment, never a second one.
  const [entryId] = useState(newId);
  const [method, setMethod] = useState<AccountPaymentMethod>('cash');
  const [amount, setAmount] = useState('');
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const focusAmount = () =>
    formRef.current?.querySelector<HTMLInputElement>('[data-testid="account-pay-amount"]')?.focus();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const centavos = parsePesos(amount);
    if (centavos === null || centavos <= 0) {
      setError(t('accountPay.amountInvalid'));
      focusAmount();
      return;
    }
    if (needsReference(method) && reference.trim() === '') {
      setError(t('pay.referenceRequired'));
      return;
    }
    setBusy(true);
    const result = await call('accounts.recordPayment', {
      entryId,
      customerId,
      amount: centavos,
      method,
      reference: reference.trim(),
      note: note.trim(),
    });
    setBusy(false);
    if (result.ok) onDone();
    else setError(errorMessage(t, result));
  };

  return (
    <AccountDialogFrame
      title={t('accountPay.title', { name: customerName })}
      testId="account-payment-dialog"
      errorTestId="account-pay-error"
      submitTestId="account-pay-submit"
      confirmLabel={t('accountPay.confirm')}
      error={error}
      busy={busy}
      onSubmit={(e) => void submit(e)}
      onClose={onClose}
      formRef={formRef}
    >
      <p className="muted">
        {balance > 0 ? t('accountPay.owes', { amount: format.money(balance) }) : t('accountPay.nothingOwed')}
      </p>
      <fieldset className="account-methods">
        <legend>{t('accountPay.method')}</legend>
        {ACCOUNT_PAYMENT_METHODS.map((m) => (
          <button
            key={m}
            type="button"
            className={m === method ? 'button-primary' : 'button-secondary'}
            aria-pressed={m === method}
            onClick={() => {
              setMethod(m);
              setError(null);
              focusAmount();
            }}
            data-testid={`account-pay-method-${m}`}
          >
            {t(`payMethod.${m}`)}
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
        placeholder={balance > 0 ? format.money(balance) : ''}
        inputMode="decimal"
        autoFocus
        testId="account-pay-amount"
      />
      {method !== 'cash' ? (
        <TextField
          label={needsReference(method) ? t('accountPay.referenceRequired') : t('accountPay.referenceOptional')}
          value={reference}
          onChange={(v) => {
            setReference(v);
            setError(null);
          }}
          maxLength={80}
          testId="account-pay-reference"
        />
      ) : null}
      <TextField
        label={t('accountPay.note')}
        value={note}
        onChange={setNote}
        maxLength={200}
        testId="account-pay-note"
      />
    </AccountDialogFrame>
  );
}
