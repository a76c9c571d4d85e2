import type { RepairStatus } from '../../shared/repair-status';
import { useT } from '../i18n/i18n';
import { statusLabelKey } from './repair-view';

/** The order's status in words, coloured by status (app.css `.repair-status-<status>`). */
export function RepairStatusBadge({ status, testId }: { status: RepairStatus; testId?: string }) {
  const t = useT();
  return (
    <span className={`badge repair-status repair-status-${status}`} data-status={status} data-testid={testId}>
      {t(statusLabelKey(status))}
    </span>
  );
}
