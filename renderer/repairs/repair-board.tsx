import { useEffect, useState } from 'react';
import type { RepairSummary } from '../../shared/contract/repairs.contract';
import { call } from '../bridge/techstore-bridge';
import { useFormat } from '../format/format';
import { errorMessage } from '../i18n/error-message';
import { useT } from '../i18n/i18n';
import { RepairCard } from './repair-card';
import { BOARD_COLUMNS, statusLabelKey } from './repair-view';

const BOARD_LIMIT = 200;

interface BoardData {
  items: RepairSummary[];
  counts: Partial<Record<string, number>>;
  overdue: number;
}

/** A column per status of an open order, with its count; the newest order on top of each column. */
export function RepairBoard({ onOpen, reloadKey }: { onOpen: (id: string) => void; reloadKey: number }) {
  const t = useT();
  const format = useFormat();
  const [data, setData] = useState<BoardData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => new Date());

  // biome-ignore lint/correctness/useExhaustiveDependencies: reloadKey is a trigger, the board reloads after a change
  useEffect(() => {
    let stale = false;
    void call('repairs.list', { statuses: [...BOARD_COLUMNS], limit: BOARD_LIMIT }).then((result) => {
      if (stale) return;
      if (result.ok) {
        setData(result.value);
        setError(null);
      } else setError(errorMessage(t, result));
      setNow(new Date());
    });
    return () => {
      stale = true;
    };
  }, [reloadKey, t]);

  // Overdue is a matter of time: the board re-reads the clock every minute.
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 60_000);
    return () => window.clearInterval(timer);
  }, []);

  return (
    <section className="repair-board-wrap" data-testid="repair-board" aria-busy={data === null}>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {data && data.overdue > 0 ? (
        <p className="notice notice-warning" data-testid="repair-board-overdue">
          {t('repair.board.overdue', { count: format.integer(data.overdue) })}
        </p>
      ) : null}
      <div className="repair-board">
        {BOARD_COLUMNS.map((status) => {
          const orders = data?.items.filter((o) => o.status === status) ?? [];
          return (
            <section
              key={status}
              className="repair-column"
              data-testid="repair-column"
              data-status={status}
              aria-label={t(statusLabelKey(status))}
            >
              <h3 className="repair-column-title">
                <span>{t(statusLabelKey(status))}</span>
                <span className="badge" data-testid="repair-column-count">
                  {format.integer(data?.counts[status] ?? 0)}
                </span>
              </h3>
              <div className="repair-column-cards">
                {orders.map((order) => (
                  <RepairCard key={order.id} order={order} now={now} onOpen={onOpen} />
                ))}
              </div>
            </section>
          );
        })}
      </div>
    </section>
  );
}
