import type { RepairEvent } from '../../shared/contract/repairs.contract';
import { useFormat } from '../format/format';
import { useT } from '../i18n/i18n';
import { timelineText } from './repair-view';

/** Every change to the order, oldest first: when (24 h), who, what. */
export function RepairTimeline({ events }: { events: readonly RepairEvent[] }) {
  const t = useT();
  const format = useFormat();
  return (
    <section className="card repair-timeline" aria-labelledby="repair-timeline-title">
      <h3 id="repair-timeline-title">{t('repair.timeline.title')}</h3>
      <ol className="repair-timeline-list" data-testid="repair-timeline">
        {events.map((event) => (
          <li key={event.id} className="repair-timeline-item" data-testid="repair-timeline-item" data-kind={event.kind}>
            <time className="repair-timeline-when" dateTime={event.createdAt}>
              {format.dateTime(event.createdAt)}
            </time>
            <span className="repair-timeline-who">{event.userName}</span>
            <span className="repair-timeline-what" data-testid="repair-timeline-text">
              {timelineText(event, t, format)}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
