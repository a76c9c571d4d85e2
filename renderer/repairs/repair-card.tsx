import type { RepairSummary } from '../../shared/contract/repairs.contract';
import { useFormat } from '../format/format';
import { useT } from '../i18n/i18n';
import { deviceLine, isOverdue } from './repair-view';

interface RepairCardProps {
  order: RepairSummary;
  now: Date;
  onOpen: (id: string) => void;
}

/** One order on the board: number, customer, device, technician; red when its promised date has passed. */
export function RepairCard({ order, now, onOpen }: RepairCardProps) {
  const t = useT();
  const format = useFormat();
  const overdue = isOverdue(order.promisedAt, order.status, now);
  return (
    <button
      type="button"
      className={overdue ? 'repair-card repair-card-overdue' : 'repair-card'}
      onClick={() => onOpen(order.id)}
      data-testid="repair-card"
      data-number={order.number}
      data-overdue={overdue ? 'true' : 'false'}
    >
      <strong className="repair-card-number">{order.number}</strong>
      <span data-testid="repair-card-customer">{order.customer.name}</span>
      <span className="muted" data-testid="repair-card-device">
        {deviceLine(order)}
      </span>
      <span className="muted" data-testid="repair-card-technician">
        {order.technician ? order.technician.name : t('repair.noTechnician')}
      </span>
      {order.promisedAt ? (
        <span className={overdue ? 'repair-card-promised repair-overdue-text' : 'repair-card-promised muted'}>
          {overdue
            ? t('repair.overdueSince', { date: format.dateTime(order.promisedAt) })
            : t('repair.promisedFor', { date: format.dateTime(order.promisedAt) })}
        </span>
      ) : null}
    </button>
  );
}
