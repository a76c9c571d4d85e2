import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { availableCredit, wouldExceedCreditLimit } from '../../shared/account-balance';
import type { Customer } from '../../shared/contract/customers.contract';
import type { ManagerOverride, SalePaymentInput } from '../../shared/contract/sales.contract';
import type { Failure } from '../../shared/errors';
import {
  needsReference,
  PAYMENT_METHODS,
  type PaymentMethod,
  type PaymentRefusal,
  remainingToPay,
  settlePayments,
} from '../../shared/sale-payments';
import { useFormat } from '../format/format';
import { parsePesos } from '../format/parse-pesos';
import { errorMessage } from '../i18n/error-message';
import { type MessageKey, useT } from '../i18n/i18n';
import { ManagerOverrideFields, useManagerOverride } from './manager-override-fields';

export interface PaymentsEditorProps {
  total: number;
  customer: Customer | null;
  busy: boolean;
  failure: Failure | null;
  onComplete: (payments: SalePaymentInput[], managerOverride: ManagerOverride | null) => void;
  onClose: () => void;
  /** What the final button says once the payments cover the total (the POS: "Finalizar venta"). */
  completeLabel?: MessageKey;
}

/** F1 to F5 choose the method, in the order of PAYMENT_METHODS; F8 removes the last payment. */
const METHOD_KEYS = ['F1', 'F2', 'F3', 'F4', 'F5'] as const;

const REFUSAL_TEXT: Partial<Record<PaymentRefusal, MessageKey>> = {
  non_cash_over_total: 'pay.nonCashOver',
  all_change: 'pay.allChange',
  reference_required: 'pay.referenceRequired',
};

function isManagerFailure(failure: Failure | null, path: string): boolean {
  return failure?.code === 'FORBIDDEN' && (failure.issues ?? []).some((i) => i.path === path);
}

/**
 * The payments of one charge, shared by the POS payment dialog and a repair's delivery. Several payments for one
 * ticket: pick a method (F1–F5), type an amount (empty: what remains), a reference for
 * cards and transfers, Enter adds it; once the payments cover the total the sale completes. A cuenta corriente
 * part that takes the customer over the credit limit asks for a manager's PIN first.
 */
