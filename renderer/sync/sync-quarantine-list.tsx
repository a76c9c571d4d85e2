import { useEffect, useState } from 'react';
import type { ResponseOf } from '../../shared/contract/index';
import { call } from '../bridge/techstore-bridge';
import { useT } from '../i18n/i18n';
import { useSyncFormat } from './sync-format';
import { useSyncTexts } from './sync-texts';

type QuarantinedItems = ResponseOf<'sync.quarantined'>['items'];
type ListState = { phase: 'loading' } | { phase: 'failed' } | { phase: 'ready'; items: QuarantinedItems };

/**
 * SYNC.md property 3: a mutation central cannot apply stays visible until resolved. Reloaded whenever the
 * polled count changes, so a new quarantine shows without leaving the screen.
 */
export function SyncQuarantineList({ count }: { count: number }) {
  const t = useT();
  const syncFormat = useSyncFormat();
  const texts = useSyncTexts();
  const [list, setList] = useState<ListState>({ phase: 'loading' });

  useEffect(() => {
    // The polled count says when to look again; none quarantined needs no call at all.
    if (count === 0) {
      setList({ phase: 'ready', items: [] });
      return;
    }
    let current = true;
    void call('sync.quarantined', {}).then((result) => {
      if (current) setList(result.ok ? { phase: 'ready', items: result.value.items } : { phase: 'failed' });
    });
    return () => {
      current = false;
    };
  }, [count]);

  return (
    <section className="sync-card" aria-labelledby="sync-quarantine-title" data-testid="sync-quarantine">
      <h2 id="sync-quarantine-title">{t('sync.quarantine.title')}</h2>
      <p className="muted">{t('sync.quarantine.explain')}</p>
      {list.phase === 'failed' ? (
        <p className="form-error" role="alert">
          {t('sync.quarantine.loadFailed')}
        </p>
      ) : null}
      {list.phase === 'ready' && list.items.length === 0 ? (
        <p data-testid="sync-quarantine-empty">{t('sync.quarantine.empty')}</p>
      ) : null}
      {list.phase === 'ready' && list.items.length > 0 ? (
        <table className="sync-quarantine-table" data-testid="sync-quarantine-list">
          <thead>
            <tr>
              <th scope="col">{t('sync.quarantine.kind')}</th>
              <th scope="col">{t('sync.quarantine.date')}</th>
              <th scope="col">{t('sync.quarantine.error')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((item) => (
              <tr key={item.mutationId} data-testid="sync-quarantine-item" data-mutation-id={item.mutationId}>
                <td data-testid="sync-quarantine-kind" data-kind={item.kind}>
                  {texts.kind(item.kind)}
                </td>
                <td>{syncFormat.dateTime(item.createdAt)}</td>
                <td
                  className="sync-quarantine-error"
                  data-testid="sync-quarantine-error"
                  data-reason={item.reason ?? ''}
                >
                  {texts.quarantineError(item.error, item.reason)}
                  {item.reason === null ? null : (
                    <small className="muted sync-quarantine-detail" data-testid="sync-quarantine-detail">
                      {t('sync.quarantine.centralSaid', { error: item.error })}
                    </small>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
