import type { PricedLine } from '../../shared/sale-totals';
import { useT } from '../i18n/i18n';
import type { CartLine } from './cart.store';
import { useCartStore } from './cart.store';
import { CartLineRow } from './cart-line-row';

interface CartViewProps {
  lines: readonly (CartLine & PricedLine)[];
  onDone: () => void;
}

export function CartView({ lines, onDone }: CartViewProps) {
  const t = useT();
  const selectedId = useCartStore((s) => s.selectedId);
  const { select, setQuantity, changeQuantity, removeLine } = useCartStore.getState();

  if (lines.length === 0) {
    return (
      <div className="cart-empty" data-testid="cart-empty">
        {t('pos.emptyCart')}
      </div>
    );
  }

  return (
    <div className="cart-scroll">
      <table className="cart-table" aria-label={t('cart.label')} data-testid="cart">
        <thead>
          <tr>
            <th scope="col">{t('cart.description')}</th>
            <th scope="col" className="num">
              {t('cart.unitPrice')}
            </th>
            <th scope="col" className="cart-quantity-head">
              {t('cart.quantity')}
            </th>
            <th scope="col" className="num">
              {t('cart.lineTotal')}
            </th>
            <th scope="col">
              <span className="visually-hidden">{t('cart.remove')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <CartLineRow
              key={line.productId}
              line={line}
              selected={line.productId === selectedId}
              onSelect={() => select(line.productId)}
              onQuantity={(q) => setQuantity(line.productId, q)}
              onChange={(delta) => changeQuantity(line.productId, delta)}
              onRemove={() => removeLine(line.productId)}
              onDone={onDone}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
