import { useT } from '../i18n/i18n';
import { useSyncStatusStore } from './sync-status.store';
import { useSyncTexts } from './sync-texts';
import { clockSkewWarning, indicatorState } from './sync-view';
import { useSyncPolling } from './use-sync-polling';

interface SyncIndicatorProps {
  /** Managers and admins see the quarantine and alert badges and can open the sync panel from here. */
  canManage: boolean;
  onOpen: () => void;
}

/** The top bar's sync status, on every screen after login (SYNC.md property 10: offline must be visible). */
export function SyncIndicator({ canManage, onOpen }: SyncIndicatorProps) {
  useSyncPolling();
  const t = useT();
  const texts = useSyncTexts();
  const status = useSyncStatusStore((s) => s.status);
  const failure = useSyncStatusStore((s) => s.failure);
  const state = status ? indicatorState(status) : 'unknown';
  const showPending = status?.configured === true && status.pendingCount > 0;
  const showOldest = state === 'offline' && status?.oldestPendingAgeMs != null;
  const quarantined = canManage && status !== null ? status.quarantinedCount : 0;
  const alerts = canManage && status !== null ? status.openAlertCount : 0;

  const body = (
    <>
      <span className="sync-indicator-line">
        <span className="sync-dot" aria-hidden="true" />
        <span className="sync-state-label" data-testid="sync-state-label">
          {texts.state(state)}
        </span>
        {showPending ? (
          <span data-testid="sync-pending-count" data-count={status.pendingCount}>
            {state === 'offline' ? ' · ' : ' '}
            {texts.pending(status.pendingCount)}
          </span>
        ) : null}
        {quarantined > 0 ? (
          <span
            className="sync-quarantined-badge"
            data-testid="sync-quarantined-badge"
            data-count={quarantined}
            title={t('sync.quarantinedBadge', { count: quarantined })}
          >
            <span aria-hidden="true">{quarantined}</span>
            <span className="visually-hidden">{t('sync.quarantinedBadge', { count: quarantined })}</span>
          </span>
        ) : null}
        {alerts > 0 ? (
          <span
            className="sync-quarantined-badge sync-alerts-badge"
            data-testid="sync-alerts-badge"
            data-count={alerts}
            title={t('sync.alertsBadge', { count: alerts })}
          >
            <span aria-hidden="true">{alerts}</span>
            <span className="visually-hidden">{t('sync.alertsBadge', { count: alerts })}</span>
          </span>
        ) : null}
      </span>
      {showOldest && status?.oldestPendingAgeMs != null ? (
        <span className="sync-indicator-sub" data-testid="sync-oldest-age" data-age-ms={status.oldestPendingAgeMs}>
          {texts.oldest(status.oldestPendingAgeMs)}
        </span>
      ) : null}
      {status?.configured ? (
        <span className="sync-indicator-sub" data-testid="sync-last-sync" data-at={status.lastSyncAt ?? ''}>
          {texts.lastSync(status.lastSyncAt)}
        </span>
      ) : null}
    </>
  );

  const className = `sync-indicator sync-indicator-${state}`;
  const title = failure ? t('sync.statusFailed') : undefined;
  return (
    <>
      {canManage ? (
        <button
          type="button"
          className={className}
          onClick={onOpen}
          title={title ?? t('sync.openPanel')}
          data-testid="sync-indicator"
          data-state={state}
        >
          {body}
        </button>
      ) : (
        <div className={className} title={title} data-testid="sync-indicator" data-state={state}>
          {body}
        </div>
      )}
      {/* Announced once per change of state, not on every poll: the age and counts tick too often. */}
      <span className="visually-hidden" role="status" aria-live="polite">
        {texts.state(state)}
      </span>
    </>
  );
}

/** A strip under the top bar: a wrong clock is the staff's to fix, and it must not hide in a tooltip. */
export function SyncClockWarning() {
  const texts = useSyncTexts();
  const skewMs = useSyncStatusStore((s) => s.status?.clockSkewMs ?? null);
  const skew = clockSkewWarning(skewMs);
  if (!skew) return null;
  return (
    <p
      className="sync-clock-warning no-print"
      role="alert"
      data-testid="sync-clock-warning"
      data-direction={skew.direction}
    >
      {texts.clockWarning(skew)}
    </p>
  );
}
