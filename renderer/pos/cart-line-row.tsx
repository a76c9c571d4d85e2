import { type KeyboardEvent, useEffect, useState } from 'react';
import type { PricedLine } from '../../shared/sale-totals';
import { useFormat } from '../format/format';
import { useT } from '../i18n/i18n';
import { type CartLine, MAX_LINE_QUANTITY } from './cart.store';

interface CartLineRowProps {
  line: CartLine & PricedLine;
  selected: boolean;
  onSelect: () => void;
  onQuantity: (quantity: number) => void;
  onChange: (delta: number) => void;
  onRemove: () => void;
  /** Called when editing is done (Enter, Escape, or +/- and remove): focus goes back to the scan field. */
  onDone: () => void;
}

export function CartLineRow({ line, selected, onSelect, onQuantity, onChange, onRemove, onDone }: CartLineRowProps) {
  const t = useT();
  const format = useFormat();
  const [draft, setDraft] = useState(String(line.quantity));

  useEffect(() => setDraft(String(line.quantity)), [line.quantity]);

  const commit = () => {
    const quantity = /^\d{1,4}$/.test(draft.trim()) ? Number(draft.trim()) : Number.NaN;
    if (quantity >= 1 && quantity <= MAX_LINE_QUANTITY) onQuantity(quantity);
    else setDraft(String(line.quantity));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      commit();
      onDone();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setDraft(String(line.quantity));
      onDone();
    }
  };

  return (
    <tr
      className={selected ? 'cart-line cart-line-selected' : 'cart-line'}
      aria-selected={selected}
      onClick={onSelect}
      data-testid="cart-line"
      data-product-id={line.productId}
    >
      <td className="cart-description">
        <span data-testid="cart-line-description">{line.description}</span>
        <span className="muted cart-sku">{line.sku}</span>
      </td>
      <td className="num" data-testid="cart-line-unit-price">
        {format.money(line.unitPrice)}
      </td>
      <td className="cart-quantity">
        <button
          type="button"
          className="qty-button"
          aria-label={t('cart.decrease')}
          disabled={line.quantity <= 1}
          onClick={() => {
            onChange(-1);
            onDone();
          }}
          data-testid="cart-line-decrease"
        >
          −
        </button>
        <input
          className="qty-input"
          inputMode="numeric"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onFocus={(e) => {
            onSelect();
            e.currentTarget.select();
          }}
          onKeyDown={onKeyDown}
          aria-label={t('cart.quantityOf', { name: line.description })}
          data-qty-for={line.productId}
          data-testid="cart-line-quantity"
        />
        <button
          type="button"
          className="qty-button"
          aria-label={t('cart.increase')}
          onClick={() => {
            onChange(1);
            onDone();
          }}
          data-testid="cart-line-increase"
        >
          +
        </button>
      </td>
      <td className="num" data-testid="cart-line-total">
        {format.money(line.lineTotal)}
      </td>
      <td>
        <button
          type="button"
          className="remove-button"
          aria-label={t('cart.removeOf', { name: line.description })}
          title={t('cart.remove')}
          onClick={(e) => {
            e.stopPropagation();
            onRemove();
            onDone();
          }}
          data-testid="cart-line-remove"
        >
          ✕
        </button>
      </td>
    </tr>
  );
}
