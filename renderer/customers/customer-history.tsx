import type { ResponseOf } from '../../shared/contract/index';
import type { RepairSummary } from '../../shared/contract/repairs.contract';
import { useFormat } from '../format/format';
import { useT } from '../i18n/i18n';

interface CustomerHistoryProps {
  /** null when the purchases could not be read: the section is left out. */
  purchases: ResponseOf<'customers.purchases'> | null;
  /** null when the repairs list could not be read: the section is left out. */
  repairs: { items: RepairSummary[]; total: number } | null;
}

/** The customer's purchases at this store and their repair orders, newest first. */
export function CustomerHistory({ purchases, repairs }: CustomerHistoryProps) {
  const t = useT();
  const format = useFormat();
  return (
    <div className="customer-history">
      {purchases ? (
        <section className="customer-section" data-testid="customer-purchases">
          <h3>{t('customers.purchasesTitle', { count: purchases.total })}</h3>
          {purchases.items.length === 0 ? (
            <p className="muted">{t('customers.purchasesEmpty')}</p>
          ) : (
            <table className="ledger-table">
              <thead>
                <tr>
                  <th scope="col">{t('ledger.date')}</th>
                  <th scope="col">{t('customers.saleNumber')}</th>
                  <th scope="col" className="num">
                    {t('customers.saleTotal')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {purchases.items.map((p) => (
                  <tr key={p.id} data-testid="customer-purchase">
                    <td>{format.dateTime(p.createdAt)}</td>
                    <td data-testid="customer-purchase-number">{p.number}</td>
                    <td className="num" data-testid="customer-purchase-total">
                      {format.money(p.total)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}
      {repairs ? (
        <section className="customer-section" data-testid="customer-repairs">
          <h3>{t('customers.repairsTitle', { count: repairs.total })}</h3>
          {repairs.items.length === 0 ? (
            <p className="muted">{t('customers.repairsEmpty')}</p>
          ) : (
            <table className="ledger-table">
              <thead>
                <tr>
                  <th scope="col">{t('ledger.date')}</th>
                  <th scope="col">{t('customers.repairNumber')}</th>
                  <th scope="col">{t('customers.repairDevice')}</th>
                  <th scope="col">{t('customers.repairStatus')}</th>
                </tr>
              </thead>
              <tbody>
                {repairs.items.map((r) => (
                  <tr key={r.id} data-testid="customer-repair" data-status={r.status}>
                    <td>{format.dateTime(r.createdAt)}</td>
                    <td data-testid="customer-repair-number">{r.number}</td>
                    <td>{[r.deviceType, r.brand, r.model].filter(Boolean).join(' ')}</td>
                    <td data-testid="customer-repair-status">{t(`customerRepair.status.${r.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}
    </div>
  );
}
