import type { JoinStatus } from '../../shared/contract/app.contract';
import { useFormat } from '../format/format';
import { useT } from '../i18n/i18n';
import { joinFraction, tableLabelKey } from './join-texts';

/** The copy from central as it goes: what it is doing, the table in words, and a bar of rows copied. */
export function JoinProgress({ status }: { status: JoinStatus }) {
  const t = useT();
  const format = useFormat();
  const done = status.phase === 'done';
  const fraction = done ? 1 : joinFraction(status);
  const labelKey = status.table ? tableLabelKey(status.table) : null;
  const table = status.table ? (labelKey ? t(labelKey) : status.table) : '';

  let step: string;
  if (done) step = t('join.done', { store: status.storeName ?? '' });
  else if (status.step === 'copying' && status.table) step = t('join.step.copying', { table });
  else if (status.step === 'counting') step = t('join.step.counting');
  else if (status.step === 'finishing') step = t('join.step.finishing');
  else step = t('join.step.connecting');

  const rows =
    status.totalRows === null
      ? t('join.rowsNoTotal', { rows: format.integer(status.rowsSoFar) })
      : t('join.rows', { rows: format.integer(status.rowsSoFar), total: format.integer(status.totalRows) });

  return (
    <section className="join-progress" aria-live="polite" data-testid="join-progress" data-phase={status.phase}>
      <h2>{done ? t('join.title.done') : t('join.title.running')}</h2>
      <p className="join-step" data-testid="join-step" data-table={status.table ?? ''}>
        {step}
      </p>
      {/* Without a value the bar is indeterminate: central could not count its rows. */}
      <progress
        className="join-bar"
        max={1}
        value={fraction ?? undefined}
        aria-label={t('join.title.running')}
        data-testid="join-bar"
      />
      <p className="join-rows muted" data-testid="join-rows">
        {rows}
        {status.step === 'copying' && status.table ? (
          <span className="join-table-rows">
            {' · '}
            {status.tableTotal === null
              ? t('join.tableRowsNoTotal', { table, rows: format.integer(status.tableRows) })
              : t('join.tableRows', {
                  table,
                  rows: format.integer(status.tableRows),
                  total: format.integer(status.tableTotal),
                })}
          </span>
        ) : null}
      </p>
    </section>
  );
}
