import type { Receipt } from '../../shared/contract/sales.contract';
import { useFormat } from '../format/format';
import { useT } from '../i18n/i18n';

interface ReceiptViewProps {
  receipt: Receipt;
  onNewSale: () => void;
}

/** The ticket as printed: only `.receipt-print` shows on paper (print.css), 80 mm wide. */
export function ReceiptView({ receipt, onNewSale }: ReceiptViewProps) {
  const t = useT();
  const format = useFormat();
  return (
    <section className="receipt-screen">
      <article className="receipt receipt-print" data-testid="receipt" data-sale-id={receipt.id}>
        <header className="receipt-header">
          <h2 className="receipt-store" data-testid="receipt-store-name">
            {receipt.storeName}
          </h2>
          <p data-testid="receipt-number">{t('receipt.number', { number: receipt.number })}</p>
          <p data-testid="receipt-date">{format.dateTime(receipt.createdAt)}</p>
          <p>{t('receipt.terminal', { code: receipt.terminalCode })}</p>
          <p data-testid="receipt-cashier">{t('receipt.cashier', { name: receipt.cashier.name })}</p>
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
        {receipt.payments.map((payment) => (
          <div key={`${payment.method}-${payment.amount}-${payment.tendered}`} className="receipt-payment">
            <div className="receipt-pay-row">
              <span>{t('receipt.cash')}</span>
              <span data-testid="receipt-tendered">{format.money(payment.tendered)}</span>
            </div>
            <div className="receipt-pay-row">
              <span>{t('receipt.change')}</span>
              <span data-testid="receipt-change" data-centavos={payment.change}>
                {format.money(payment.change)}
              </span>
            </div>
          </div>
        ))}
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
          <kbd>Enter</kbd> / <kbd>F8</kbd> {t('receipt.newSale')}
        </button>
      </div>
    </section>
  );
}
