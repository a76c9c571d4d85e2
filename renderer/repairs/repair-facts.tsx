import { useState } from 'react';
import type { RepairDetail } from '../../shared/contract/repairs.contract';
import { useFormat } from '../format/format';
import { useT } from '../i18n/i18n';
import { deviceLine } from './repair-view';

interface RepairFactsProps {
  order: RepairDetail;
  benchRole: boolean;
  /** Opens "Corregir datos del equipo"; absent once the order is delivered or cancelled. */
  onCorrect?: (() => void) | undefined;
}

/**
 * What came in: the device, the customer, the fault as reported, accessories and condition. The unlock code is
 * only in the detail, only for bench roles (the core sends it to no one else), and only after "Mostrar".
 */
export function RepairFacts({ order, benchRole, onCorrect }: RepairFactsProps) {
  const t = useT();
  const format = useFormat();
  const [showSecret, setShowSecret] = useState(false);
  return (
    <section className="card repair-facts" aria-label={t('repair.facts')}>
      {onCorrect ? (
        <div className="repair-facts-actions">
          <button type="button" className="button-secondary" onClick={onCorrect} data-testid="repair-correct-open">
            {t('repair.correct.open')}
          </button>
        </div>
      ) : null}
      <dl className="repair-facts-list">
        <dt>{t('repair.customer')}</dt>
        <dd data-testid="repair-customer">
          {order.customer.name}
          {order.customer.phone ? <span className="muted"> · {order.customer.phone}</span> : null}
        </dd>
        <dt>{t('repair.device')}</dt>
        <dd data-testid="repair-device">{deviceLine(order)}</dd>
        {order.imei ? (
          <>
            <dt>{t('repair.imei')}</dt>
            <dd data-testid="repair-imei">{order.imei}</dd>
          </>
        ) : null}
        {order.serial ? (
          <>
            <dt>{t('repair.serial')}</dt>
            <dd data-testid="repair-serial">{order.serial}</dd>
          </>
        ) : null}
        <dt>{t('repair.reportedFault')}</dt>
        <dd data-testid="repair-fault">{order.reportedFault}</dd>
        <dt>{t('repair.accessories')}</dt>
        <dd data-testid="repair-accessories">
          {order.accessories.length > 0 ? order.accessories.join(', ') : t('repair.accessories.none')}
        </dd>
        <dt>{t('repair.condition')}</dt>
        <dd data-testid="repair-condition">{order.conditionNotes || t('repair.condition.none')}</dd>
        {order.diagnosis ? (
          <>
            <dt>{t('repair.diagnosis')}</dt>
            <dd data-testid="repair-diagnosis">{order.diagnosis}</dd>
          </>
        ) : null}
        <dt>{t('repair.technician')}</dt>
        <dd data-testid="repair-technician">{order.technician?.name ?? t('repair.noTechnician')}</dd>
        <dt>{t('repair.promisedAt')}</dt>
        <dd data-testid="repair-promised">
          {order.promisedAt ? format.dateTime(order.promisedAt) : t('repair.promisedAt.none')}
        </dd>
        {order.cancelReason ? (
          <>
            <dt>{t('repair.cancelReason')}</dt>
            <dd>{order.cancelReason}</dd>
          </>
        ) : null}
        {order.hasUnlockSecret && benchRole ? (
          <>
            <dt>{t('repair.unlock')}</dt>
            <dd>
              {showSecret ? (
                <code className="repair-secret" data-testid="repair-unlock-secret">
                  {order.unlockSecret}
                </code>
              ) : (
                <button
                  type="button"
                  className="button-secondary"
                  onClick={() => setShowSecret(true)}
                  data-testid="repair-unlock-show"
                >
                  {t('repair.unlock.show')}
                </button>
              )}
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
