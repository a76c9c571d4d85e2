import { useCallback, useEffect, useState } from 'react';
import type { RepairTicket } from '../../shared/contract/repair-delivery.contract';
import type { RepairDetail } from '../../shared/contract/repairs.contract';
import { isTerminalRepairStatus, type RepairStatus } from '../../shared/repair-status';
import { call } from '../bridge/techstore-bridge';
import { useFormat } from '../format/format';
import { errorMessage } from '../i18n/error-message';
import { useT } from '../i18n/i18n';
import { useSessionStore } from '../session/session.store';
import type { RunRepairAction } from './repair-action';
import { RepairApprovalForm } from './repair-approval-form';
import { RepairAssignForm } from './repair-assign-form';
import { RepairCancelDialog } from './repair-cancel-dialog';
import { RepairCorrectDialog } from './repair-correct-dialog';
import { RepairDeliverDialog } from './repair-deliver-dialog';
import { RepairDiagnoseForm } from './repair-diagnose-form';
import { RepairFacts } from './repair-facts';
import { RepairFinalPriceForm } from './repair-final-price-form';
import { RepairLaborForm } from './repair-labor-form';
import { RepairMoney } from './repair-money';
import { RepairNoteForm } from './repair-note-form';
import { RepairPartForm } from './repair-part-form';
import { RepairStatusBadge } from './repair-status-badge';
import { RepairTimeline } from './repair-timeline';
import { isOverdue, isTransitionTarget, type TransitionTarget, transitionLabelKey } from './repair-view';
import { isBenchRole } from './use-technicians';

/** Where parts and labor may be booked: the core's bench statuses. */
const WORK_STATUSES: readonly RepairStatus[] = [
  'diagnosing',
  'approved',
  'in_repair',
  'waiting_parts',
  'repaired',
  'unrepairable',
];

/**
 * Moves offered as plain buttons. Approval and rejection go through the approval form (who and how), cancelling
 * asks for a reason, and delivery ("Entregar") charges the balance through the sale path in its own dialog.
 */
function buttonTransitions(order: RepairDetail): TransitionTarget[] {
  return order.allowedTransitions.filter(isTransitionTarget).filter((s) => s !== 'cancelled');
}

interface RepairDetailViewProps {
  orderId: string;
  onBack: () => void;
  onPrint: (order: RepairDetail) => void;
  /** After delivery: the delivery receipt, to show and print. */
  onDelivered: (ticket: RepairTicket) => void;
}