export function PaymentsEditor({
  total,
  customer,
  busy,
  failure,
  onComplete,
  onClose,
  completeLabel = 'pay.complete',
}: PaymentsEditorProps) {
  const t = useT();
  const format = useFormat();
  const [payments, setPayments] = useState<SalePaymentInput[]>([]);
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [text, setText] = useState('');
  const [reference, setReference] = useState('');
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [pending, setPending] = useState<SalePaymentInput[] | null>(null);
  const amountRef = useRef<HTMLInputElement>(null);
  const referenceRef = useRef<HTMLInputElement>(null);

  const remaining = remainingToPay(total, payments);
  const typed = parsePesos(text);
  const draftAmount = text.trim() === '' ? remaining : typed;
  const draft: SalePaymentInput | null =
    draftAmount !== null && draftAmount > 0 ? { method, amount: draftAmount, reference: reference.trim() } : null;
  const preview = settlePayments(total, draft ? [...payments, draft] : payments);
  const change = preview.ok ? preview.change : null;
  const askManager = pending !== null;
  const { managers, managerId, setManagerId, pin, setPin } = useManagerOverride(askManager);

  // The server may still ask for a manager (the balance changed through sync): show the PIN step then.
  useEffect(() => {
    if (isManagerFailure(failure, 'managerOverride') && pending === null) setPending(payments);
  }, [failure, pending, payments]);

  const chooseMethod = (next: PaymentMethod) => {
    setMethod(next);
    setProblem(null);
    amountRef.current?.focus();
  };

  const accountPart = (list: readonly SalePaymentInput[]) =>
    list.filter((p) => p.method === 'customer_account').reduce((sum, p) => sum + p.amount, 0);

  const finish = (list: SalePaymentInput[]) => {
    const onAccount = accountPart(list);
    if (customer && onAccount > 0 && wouldExceedCreditLimit(customer.balance, onAccount, customer.creditLimit)) {
      setPending(list);
      return;
    }
    onComplete(list, null);
  };

  const submit = () => {
    if (busy) return;
    setProblem(null);
    if (text.trim() === '' && remaining === 0 && preview.ok) return finish(payments);
    if (!draft) return;
    if (method === 'customer_account') {
      if (!customer) return setProblem('pay.needsCustomer');
      if (payments.some((p) => p.method === 'customer_account')) return setProblem('pay.oneAccount');
    }
    if (needsReference(method) && reference.trim() === '') {
      setProblem('pay.referenceRequired');
      referenceRef.current?.focus();
      return;
    }
    const list = [...payments, draft];
    const settled = settlePayments(total, list);
    if (settled.ok) return finish(list);
    if (settled.reason !== 'short') return setProblem(REFUSAL_TEXT[settled.reason] ?? 'error.VALIDATION');
    setPayments(list);
    setText('');
    setReference('');
    setMethod('cash');
    amountRef.current?.focus();
  };

  const removeAt = (index: number) => {
    setPayments((list) => list.filter((_, i) => i !== index));
    setPending(null);
    amountRef.current?.focus();
  };

  const authorize = () => {
    if (pending && managerId && /^\d{4,8}$/.test(pin)) onComplete(pending, { managerId, pin });
  };

  // F-keys act wherever focus is inside the dialog.
  const keys = useRef({ chooseMethod, removeAt, payments, askManager });
  keys.current = { chooseMethod, removeAt, payments, askManager };
  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      const k = keys.current;
      const index = (METHOD_KEYS as readonly string[]).indexOf(event.key);
      const next = PAYMENT_METHODS[index];
      if (next && !k.askManager) {
        event.preventDefault();
        k.chooseMethod(next);
      } else if (event.key === 'F8' && k.payments.length > 0) {
        event.preventDefault();
        k.removeAt(k.payments.length - 1);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const onEnter = (action: () => void) => (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      action();
    }
  };

  const serverError = isManagerFailure(failure, 'managerOverride.pin')
    ? t('pay.managerWrong')
    : failure && !isManagerFailure(failure, 'managerOverride')
      ? errorMessage(t, failure)
      : null;
  const shownError = problem ? t(problem) : serverError;
  const available = customer ? availableCredit(customer.balance, customer.creditLimit) : null;

  return (
    <>
      <div className="pay-total">
        <span>{t('pay.total')}</span>
        <output data-testid="pay-total" data-centavos={total}>
          {format.money(total)}
        </output>
      </div>
      {customer ? (
        <p className="pay-customer" data-testid="pay-customer">
          {t('pay.customer', { name: customer.name })}{' '}
          <span className="muted">
            {available === null
              ? t('pay.customerBalanceNoLimit', { balance: format.money(customer.balance) })
              : t('pay.customerBalance', {
                  balance: format.money(customer.balance),
                  available: format.money(available),
                })}
          </span>
        </p>
      ) : null}
      <fieldset className="pay-methods" aria-label={t('pay.method')}>
        {PAYMENT_METHODS.map((m, i) => (
          <button
            key={m}
            type="button"
            aria-pressed={method === m}
            className={method === m ? 'pay-method pay-method-active' : 'pay-method'}
            onClick={() => chooseMethod(m)}
            disabled={askManager}
            data-testid={`pay-method-${m}`}
          >
            <kbd>{METHOD_KEYS[i]}</kbd> {t(`payMethod.${m}`)}
          </button>
        ))}
      </fieldset>
      <label className="pay-label" htmlFor="pay-tendered">
        {t('pay.amount')}
      </label>
      <div className="pay-input-row">
        <input
          ref={amountRef}
          id="pay-tendered"
          className="pay-input"
          inputMode="decimal"
          autoComplete="off"
          value={text}
          placeholder={format.money(remaining)}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onEnter(submit)}
          aria-invalid={text !== '' && typed === null ? true : undefined}
          aria-describedby="pay-amount-hint"
          disabled={askManager}
          // biome-ignore lint/a11y/noAutofocus: the editor always renders inside a dialog, where typing starts here
          autoFocus
          data-testid="tendered-input"
        />
      </div>
      <span id="pay-amount-hint" className="field-hint">
        {t('pay.amountHint', { amount: format.money(remaining) })}
      </span>
      {method !== 'cash' && method !== 'customer_account' ? (
        <div className="field">
          <label htmlFor="pay-reference">{t('pay.reference')}</label>
          <input
            ref={referenceRef}
            id="pay-reference"
            value={reference}
            maxLength={80}
            autoComplete="off"
            onChange={(e) => setReference(e.target.value)}
            onKeyDown={onEnter(submit)}
            disabled={askManager}
            data-testid="pay-reference"
          />
        </div>
      ) : null}
      {payments.length > 0 ? (
        <ul className="pay-list" aria-label={t('pay.list')} data-testid="pay-list">
          {payments.map((p, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a payment has no id until the sale is stored
            <li key={index} className="pay-list-row" data-testid="pay-row" data-method={p.method}>
              <span>{t(`payMethod.${p.method}`)}</span>
              {p.reference ? <span className="muted">{p.reference}</span> : null}
              <span>{format.money(p.amount)}</span>
              <button
                type="button"
                className="button-secondary"
                onClick={() => removeAt(index)}
                aria-label={t('pay.removeLabel', {
                  method: t(`payMethod.${p.method}`),
                  amount: format.money(p.amount),
                })}
                data-testid="pay-remove"
              >
                {t('pay.remove')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="pay-change">
        <span>{t('pay.remaining')}</span>
        <output data-testid="pay-remaining" data-centavos={remaining}>
          {format.money(remaining)}
        </output>
      </div>
      <div className="pay-change">
        <span>{t('pay.change')}</span>
        <output data-testid="change" data-centavos={change ?? ''}>
          {change !== null
            ? format.money(change)
            : preview.ok || preview.reason !== 'short'
              ? '—'
              : t('pay.short', {
                  amount: format.money(remainingToPay(total, draft ? [...payments, draft] : payments)),
                })}
        </output>
      </div>
      {askManager && customer ? (
        <ManagerOverrideFields
          customer={customer}
          managers={managers}
          managerId={managerId}
          pin={pin}
          onManagerIdChange={setManagerId}
          onPinChange={setPin}
          onAuthorize={authorize}
        />
      ) : null}
      {shownError ? (
        <p className="form-error" role="alert" data-testid="pay-error">
          {shownError}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="button-secondary button-large" onClick={onClose} disabled={busy}>
          <kbd>Esc</kbd> {t('pay.back')}
        </button>
        {payments.length > 0 ? (
          <button
            type="button"
            className="button-secondary button-large"
            onClick={() => removeAt(payments.length - 1)}
            disabled={busy}
          >
            <kbd>F8</kbd> {t('pay.removeLast')}
          </button>
        ) : null}
        <button
          type="button"
          className="button-primary button-large"
          disabled={busy || (askManager ? pin.length < 4 || !managerId : !draft && !preview.ok)}
          onClick={askManager ? authorize : submit}
          data-testid="complete-button"
        >
          <kbd>Enter</kbd>{' '}
          {busy ? t('pay.completing') : askManager ? t('pay.authorize') : preview.ok ? t(completeLabel) : t('pay.add')}
        </button>
      </div>
    </>
  );
}
