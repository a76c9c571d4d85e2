import type { SaleTotals } from '../../shared/sale-totals';
import { useFormat } from '../format/format';
import { useT } from '../i18n/i18n';

interface CartTotalsProps {
  totals: SaleTotals;
  itemCount: number;
  canPay: boolean;
  onPay: () => void;
}

/** The ticket's total and the IVA inside it per rate, from the same arithmetic the core records. */
export function CartTotals({ totals, itemCount, canPay, onPay }: CartTotalsProps) {
  const t = useT();
  const format = useFormat();
  return (
    <aside className="cart-totals" data-testid="cart-totals">
      <div className="total-row">
        <span>{t('cart.total')}</span>
        <output className="total-amount" data-testid="cart-total" data-centavos={totals.total}>
          {format.money(totals.total)}
        </output>
      </div>
      <p className="muted" data-testid="cart-item-count">
        {t('cart.items', { count: itemCount })}
      </p>
      {totals.ivaBreakdown.length > 0 ? (
        <table className="iva-table" data-testid="cart-iva">
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">{t('cart.iva')}</span>
              </th>
              <th scope="col" className="num">
                {t('cart.net')}
              </th>
              <th scope="col" className="num">
                {t('cart.iva')}
              </th>
            </tr>
          </thead>
          <tbody>
            {totals.ivaBreakdown.map((row) => (
              <tr key={row.rateBp} data-testid="cart-iva-row" data-rate-bp={row.rateBp}>
                <th scope="row">{t('cart.ivaRow', { rate: format.rate(row.rateBp) })}</th>
                <td className="num">{format.money(row.net)}</td>
                <td className="num">{format.money(row.iva)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <button
        type="button"
        className="button-primary button-pay"
        disabled={!canPay}
        onClick={onPay}
        data-testid="pay-button"
      >
        <kbd>F2</kbd> {t('action.pay')}
      </button>
    </aside>
  );
}