export function RepairDetailView({ orderId, onBack, onPrint, onDelivered }: RepairDetailViewProps) {
  const t = useT();
  const format = useFormat();
  const role = useSessionStore((s) => s.session?.user.role);
  const bench = isBenchRole(role);
  const [order, setOrder] = useState<RepairDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [delivering, setDelivering] = useState(false);
  const [correcting, setCorrecting] = useState(false);

  useEffect(() => {
    let stale = false;
    void call('repairs.get', { id: orderId }).then((result) => {
      if (stale) return;
      if (result.ok) setOrder(result.value);
      else setError(errorMessage(t, result));
    });
    return () => {
      stale = true;
    };
  }, [orderId, t]);

  const run: RunRepairAction = useCallback(
    async (action) => {
      setBusy(true);
      const result = await action();
      setBusy(false);
      if (result.ok) {
        setOrder(result.value);
        setError(null);
        return true;
      }
      setError(result.code === 'NOT_FOUND' ? t('repair.notFound') : errorMessage(t, result));
      // Another terminal may have moved the order: show where it is now.
      if (result.code === 'CONFLICT') {
        const fresh = await call('repairs.get', { id: orderId });
        if (fresh.ok) setOrder(fresh.value);
      }
      return false;
    },
    [orderId, t],
  );

  if (!order) {
    return (
      <section className="repair-detail" data-testid="repair-detail-loading">
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : (
          <p className="muted">{t('app.loading')}</p>
        )}
      </section>
    );
  }

  const open = !isTerminalRepairStatus(order.status);
  const overdue = isOverdue(order.promisedAt, order.status, new Date());
  const transition = (to: TransitionTarget, reason = '') =>
    void run(() => call('repairs.transition', { orderId: order.id, to, reason }));

  return (
    <section
      className="repair-detail"
      data-testid="repair-detail"
      data-number={order.number}
      data-status={order.status}
    >
      <header className="repair-detail-header">
        <button type="button" className="button-secondary" onClick={onBack} data-testid="repair-back">
          {t('repair.back')}
        </button>
        <h2 data-testid="repair-number">{order.number}</h2>
        <RepairStatusBadge status={order.status} testId="repair-status" />
        {overdue ? (
          <span className="badge repair-overdue-badge" data-testid="repair-overdue">
            {t('repair.overdue')}
          </span>
        ) : null}
        <span className="muted">{t('repair.receivedAt', { date: format.dateTime(order.createdAt) })}</span>
        <button type="button" className="button-secondary" onClick={() => onPrint(order)} data-testid="repair-reprint">
          {t('repair.print.again')}
        </button>
      </header>
      {error ? (
        <p className="form-error" role="alert" data-testid="repair-error">
          {error}
        </p>
      ) : null}
      {open ? (
        <div className="repair-transitions" aria-busy={busy} data-testid="repair-transitions">
          {buttonTransitions(order).map((to) => (
            <button
              key={to}
              type="button"
              className="button-primary button-large"
              disabled={busy}
              onClick={() => transition(to)}
              data-testid={`repair-to-${to}`}
            >
              {t(transitionLabelKey(to))}
            </button>
          ))}
          {order.allowedTransitions.includes('delivered') ? (
            <button
              type="button"
              className="button-primary button-large"
              disabled={busy}
              onClick={() => setDelivering(true)}
              data-testid="repair-deliver"
            >
              {t('repair.deliver')}
            </button>
          ) : null}
          {order.allowedTransitions.includes('cancelled') ? (
            <button
              type="button"
              className="button-danger"
              disabled={busy}
              onClick={() => setCancelling(true)}
              data-testid="repair-to-cancelled"
            >
              {t(transitionLabelKey('cancelled'))}
            </button>
          ) : null}
        </div>
      ) : null}
      <div className="repair-detail-columns">
        <div className="repair-detail-main">
          <RepairFacts order={order} benchRole={bench} onCorrect={open ? () => setCorrecting(true) : undefined} />
          <RepairMoney order={order} />
          <RepairTimeline events={order.timeline} />
        </div>
        <div className="repair-detail-side card">
          {order.status === 'awaiting_approval' ? <RepairApprovalForm order={order} run={run} /> : null}
          {bench && (order.status === 'diagnosing' || order.status === 'awaiting_approval') ? (
            <RepairDiagnoseForm key={`${order.rowVersion}-diagnose`} order={order} run={run} />
          ) : null}
          {bench && WORK_STATUSES.includes(order.status) ? (
            <>
              <RepairPartForm order={order} run={run} />
              <RepairLaborForm order={order} run={run} />
            </>
          ) : null}
          {bench && open ? (
            <>
              <RepairFinalPriceForm key={`${order.rowVersion}-price`} order={order} run={run} />
              <RepairAssignForm key={`${order.rowVersion}-assign`} order={order} run={run} />
            </>
          ) : null}
          <RepairNoteForm order={order} run={run} />
        </div>
      </div>
      {delivering ? (
        <RepairDeliverDialog
          order={order}
          onClose={() => setDelivering(false)}
          onDelivered={(ticket) => {
            setDelivering(false);
            setOrder(ticket.repair);
            onDelivered(ticket);
          }}
        />
      ) : null}
      {correcting ? <RepairCorrectDialog order={order} run={run} onClose={() => setCorrecting(false)} /> : null}
      {cancelling ? (
        <RepairCancelDialog
          onClose={() => setCancelling(false)}
          onConfirm={(reason) => {
            setCancelling(false);
            transition('cancelled', reason);
          }}
        />
      ) : null}
    </section>
  );
}
