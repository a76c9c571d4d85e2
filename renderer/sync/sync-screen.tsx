import { useEffect, useRef } from 'react';
import { useT } from '../i18n/i18n';
import { SyncAlertList } from './sync-alert-list';
import { SyncConnectForm } from './sync-connect-form';
import { SyncQuarantineList } from './sync-quarantine-list';
import { useSyncStatusStore } from './sync-status.store';
import { SyncStatusDetail } from './sync-status-detail';

/**
 * The sync panel for admins and managers: status in detail, central's alerts, quarantined mutations, and (admins)
 * connecting.
 */
export function SyncScreen({ isAdmin }: { isAdmin: boolean }) {
  const t = useT();
  const status = useSyncStatusStore((s) => s.status);
  const failure = useSyncStatusStore((s) => s.failure);
  const heading = useRef<HTMLHeadingElement>(null);

  // The top bar polls; opening the panel reads at once rather than showing a reading up to a poll old.
  // Focus starts on the heading, so a keyboard user who opened the panel tabs on through it from the top.
  useEffect(() => {
    void useSyncStatusStore.getState().refresh();
    heading.current?.focus();
  }, []);

  return (
    <div className="sync-screen" data-testid="sync-screen">
      <h1 ref={heading} tabIndex={-1} className="sync-screen-title">
        {t('sync.title')}
      </h1>
      {failure ? (
        <p className="form-error" role="alert">
          {t('sync.statusFailed')}
        </p>
      ) : null}
      {status ? (
        <div className="sync-columns">
          <div className="sync-column">
            <SyncStatusDetail status={status} />
            {isAdmin ? <SyncConnectForm configured={status.configured} /> : null}
          </div>
          <div className="sync-column">
            {status.configured ? (
              <SyncAlertList openCount={status.openAlertCount} lastSyncAt={status.lastSyncAt} />
            ) : null}
            <SyncQuarantineList count={status.quarantinedCount} />
          </div>
        </div>
      ) : (
        <p className="muted">{t('app.loading')}</p>
      )}
    </div>
  );
}
