import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import type { Receipt, SaleSummary } from '../../shared/contract/sales.contract';
import { call } from '../bridge/techstore-bridge';
import { Dialog } from '../components/dialog';
import { useFormat } from '../format/format';
import { errorMessage } from '../i18n/error-message';
import { useT } from '../i18n/i18n';

const RECENT_LIMIT = 20;

type RecentState =
  | { phase: 'loading' }
  | { phase: 'ready'; items: SaleSummary[] }
  | { phase: 'failed'; message: string };

interface RecentSalesDialogProps {
  onOpen: (receipt: Receipt) => void;
  onClose: () => void;
}

export function RecentSalesDialog({ onOpen, onClose }: RecentSalesDialogProps) {
  const t = useT();
  const format = useFormat();
  const [state, setState] = useState<RecentState>({ phase: 'loading' });
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const listRef = useRef<HTMLTableSectionElement>(null);

  useEffect(() => {
    let live = true;
    void call('sales.recent', { limit: RECENT_LIMIT }).then((result) => {
      if (!live) return;
      setState(
        result.ok
          ? { phase: 'ready', items: result.value.items }
          : { phase: 'failed', message: errorMessage(t, result) },
      );
    });
    return () => {
      live = false;
    };
  }, [t]);

  const items = state.phase === 'ready' ? state.items : [];

  // Keyboard users land on the newest sale as soon as the list arrives, then move with the arrows.
  useEffect(() => {
    if (items.length > 0) listRef.current?.querySelector<HTMLElement>(`[data-index="${active}"]`)?.focus();
  }, [active, items.length]);

  const open = async (sale: SaleSummary) => {
    setError(null);
    const result = await call('sales.get', { id: sale.id });
    if (result.ok) onOpen(result.value);
    else setError(errorMessage(t, result));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const down = event.key === 'ArrowDown';
      setActive((i) => Math.max(0, Math.min(items.length - 1, down ? i + 1 : i - 1)));
    }
  };

  return (
    <Dialog title={t('recent.title')} onClose={onClose} testId="recent-sales" wide>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: arrow keys move between the rows' buttons */}
      <div onKeyDown={onKeyDown} className="recent-body">
        {state.phase === 'loading' ? <p>{t('app.loading')}</p> : null}
        {state.phase === 'failed' ? (
          <p className="form-error" role="alert">
            {state.message}
          </p>
        ) : null}
        {state.phase === 'ready' && items.length === 0 ? (
          <p data-testid="recent-sales-empty">{t('recent.empty')}</p>
        ) : null}
        {items.length > 0 ? (
          <table className="recent-table">
            <thead>
              <tr>
                <th scope="col">{t('recent.number')}</th>
                <th scope="col">{t('recent.date')}</th>
                <th scope="col">{t('recent.cashier')}</th>
                <th scope="col" className="num">
                  {t('recent.lines')}
                </th>
                <th scope="col" className="num">
                  {t('recent.total')}
                </th>
                <th scope="col">
                  <span className="visually-hidden">{t('recent.open')}</span>
                </th>
              </tr>
            </thead>
            <tbody ref={listRef}>
              {items.map((sale, index) => (
                <tr key={sale.id} data-testid="recent-sale" data-sale-id={sale.id}>
                  <td data-testid="recent-sale-number">{sale.number}</td>
                  <td>{format.dateTime(sale.createdAt)}</td>
                  <td>{sale.cashierName}</td>
                  <td className="num">{sale.lineCount}</td>
                  <td className="num">{format.money(sale.total)}</td>
                  <td>
                    <button
                      type="button"
                      className="button-secondary"
                      data-index={index}
                      onFocus={() => setActive(index)}
                      onClick={() => void open(sale)}
                      data-testid="recent-sale-open"
                    >
                      {t('recent.open')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <div className="dialog-actions">
        <button
          type="button"
          className="button-secondary button-large"
          onClick={onClose}
          data-testid="recent-sales-close"
        >
          <kbd>Esc</kbd> {t('action.close')}
        </button>
      </div>
    </Dialog>
  );
}
