import { useEffect, useRef, useState } from 'react';
import type { Customer } from '../../shared/contract/customers.contract';
import { call } from '../bridge/techstore-bridge';
import { useFormat } from '../format/format';
import { errorMessage } from '../i18n/error-message';
import { useT } from '../i18n/i18n';
import { AccountAdjustDialog } from './account-adjust-dialog';
import { balanceWording, ledgerLine } from './account-ledger-view';
import { AccountPaymentDialog } from './account-payment-dialog';
import { CustomerHistory } from './customer-history';
import { LedgerTable } from './ledger-table';
import { useCustomerAccount } from './use-customer-account';

interface CustomerDetailProps {
  customerId: string;
  isManager: boolean;
  onEdit: (customer: Customer) => void;
  onStatement: (customer: Customer) => void;
  /** After archiving or restoring: the list shows the new state. */
  onChanged: () => void;
}

type Open = 'none' | 'payment' | 'adjust';

/** One customer's account: the balance in words, the limit, the ledger with its running balance, the history. */
export function CustomerDetail({ customerId, isManager, onEdit, onStatement, onChanged }: CustomerDetailProps) {
  const t = useT();
  const format = useFormat();
  const { state, reload, more, loadMore } = useCustomerAccount(customerId);
  const [open, setOpen] = useState<Open>('none');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ledgerRef = useRef<HTMLElement>(null);
  // After "Ver más movimientos" the reader continues at the first older entry: focus moves there once it is on
  // screen (the button may be gone: no more pages), and one Tab from it reaches the button again.
  const [continueAt, setContinueAt] = useState<string | null>(null);
  useEffect(() => {
    if (continueAt === null) return;
    ledgerRef.current?.querySelector<HTMLElement>(`[data-entry-id="${CSS.escape(continueAt)}"]`)?.focus();
  }, [continueAt]);

  const account = state.account;
  if (!account) {
    return state.phase === 'failed' ? (
      <p className="form-error" role="alert">
        {errorMessage(t, state)}
      </p>
    ) : (
      <p className="muted">{t('app.loading')}</p>
    );
  }
  const { customer, ledger, purchases, repairs } = account;
  const words = balanceWording(ledger.balance, format.money(Math.abs(ledger.balance)));

  const toggleArchived = async () => {
    setBusy(true);
    const result = await call('customers.archive', { id: customer.id, archived: !customer.archived });
    setBusy(false);
    if (result.ok) {
      reload();
      onChanged();
    } else setMessage(errorMessage(t, result));
  };

  const showMore = async () => {
    const first = await loadMore();
    if (first !== null) setContinueAt(first);
  };

  const done = (announce: string) => {
    setOpen('none');
    setMessage(announce);
    reload();
    onChanged();
  };

  return (
    <article className="customer-detail" data-testid="customer-detail" data-customer-id={customer.id}>
      <header className="customer-detail-header">
        <div>
          <h2 data-testid="customer-detail-name">
            {customer.name}
            {customer.archived ? <span className="badge">{t('customers.archived')}</span> : null}
          </h2>
          <p className="muted" data-testid="customer-detail-contact">
            {[customer.taxIdDisplay, customer.phone, customer.email, customer.address].filter(Boolean).join(' · ')}
          </p>
          {customer.notes ? <p className="muted">{customer.notes}</p> : null}
        </div>
        <div className="customer-balance" data-testid="customer-balance-box">
          <p
            className={ledger.balance > 0 ? 'customer-balance-words owes' : 'customer-balance-words'}
            data-testid="customer-balance-words"
          >
            {t(words.key, words.params)}
          </p>
          <p className="customer-balance-amount" data-testid="customer-balance" data-centavos={ledger.balance}>
            {format.money(ledger.balance)}
          </p>
          <p className="muted customer-balance-credit" data-testid="customer-credit">
            {customer.creditLimit === null
              ? t('customers.noLimit')
              : t('customers.limitAvailable', {
                  limit: format.money(customer.creditLimit),
                  available: format.money(ledger.availableCredit ?? 0),
                })}
          </p>
        </div>
      </header>
      <div className="customer-actions">
        <button
          type="button"
          className="button-primary button-large"
          onClick={() => setOpen('payment')}
          disabled={customer.archived}
          data-testid="customer-record-payment"
        >
          {t('customers.recordPayment')}
        </button>
        {isManager ? (
          <button
            type="button"
            className="button-secondary button-large"
            onClick={() => setOpen('adjust')}
            data-testid="customer-adjust"
          >
            {t('customers.adjust')}
          </button>
        ) : null}
        <button
          type="button"
          className="button-secondary button-large"
          onClick={() => onStatement(customer)}
          data-testid="customer-statement"
        >
          {t('customers.printStatement')}
        </button>
        <button
          type="button"
          className="button-secondary button-large"
          onClick={() => onEdit(customer)}
          data-testid="customer-edit"
        >
          {t('customers.edit')}
        </button>
        {isManager ? (
          <button
            type="button"
            className="button-secondary button-large"
            onClick={() => void toggleArchived()}
            disabled={busy}
            data-testid="customer-archive"
          >
            {customer.archived ? t('customers.unarchive') : t('customers.archive')}
          </button>
        ) : null}
      </div>
      {message ? (
        <p className="form-ok" role="status" data-testid="customer-message">
          {message}
        </p>
      ) : null}
      <section className="customer-section" ref={ledgerRef}>
        <h3>{t('customers.ledgerTitle')}</h3>
        {ledger.entries.items.length === 0 ? (
          <p className="muted" data-testid="customer-ledger-empty">
            {t('customers.ledgerEmpty')}
          </p>
        ) : (
          <LedgerTable lines={ledger.entries.items.map(ledgerLine)} testId="customer-ledger" />
        )}
        {ledger.entries.nextCursor !== null ? (
          <div className="ledger-more">
            <p className="muted" aria-live="polite" data-testid="customer-ledger-shown">
              {t('customers.ledgerShown', { shown: ledger.entries.items.length, total: ledger.entries.total })}
            </p>
            <button
              type="button"
              className="button-secondary button-large"
              onClick={() => void showMore()}
              disabled={more.phase === 'loading'}
              aria-busy={more.phase === 'loading'}
              data-testid="customer-ledger-more"
            >
              {more.phase === 'loading' ? t('app.loading') : t('customers.ledgerShowMore')}
            </button>
          </div>
        ) : null}
        {more.phase === 'failed' ? (
          <p className="form-error" role="alert" data-testid="customer-ledger-more-error">
            {errorMessage(t, more)}
          </p>
        ) : null}
      </section>
      <CustomerHistory purchases={purchases} repairs={repairs} />
      {open === 'payment' ? (
        <AccountPaymentDialog
          customerId={customer.id}
          customerName={customer.name}
          balance={ledger.balance}
          onClose={() => setOpen('none')}
          onDone={() => done(t('customers.paymentRecorded'))}
        />
      ) : null}
      {open === 'adjust' ? (
        <AccountAdjustDialog
          customerId={customer.id}
          customerName={customer.name}
          onClose={() => setOpen('none')}
          onDone={() => done(t('customers.adjustmentRecorded'))}
        />
      ) : null}
    </article>
  );
}
