import { useEffect, useState } from 'react';
import type { Customer } from '../../shared/contract/customers.contract';
import type { RepairBalance, RepairTicket } from '../../shared/contract/repair-delivery.contract';
import type { RepairDetail } from '../../shared/contract/repairs.contract';
import type { ManagerOverride, SalePaymentInput } from '../../shared/contract/sales.contract';
import type { Failure } from '../../shared/errors';
import { newId } from '../../shared/ids';
import { call } from '../bridge/techstore-bridge';
import { Dialog } from '../components/dialog';
import { useFormat } from '../format/format';
import { errorMessage } from '../i18n/error-message';
import { useT } from '../i18n/i18n';
import { PaymentsEditor } from '../pos/payments-editor';

interface RepairDeliverDialogProps {
  order: RepairDetail;
  onClose: () => void;
  onDelivered: (ticket: RepairTicket) => void;
}

/**
 * Delivery at the counter: the price, the señas and what is left to charge (repairs.deliveryBalance), the same
 * payments editor as the POS (cuenta corriente on the order's customer, a manager's PIN over the limit), and,
 * when the señas exceed the price, the choice to credit the difference to the customer's account. The sale's id
 * is chosen when the dialog opens, so a retry after a lost answer never sells twice.
 */
export function RepairDeliverDialog({ order, onClose, onDelivered }: RepairDeliverDialogProps) {
  const t = useT();
  const format = useFormat();
  const [saleId] = useState(newId);
  const [balance, setBalance] = useState<RepairBalance | null>(null);
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const [credit, setCredit] = useState(false);

  useEffect(() => {
    let stale = false;
    void Promise.all([
      call('repairs.deliveryBalance', { orderId: order.id }),
      call('customers.get', { id: order.customer.id }),
    ]).then(([owed, person]) => {
      if (stale) return;
      if (owed.ok) setBalance(owed.value);
      else setLoadError(errorMessage(t, owed));
      if (person.ok) setCustomer(person.value);
    });
    return () => {
      stale = true;
    };
  }, [order.id, order.customer.id, t]);

  const deliver = async (payments: SalePaymentInput[], managerOverride: ManagerOverride | null) => {
    if (!balance || busy) return;
    setBusy(true);
    setFailure(null);
    const result = await call('repairs.deliver', {
      orderId: order.id,
      saleId,
      payments,
      expectedAmountDue: balance.amountDue,
      ...(managerOverride ? { managerOverride } : {}),
      ...(balance.creditDue > 0 ? { creditDue: 'customer_account' as const } : {}),
    });
    setBusy(false);
    if (result.ok) onDelivered(result.value);
    else setFailure(result);
  };

  const close = busy ? () => undefined : onClose;
  const generalError = failure && balance && balance.amountDue === 0 ? errorMessage(t, failure) : null;

  return (
    <Dialog
      title={t('repair.deliver.title', { number: order.number })}
      onClose={close}
      testId="repair-deliver-dialog"
      wide
    >
      {loadError ? (
        <>
          <p className="form-error" role="alert" data-testid="repair-deliver-error">
            {loadError}
          </p>
          <div className="dialog-actions">
            <button type="button" className="button-secondary button-large" onClick={onClose}>
              {t('repair.deliver.back')}
            </button>
          </div>
        </>
      ) : !balance ? (
        <p className="muted">{t('app.loading')}</p>
      ) : (
        <>
          <dl className="repair-totals" data-testid="repair-deliver-balance">
            <dt>{t(balance.priceSource === 'estimate' ? 'repair.deliver.priceEstimate' : 'repair.deliver.price')}</dt>
            <dd className="num" data-testid="repair-deliver-price" data-centavos={balance.price}>
              {format.money(balance.price)}
            </dd>
            <dt>{t('repair.deliver.deposits')}</dt>
            <dd className="num" data-testid="repair-deliver-deposits" data-centavos={balance.deposits}>
              {format.money(balance.deposits)}
            </dd>
            <dt>{t('repair.deliver.amountDue')}</dt>
            <dd className="num" data-testid="repair-deliver-amount-due" data-centavos={balance.amountDue}>
              <strong>{format.money(balance.amountDue)}</strong>
            </dd>
            {balance.creditDue > 0 ? (
              <>
                <dt>{t('repair.deliver.creditDue')}</dt>
                <dd className="num" data-testid="repair-deliver-credit-due" data-centavos={balance.creditDue}>
                  {format.money(balance.creditDue)}
                </dd>
              </>
            ) : null}
          </dl>
          {balance.amountDue > 0 ? (
            <PaymentsEditor
              total={balance.amountDue}
              customer={customer}
              busy={busy}
              failure={failure}
              onComplete={(payments, managerOverride) => void deliver(payments, managerOverride)}
              onClose={close}
              completeLabel="repair.deliver.complete"
            />
          ) : (
            <>
              {balance.creditDue > 0 ? (
                <div className="field">
                  <p className="notice notice-warning" data-testid="repair-deliver-credit-hint">
                    {t('repair.deliver.creditHint', { name: order.customer.name })}
                  </p>
                  <label className="checkbox-field">
                    <input
                      type="checkbox"
                      checked={credit}
                      onChange={(e) => setCredit(e.target.checked)}
                      data-testid="repair-deliver-credit"
                    />
                    {t('repair.deliver.creditChoice')}
                  </label>
                </div>
              ) : null}
              {generalError ? (
                <p className="form-error" role="alert" data-testid="repair-deliver-error">
                  {generalError}
                </p>
              ) : null}
              <div className="dialog-actions">
                <button type="button" className="button-secondary button-large" onClick={onClose} disabled={busy}>
                  {t('repair.deliver.back')}
                </button>
                <button
                  type="button"
                  className="button-primary button-large"
                  disabled={busy || (balance.creditDue > 0 && !credit)}
                  onClick={() => void deliver([], null)}
                  data-testid="repair-deliver-confirm"
                >
                  {busy ? t('repair.deliver.delivering') : t('repair.deliver.confirm')}
                </button>
              </div>
            </>
          )}
        </>
      )}
    </Dialog>
  );
}
