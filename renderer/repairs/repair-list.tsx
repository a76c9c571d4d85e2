import { useEffect, useState } from 'react';
import type { Customer } from '../../shared/contract/customers.contract';
import type { RequestOf } from '../../shared/contract/index';
import type { RepairSummary } from '../../shared/contract/repairs.contract';
import { isRepairStatus, REPAIR_STATUSES, type RepairStatus } from '../../shared/repair-status';
import { call } from '../bridge/techstore-bridge';
import { TextField } from '../components/text-field';
import { CustomerPicker } from '../customers/customer-picker';
import { useFormat } from '../format/format';
import { errorMessage } from '../i18n/error-message';
import { useT } from '../i18n/i18n';
import { RepairStatusBadge } from './repair-status-badge';
import { RepairTechnicianSelect } from './repair-technician-select';
import { deviceLine, endOfLocalDay, isOverdue, startOfLocalDay, statusLabelKey } from './repair-view';

const LIST_LIMIT = 100;

interface Filters {
  status: RepairStatus | '';
  technicianId: string;
  customer: Customer | null;
  from: string;
  to: string;
  overdueOnly: boolean;
}

const NO_FILTERS: Filters = { status: '', technicianId: '', customer: null, from: '', to: '', overdueOnly: false };

function listRequest(filters: Filters): RequestOf<'repairs.list'> {
  const from = filters.from ? startOfLocalDay(filters.from) : null;
  const to = filters.to ? endOfLocalDay(filters.to) : null;
  return {
    limit: LIST_LIMIT,
    overdueOnly: filters.overdueOnly,
    ...(filters.status ? { statuses: [filters.status] } : {}),
    ...(filters.technicianId ? { technicianId: filters.technicianId } : {}),
    ...(filters.customer ? { customerId: filters.customer.id } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}

/** Every order, newest first, filtered by status, technician, customer and intake dates. */
export function RepairList({ onOpen }: { onOpen: (id: string) => void }) {
  const t = useT();
  const format = useFormat();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [items, setItems] = useState<RepairSummary[]>([]);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [picking, setPicking] = useState(false);
  const [now, setNow] = useState(() => new Date());

  useEffect(() => {
    let stale = false;
    void call('repairs.list', listRequest(filters)).then((result) => {
      if (stale) return;
      setNow(new Date());
      if (result.ok) {
        setItems(result.value.items);
        setTotal(result.value.total);
        setError(null);
      } else setError(errorMessage(t, result));
    });
    return () => {
      stale = true;
    };
  }, [filters, t]);

  const change = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));

  return (
    <section className="repair-list" data-testid="repair-list">
      <div className="repair-filters">
        <div className="field">
          <label htmlFor="repair-filter-status">{t('repair.filter.status')}</label>
          <select
            id="repair-filter-status"
            value={filters.status}
            onChange={(e) => change({ status: isRepairStatus(e.target.value) ? e.target.value : '' })}
            data-testid="repair-filter-status"
          >
            <option value="">{t('repair.filter.any')}</option>
            {REPAIR_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(statusLabelKey(s))}
              </option>
            ))}
          </select>
        </div>
        <RepairTechnicianSelect
          label={t('repair.filter.technician')}
          emptyLabel={t('repair.filter.any')}
          value={filters.technicianId}
          onChange={(technicianId) => change({ technicianId })}
          testId="repair-filter-technician"
        />
        <div className="field">
          <span className="field-label">{t('repair.filter.customer')}</span>
          <div className="repair-filter-customer">
            <button
              type="button"
              className="button-secondary"
              onClick={() => setPicking(true)}
              data-testid="repair-filter-customer"
            >
              {filters.customer ? filters.customer.name : t('repair.filter.pickCustomer')}
            </button>
            {filters.customer ? (
              <button
                type="button"
                className="button-secondary"
                onClick={() => change({ customer: null })}
                aria-label={t('repair.filter.clearCustomer')}
                data-testid="repair-filter-customer-clear"
              >
                ×
              </button>
            ) : null}
          </div>
        </div>
        <TextField
          label={t('repair.filter.from')}
          type="date"
          value={filters.from}
          onChange={(from) => change({ from })}
          testId="repair-filter-from"
        />
        <TextField
          label={t('repair.filter.to')}
          type="date"
          value={filters.to}
          onChange={(to) => change({ to })}
          testId="repair-filter-to"
        />
        <label className="checkbox-field">
          <input
            type="checkbox"
            checked={filters.overdueOnly}
            onChange={(e) => change({ overdueOnly: e.target.checked })}
            data-testid="repair-filter-overdue"
          />
          {t('repair.filter.overdueOnly')}
        </label>
        <button type="button" className="button-secondary" onClick={() => setFilters(NO_FILTERS)}>
          {t('repair.filter.clear')}
        </button>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <p className="muted" data-testid="repair-list-total">
        {t('repair.list.total', { count: format.integer(total) })}
      </p>
      <table className="repair-table">
        <thead>
          <tr>
            <th>{t('repair.number')}</th>
            <th>{t('repair.status')}</th>
            <th>{t('repair.customer')}</th>
            <th>{t('repair.device')}</th>
            <th>{t('repair.technician')}</th>
            <th>{t('repair.promisedAt')}</th>
            <th>{t('repair.createdAt')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((order) => {
            const overdue = isOverdue(order.promisedAt, order.status, now);
            return (
              <tr
                key={order.id}
                className={overdue ? 'repair-row repair-row-overdue' : 'repair-row'}
                data-testid="repair-row"
                data-number={order.number}
              >
                <td>
                  <button type="button" className="button-secondary" onClick={() => onOpen(order.id)}>
                    {order.number}
                  </button>
                </td>
                <td>
                  <RepairStatusBadge status={order.status} />
                </td>
                <td>{order.customer.name}</td>
                <td>{deviceLine(order)}</td>
                <td>{order.technician?.name ?? t('repair.noTechnician')}</td>
                <td className={overdue ? 'repair-overdue-text' : undefined}>
                  {order.promisedAt ? format.dateTime(order.promisedAt) : ''}
                </td>
                <td>{format.dateTime(order.createdAt)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {picking ? (
        <CustomerPicker
          onPick={(customer) => {
            change({ customer });
            setPicking(false);
          }}
          onClose={() => setPicking(false)}
        />
      ) : null}
    </section>
  );
}
