import { useState } from 'react';
import type { RepairDetail } from '../../shared/contract/repairs.contract';
import { useT } from '../i18n/i18n';
import { useStoreProfile } from '../store/use-store-profile';
import { RepairLabel } from './repair-label';
import { RepairTicket } from './repair-ticket';

type Printable = 'ticket' | 'label';

/**
 * After intake: the customer's ticket and the device's label, one at a time, so what is on screen is what the
 * printer gets (print.css shows only the chosen one: the 80 mm ticket or the small label page).
 */
export function RepairPrintView({ order, onOpen }: { order: RepairDetail; onOpen: () => void }) {
  const t = useT();
  const [showing, setShowing] = useState<Printable>('ticket');
  const store = useStoreProfile();
  return (
    <section className="repair-print-view" data-testid="repair-print-view" data-showing={showing}>
      <p className="form-ok no-print" role="status" data-testid="repair-print-saved">
        {t('repair.print.saved', { number: order.number })}
      </p>
      <div className="repair-print-tabs no-print">
        {(['ticket', 'label'] as const).map((p) => (
          <button
            key={p}
            type="button"
            className={p === showing ? 'nav-button nav-button-active' : 'nav-button'}
            aria-pressed={p === showing}
            onClick={() => setShowing(p)}
            data-testid={`repair-print-show-${p}`}
          >
            {t(`repair.print.${p}`)}
          </button>
        ))}
      </div>
      {showing === 'label' ? (
        <RepairLabel order={order} />
      ) : store ? (
        <RepairTicket order={order} store={store} />
      ) : (
        <p>{t('app.loading')}</p>
      )}
      <div className="receipt-actions no-print">
        <button
          type="button"
          className="button-primary button-large"
          onClick={() => window.print()}
          data-testid="repair-print"
        >
          {t(showing === 'ticket' ? 'repair.print.printTicket' : 'repair.print.printLabel')}
        </button>
        <button
          type="button"
          className="button-secondary button-large"
          onClick={onOpen}
          data-testid="repair-print-open"
        >
          {t('repair.print.openOrder')}
        </button>
      </div>
    </section>
  );
}
