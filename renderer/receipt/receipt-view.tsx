import type { Receipt } from '../../shared/contract/sales.contract';
import type { PaymentMethod } from '../../shared/sale-payments';
import { useFormat } from '../format/format';
import { type MessageKey, useT } from '../i18n/i18n';
import { StoreHeaderLines } from '../store/store-header-lines';

/** The method in words as a ticket prints it: cards in full, the rest as the payment dialog names them. */
function paymentWords(method: PaymentMethod): MessageKey {
  if (method === 'debit_card' || method === 'credit_card') return `receiptPay.${method}`;
  return `payMethod.${method}`;
}

interface ReceiptViewProps {
  receipt: Receipt;
  onNewSale: () => void;
  /** The button after printing; the POS starts a new sale (Enter / F8), the Taller goes back to the order. */
  doneLabel?: MessageKey;
}

/** The ticket as printed: only `.receipt-print` shows on paper (print.css), 80 mm wide. */
export function ReceiptView({ receipt, onNewSale, doneLabel }: ReceiptViewProps) {
  const t = useT();
  const format = useFormat();
  // A negative balance is credit: printed as its amount "a favor del cliente", as the Clientes screen words it.
  const balanceAfterWords = (balance: number) =>
    balance < 0
      ? t('receipt.balanceAfterInFavour', { balance: format.money(-balance) })
      : t('receipt.balanceAfter', { balance: format.money(balance) });
  return (
    <section className="receipt-screen">
      <article className="receipt receipt-print" data-testid="receipt" data-sale-id={receipt.id}>
        <header className="receipt-header">
          <h2 className="receipt-store" data-testid="receipt-store-name">
            {receipt.store.name}
          </h2>
          <StoreHeaderLines header={receipt.store} />
          <p data-testid="receipt-number">{t('receipt.number', { number: receipt.number })}</p>
          <p data-testid="receipt-date">{format.dateTime(receipt.createdAt)}</p>
          <p>{t('receipt.terminal', { code: receipt.terminalCode })}</p>
          <p data-testid="receipt-cashier">{t('receipt.cashier', { name: receipt.cashier.name })}</p>
          {receipt.repair ? (
            <p
              className="receipt-repair"
              data-testid="receipt-repair"
              data-role={receipt.repair.role}
              data-number={receipt.repair.number}
            >
              {t(`receipt.repair.${receipt.repair.role}`, {
                number: receipt.repair.number,
                device: receipt.repair.device,
              })}
            </p>
          ) : null}
        </header>
        <ul className="receipt-lines">
          {receipt.lines.map((line) => (
            <li key={line.productId} className="receipt-line" data-testid="receipt-line">
              <span className="receipt-line-text">
                {t('receipt.qtyTimes', { quantity: line.quantity, description: line.description })}
              </span>
              <span className="receipt-line-unit muted">
                {t('receipt.unitPrice', { price: format.money(line.unitPrice) })}
              </span>
              <span className="receipt-line-total" data-testid="receipt-line-total">
                {format.money(line.lineTotal)}
              </span>
            </li>
          ))}
        </ul>
        <div className="receipt-iva">
          {receipt.ivaBreakdown.map((row) => (
            <div key={row.rateBp} className="receipt-iva-row" data-testid="receipt-iva-row" data-rate-bp={row.rateBp}>
              <span>{t('receipt.ivaRow', { rate: format.rate(row.rateBp) })}</span>
              <span data-testid="receipt-iva-net">{t('receipt.net', { amount: format.money(row.net) })}</span>
              <span data-testid="receipt-iva-amount">{t('receipt.ivaAmount', { amount: format.money(row.iva) })}</span>
            </div>
          ))}
        </div>
        <div className="receipt-total-row">
          <span>{t('receipt.total')}</span>
          <strong data-testid="receipt-total" data-centavos={receipt.total}>
            {format.money(receipt.total)}
          </strong>
        </div>
        {receipt.payments.map((payment, index) => (
          <div
            // biome-ignore lint/suspicious/noArrayIndexKey: stored payments never reorder; two may be alike
            key={index}
            className="receipt-payment"
            data-testid="receipt-payment"
            data-method={payment.method}
            data-centavos={payment.amount}
          >
            <div className="receipt-pay-row">
              <span data-testid="receipt-payment-method">{t(paymentWords(payment.method))}</span>
              <span data-testid="receipt-payment-amount">{format.money(payment.amount)}</span>
            </div>
            {payment.reference ? (
              <div className="receipt-pay-row muted" data-testid="receipt-payment-reference">
                {t('receipt.reference', { reference: payment.reference })}
              </div>
            ) : null}
            {payment.method === 'cash' && payment.tendered !== undefined ? (
              <>
                <div className="receipt-pay-row">
                  <span>{t('receipt.tendered')}</span>
                  <span data-testid="receipt-tendered">{format.money(payment.tendered)}</span>
                </div>
                <div className="receipt-pay-row">
                  <span>{t('receipt.change')}</span>
                  <span data-testid="receipt-change" data-centavos={payment.change ?? 0}>
                    {format.money(payment.change ?? 0)}
                  </span>
                </div>
              </>
            ) : null}
          </div>
        ))}
        {receipt.customer ? (
          <div className="receipt-customer" data-testid="receipt-customer">
            <p data-testid="receipt-customer-name">{t('receipt.customer', { name: receipt.customer.name })}</p>
            {receipt.customer.taxIdDisplay ? <p>{receipt.customer.taxIdDisplay}</p> : null}
            {receipt.repair && receipt.repair.creditedToAccount > 0 ? (
              <p data-testid="receipt-account-credit" data-centavos={receipt.repair.creditedToAccount}>
                {t('receipt.accountCredit', { amount: format.money(receipt.repair.creditedToAccount) })}
              </p>
            ) : null}
            {receipt.customer.balanceAfter !== null ? (
              <p data-testid="receipt-balance-after" data-centavos={receipt.customer.balanceAfter}>
                {balanceAfterWords(receipt.customer.balanceAfter)}
              </p>
            ) : null}
          </div>
        ) : null}
        <footer className="receipt-footer">
          <p>{t('receipt.pricesIncludeIva')}</p>
          <p>{t('receipt.thanks')}</p>
        </footer>
      </article>
      <div className="receipt-actions no-print">
        <button
          type="button"
          className="button-secondary button-large"
          onClick={() => window.print()}
          data-testid="receipt-print"
        >
          {t('receipt.print')}
        </button>
        <button
          type="button"
          className="button-primary button-large"
          onClick={onNewSale}
          data-testid="receipt-new-sale"
        >
          {doneLabel ? (
            t(doneLabel)
          ) : (
            <>
              <kbd>Enter</kbd> / <kbd>F8</kbd> {t('receipt.newSale')}
            </>
          )}
        </button>
      </div>
    </section>
  );
}
