import type { RepairDetail } from '../../shared/contract/repairs.contract';
import type { StoreProfile } from '../../shared/contract/store.contract';
import { useFormat } from '../format/format';
import { useT } from '../i18n/i18n';
import { StoreHeaderLines } from '../store/store-header-lines';
import { deviceLine } from './repair-view';

/** The customer's copy of the intake, 80 mm wide like a sale's receipt (print.css `.receipt-print`). */
export function RepairTicket({ order, store }: { order: RepairDetail; store: StoreProfile }) {
  const t = useT();
  const format = useFormat();
  return (
    <article className="receipt receipt-print repair-ticket" data-testid="repair-ticket">
      <header className="receipt-header">
        <h2 className="receipt-store" data-testid="repair-ticket-store">
          {store.name}
        </h2>
        <StoreHeaderLines header={store} />
        <p>{t('repair.ticket.title')}</p>
        <p className="repair-ticket-number" data-testid="repair-ticket-number">
          {order.number}
        </p>
        <p>{format.dateTime(order.createdAt)}</p>
      </header>
      <dl className="repair-ticket-facts">
        <dt>{t('repair.customer')}</dt>
        <dd data-testid="repair-ticket-customer">{order.customer.name}</dd>
        <dt>{t('repair.device')}</dt>
        <dd data-testid="repair-ticket-device">{deviceLine(order)}</dd>
        {order.imei ? (
          <>
            <dt>{t('repair.imei')}</dt>
            <dd>{order.imei}</dd>
          </>
        ) : null}
        {order.serial ? (
          <>
            <dt>{t('repair.serial')}</dt>
            <dd>{order.serial}</dd>
          </>
        ) : null}
        <dt>{t('repair.reportedFault')}</dt>
        <dd data-testid="repair-ticket-fault">{order.reportedFault}</dd>
        <dt>{t('repair.accessories')}</dt>
        <dd>{order.accessories.length > 0 ? order.accessories.join(', ') : t('repair.accessories.none')}</dd>
        {order.conditionNotes ? (
          <>
            <dt>{t('repair.condition')}</dt>
            <dd>{order.conditionNotes}</dd>
          </>
        ) : null}
        <dt>{t('repair.estimate')}</dt>
        <dd data-testid="repair-ticket-estimate">
          {order.estimate === null ? t('repair.estimate.toDiagnose') : format.money(order.estimate)}
        </dd>
        <dt>{t('repair.deposit')}</dt>
        <dd data-testid="repair-ticket-deposit">{format.money(order.totals.deposits)}</dd>
        {order.promisedAt ? (
          <>
            <dt>{t('repair.promisedAt')}</dt>
            <dd data-testid="repair-ticket-promised">{format.dateTime(order.promisedAt)}</dd>
          </>
        ) : null}
      </dl>
      <footer className="receipt-footer repair-ticket-terms" data-testid="repair-ticket-terms">
        {store.repairTerms ? (
          // The store's own terms (Tienda screen), its lines as typed (CSS pre-line).
          <p className="repair-ticket-own-terms" data-testid="repair-ticket-own-terms">
            {store.repairTerms}
          </p>
        ) : (
          <>
            <p>{t('repair.ticket.terms1')}</p>
            <p>{t('repair.ticket.terms2')}</p>
            <p>{t('repair.ticket.terms3', { days: store.warrantyDays })}</p>
          </>
        )}
        <p>{t('repair.ticket.keep', { number: order.number })}</p>
      </footer>
    </article>
  );
}
