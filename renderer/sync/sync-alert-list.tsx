import { useCallback, useEffect, useRef, useState } from 'react';
import type { ResponseOf } from '../../shared/contract/index';
import type { CentralAlert } from '../../shared/contract/sync.contract';
import { call } from '../bridge/techstore-bridge';
import { useFormat } from '../format/format';
import { useT } from '../i18n/i18n';
import { useSyncFormat } from './sync-format';
import { useSyncStatusStore } from './sync-status.store';
import { useSyncTexts } from './sync-texts';
import { alertKindLabelKey, clockSkewWarning } from './sync-view';

type AlertList = ResponseOf<'sync.alerts'>;
type ListState = { phase: 'loading' } | { phase: 'failed' } | { phase: 'ready'; list: AlertList };

interface SyncAlertListProps {
  /** The polled count of unseen alerts and the last sync: when either changes, the list is read again. */
  openCount: number;
  lastSyncAt: string | null;
}

/**
 * SYNC.md property 3: what a completed sale breaks is shown to a manager. The list is this terminal's copy as of
 * its last sync, so it shows offline too; "Marcar como vista" is recorded here and reaches central on the next
 * sync (and the other terminals after theirs).
 */
export function SyncAlertList({ openCount, lastSyncAt }: SyncAlertListProps) {
  const t = useT();
  const format = useFormat();
  const syncFormat = useSyncFormat();
  const texts = useSyncTexts();
  const [state, setState] = useState<ListState>({ phase: 'loading' });
  const [busyId, setBusyId] = useState<number | null>(null);
  const [failedId, setFailedId] = useState<number | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const load = useCallback(async (isCurrent: () => boolean) => {
    const result = await call('sync.alerts', {});
    if (isCurrent()) setState(result.ok ? { phase: 'ready', list: result.value } : { phase: 'failed' });
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the polled count and sync time say when to look again.
  useEffect(() => {
    let current = true;
    void load(() => current);
    return () => {
      current = false;
    };
  }, [load, openCount, lastSyncAt]);

  async function acknowledge(alert: CentralAlert) {
    setBusyId(alert.id);
    setFailedId(null);
    const result = await call('sync.acknowledgeAlert', { id: alert.id });
    setBusyId(null);
    if (!result.ok) {
      setFailedId(alert.id);
      return;
    }
    setState((s) =>
      s.phase === 'ready'
        ? {
            phase: 'ready',
            list: { ...s.list, items: s.list.items.map((a) => (a.id === alert.id ? result.value : a)) },
          }
        : s,
    );
    // The button is gone: focus stays in the section rather than falling to the page, and the badge updates now.
    heading.current?.focus();
    void useSyncStatusStore.getState().refresh();
  }

  const kindText = (kind: string) => {
    const key = alertKindLabelKey(kind);
    return key === null ? kind : t(key);
  };

  const subject = (alert: CentralAlert): string => {
    const terminal = alert.terminalCode ?? '?';
    if (alert.kind === 'clock_skew' && alert.clockSkewMs !== null) {
      const skew = clockSkewWarning(alert.clockSkewMs);
      const amount = syncFormat.amount(Math.abs(alert.clockSkewMs));
      return t(skew?.direction === 'behind' ? 'sync.alerts.clockBehind' : 'sync.alerts.clockAhead', {
        terminal,
        amount,
      });
    }
    if (alert.kind === 'quarantined_mutation')
      return t('sync.alerts.quarantined', {
        terminal,
        error: texts.quarantineError(alert.error ?? '', alert.quarantineReason),
      });
    if (alert.customer) {
      const { name, balance, creditLimit, stores } = alert.customer;
      return t('sync.alerts.credit', {
        name,
        balance: balance === null ? '?' : format.money(balance),
        limit: creditLimit === null ? '?' : format.money(creditLimit),
        stores: stores.join(', '),
        terminal,
      });
    }
    if (alert.product) return t('sync.alerts.product', { name: alert.product.name, sku: alert.product.sku });
    return alert.kind === 'negative_stock' ? t('sync.alerts.productUnknown') : t('sync.detail.none');
  };

  return (
    <section className="sync-card" aria-labelledby="sync-alerts-title" data-testid="sync-alerts">
      <h2 id="sync-alerts-title" ref={heading} tabIndex={-1}>
        {t('sync.alerts.title')}
      </h2>
      <p className="muted">{t('sync.alerts.explain')}</p>
      {state.phase === 'failed' ? (
        <p className="form-error" role="alert">
          {t('sync.alerts.loadFailed')}
        </p>
      ) : null}
      {state.phase === 'ready' ? (
        <p className="muted" data-testid="sync-alerts-as-of" data-at={state.list.asOf ?? ''}>
          {state.list.asOf === null
            ? t('sync.alerts.neverFetched')
            : t('sync.alerts.asOf', { time: syncFormat.when(state.list.asOf, new Date()) })}
        </p>
      ) : null}
      {state.phase === 'ready' && state.list.items.length === 0 ? (
        <p data-testid="sync-alerts-empty">{t('sync.alerts.empty')}</p>
      ) : null}
      {state.phase === 'ready' && state.list.items.length > 0 ? (
        <table className="sync-quarantine-table" data-testid="sync-alert-list">
          <thead>
            <tr>
              <th scope="col">{t('sync.alerts.kind')}</th>
              <th scope="col">{t('sync.alerts.subject')}</th>
              <th scope="col">{t('sync.alerts.date')}</th>
              <th scope="col">{t('sync.alerts.status')}</th>
            </tr>
          </thead>
          <tbody>
            {state.list.items.map((alert) => {
              const ack = alert.acknowledgement;
              return (
                <tr
                  key={alert.id}
                  data-testid="sync-alert-item"
                  data-alert-id={alert.id}
                  data-kind={alert.kind}
                  data-state={ack === null ? 'open' : ack.pending ? 'pending' : 'seen'}
                >
                  <td data-testid="sync-alert-kind">{kindText(alert.kind)}</td>
                  <td data-testid="sync-alert-subject">
                    {subject(alert)}
                    {alert.kind === 'negative_stock' && alert.onHand !== null ? (
                      <span className="muted sync-alert-on-hand">
                        {' · '}
                        {t('sync.alerts.onHand', { count: format.integer(alert.onHand) })}
                      </span>
                    ) : null}
                  </td>
                  <td>{syncFormat.dateTime(alert.createdAt)}</td>
                  <td data-testid="sync-alert-status">
                    {ack === null ? (
                      <>
                        <span>{t('sync.alerts.open')}</span>{' '}
                        <button
                          type="button"
                          className="button-secondary"
                          onClick={() => void acknowledge(alert)}
                          disabled={busyId === alert.id}
                          aria-label={t('sync.alerts.acknowledgeLabel', {
                            kind: kindText(alert.kind),
                            subject: subject(alert),
                          })}
                          data-testid="sync-alert-acknowledge"
                        >
                          {busyId === alert.id ? t('sync.alerts.acknowledging') : t('sync.alerts.acknowledge')}
                        </button>
                        {failedId === alert.id ? (
                          <span className="form-error" role="alert">
                            {t('sync.alerts.acknowledgeFailed')}
                          </span>
                        ) : null}
                      </>
                    ) : (
                      t(ack.pending ? 'sync.alerts.seenPending' : 'sync.alerts.seenBy', {
                        name: ack.by,
                        terminal: ack.terminalCode ?? '?',
                        time: syncFormat.when(ack.at, new Date()),
                      })
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
