import type { SyncStatus } from '../../shared/contract/sync.contract';
import { useFormat } from '../format/format';
import { useT } from '../i18n/i18n';
import { useSyncFormat } from './sync-format';
import { useSyncTexts } from './sync-texts';
import { clockSkewWarning, indicatorState } from './sync-view';

/** The indicator's status spelled out, one row per fact, for the sync panel. */
export function SyncStatusDetail({ status }: { status: SyncStatus }) {
  const t = useT();
  const format = useFormat();
  const syncFormat = useSyncFormat();
  const texts = useSyncTexts();
  const state = indicatorState(status);
  const skew = clockSkewWarning(status.clockSkewMs);
  const none = t('sync.detail.none');
  const clock =
    status.clockSkewMs === null
      ? t('sync.detail.clockUnknown')
      : skew
        ? t(skew.direction === 'ahead' ? 'sync.detail.clockAhead' : 'sync.detail.clockBehind', {
            amount: syncFormat.amount(skew.ms),
          })
        : t('sync.detail.clockOk');

  return (
    <section className="sync-card" aria-labelledby="sync-status-title" data-testid="sync-status-detail">
      <h2 id="sync-status-title">{t('sync.statusTitle')}</h2>
      <p className={`sync-detail-state sync-indicator-${state}`} data-testid="sync-detail-state" data-state={state}>
        <span className="sync-dot" aria-hidden="true" />
        {texts.state(state)}
      </p>
      {state === 'standalone' ? <p className="muted">{t('sync.standaloneNote')}</p> : null}
      {state === 'offline' ? <p className="notice notice-warning">{t('sync.offlineNote')}</p> : null}
      {status.configured ? (
        <dl className="sync-facts">
          <dt>{t('sync.detail.pending')}</dt>
          <dd data-testid="sync-detail-pending">{format.integer(status.pendingCount)}</dd>
          <dt>{t('sync.detail.oldest')}</dt>
          <dd data-testid="sync-detail-oldest">
            {status.oldestPendingAgeMs === null ? none : syncFormat.ago(status.oldestPendingAgeMs)}
          </dd>
          <dt>{t('sync.detail.lastSync')}</dt>
          <dd data-testid="sync-detail-last-sync">
            {status.lastSyncAt === null ? t('sync.neverSynced') : syncFormat.dateTime(status.lastSyncAt)}
          </dd>
          <dt>{t('sync.detail.quarantined')}</dt>
          <dd data-testid="sync-detail-quarantined">{format.integer(status.quarantinedCount)}</dd>
          <dt>{t('sync.detail.clock')}</dt>
          <dd data-testid="sync-detail-clock" className={skew ? 'sync-fact-warning' : undefined}>
            {clock}
          </dd>
          <dt>{t('sync.detail.lastError')}</dt>
          <dd data-testid="sync-detail-last-error" className="sync-fact-error">
            {status.lastError ?? none}
          </dd>
        </dl>
      ) : null}
    </section>
  );
}
