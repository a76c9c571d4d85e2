import type { RepairDetail, RepairEvent } from '../../shared/contract/repairs.contract';
import { repairDeliveryBalance } from '../../shared/repair-balance';
import { useFormat } from '../format/format';
import { useT } from '../i18n/i18n';

function amount(event: RepairEvent, key: string): number {
  const value = event.details[key];
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : 0;
}

function words(event: RepairEvent, key: string): string {
  const value = event.details[key];
  return typeof value === 'string' ? value : '';
}

/** Estimate, final price, the parts and labor used with their totals, the señas, and what is left to pay. */
export function RepairMoney({ order }: { order: RepairDetail }) {
  const t = useT();
  const format = useFormat();
  const parts = order.timeline.filter((e) => e.kind === 'part');
  const labor = order.timeline.filter((e) => e.kind === 'labor');
  const deposits = order.timeline.filter((e) => e.kind === 'deposit').map((e) => amount(e, 'amount'));
  const balance = repairDeliveryBalance({
    finalPrice: order.finalPrice,
    estimate: order.estimate,
    deposits: deposits.filter((d) => d > 0),
  });
  return (
    <section className="card repair-money" aria-labelledby="repair-money-title">
      <h3 id="repair-money-title">{t('repair.money.title')}</h3>
      <table className="repair-work-table" data-testid="repair-work">
        <tbody>
          {parts.map((e) => (
            <tr key={e.id} data-testid="repair-part-row">
              <td>{t('repair.money.part', { quantity: amount(e, 'quantity'), name: words(e, 'name') })}</td>
              <td className="num">{format.money(amount(e, 'total'))}</td>
            </tr>
          ))}
          {labor.map((e) => (
            <tr key={e.id} data-testid="repair-labor-row">
              <td>{t('repair.money.labor', { description: words(e, 'description') })}</td>
              <td className="num">{format.money(amount(e, 'amount'))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="repair-totals">
        <dt>{t('repair.money.partsTotal')}</dt>
        <dd className="num" data-testid="repair-total-parts">
          {format.money(order.totals.parts)}
        </dd>
        <dt>{t('repair.money.laborTotal')}</dt>
        <dd className="num" data-testid="repair-total-labor">
          {format.money(order.totals.labor)}
        </dd>
        <dt>{t('repair.money.workTotal')}</dt>
        <dd className="num" data-testid="repair-total-work">
          {format.money(order.totals.parts + order.totals.labor)}
        </dd>
        <dt>{t('repair.estimate')}</dt>
        <dd className="num" data-testid="repair-estimate">
          {order.estimate === null ? t('repair.estimate.toDiagnose') : format.money(order.estimate)}
          {order.estimatePreApproved ? ` · ${t('repair.estimate.preApproved')}` : ''}
        </dd>
        <dt>{t('repair.finalPrice')}</dt>
        <dd className="num" data-testid="repair-final-price">
          {order.finalPrice === null ? t('repair.finalPrice.none') : format.money(order.finalPrice)}
        </dd>
        <dt>{t('repair.deposits')}</dt>
        <dd className="num" data-testid="repair-deposits">
          {format.money(order.totals.deposits)}
        </dd>
        <dt>{t('repair.balance')}</dt>
        <dd className="num" data-testid="repair-balance">
          {balance.ok
            ? balance.creditDue > 0
              ? t('repair.balance.credit', { amount: format.money(balance.creditDue) })
              : format.money(balance.amountDue)
            : t('repair.balance.noPrice')}
        </dd>
      </dl>
    </section>
  );
}
