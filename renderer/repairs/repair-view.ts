import { type RepairEvent, TRANSITION_TARGETS } from '../../shared/contract/repairs.contract';
import { intakeCorrectionOf } from '../../shared/repair-intake-correction';
import { isTerminalRepairStatus, type RepairStatus } from '../../shared/repair-status';
import type { Formatters } from '../format/format';
import type { MessageKey, Translate } from '../i18n/i18n';
import { intakeCorrectionText } from './repair-correction-text';

/**
 * The bench board's columns, in the order a device moves across the bench. Delivered and cancelled orders
 * leave the board (the list still finds them).
 */
export const BOARD_COLUMNS = [
  'received',
  'diagnosing',
  'awaiting_approval',
  'approved',
  'in_repair',
  'waiting_parts',
  'repaired',
  'unrepairable',
  'rejected',
  'ready_for_pickup',
] as const satisfies readonly RepairStatus[];

export function statusLabelKey(status: RepairStatus): MessageKey {
  return `repair.status.${status}`;
}

export type TransitionTarget = (typeof TRANSITION_TARGETS)[number];

/** A status `repairs.transition` moves to (approval, rejection and delivery have channels of their own). */
export function isTransitionTarget(status: RepairStatus): status is TransitionTarget {
  return (TRANSITION_TARGETS as readonly RepairStatus[]).includes(status);
}

/** The button that moves an order to `status` (approval, rejection and delivery have forms of their own). */
export function transitionLabelKey(status: RepairStatus): MessageKey {
  return `repair.to.${status}`;
}

/**
 * Overdue: promised for a moment already past, and the device not yet out of the store (delivered) nor the order
 * closed (cancelled). The core answers the same rule with its clock; the screen re-applies it with the
 * terminal's, so a card turns red while the board stays open.
 */
export function isOverdue(promisedAt: string | null, status: RepairStatus, now: Date): boolean {
  if (promisedAt === null || isTerminalRepairStatus(status)) return false;
  const promised = Date.parse(promisedAt);
  return !Number.isNaN(promised) && promised < now.getTime();
}

/** A yyyy-mm-dd from a date input as the end of that day on the terminal's clock, as an ISO instant. */
export function endOfLocalDay(day: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59, 999);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The start of a yyyy-mm-dd on the terminal's clock, as an ISO instant (a list filter's "from"). */
export function startOfLocalDay(day: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function textOf(event: RepairEvent, key: string): string {
  const value = event.details[key];
  return typeof value === 'string' ? value : '';
}

function amountOf(event: RepairEvent, key: string): number | null {
  const value = event.details[key];
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : null;
}

/** What one timeline event says, in words, as the technician reads it ("Estado: Recibido → Diagnosticando"). */
export function timelineText(event: RepairEvent, t: Translate, format: Pick<Formatters, 'money' | 'dateTime'>): string {
  const status = (s: RepairStatus | null) => (s ? t(statusLabelKey(s)) : '');
  const money = (key: string) => {
    const amount = amountOf(event, key);
    return amount === null ? t('repair.timeline.noAmount') : format.money(amount);
  };
  switch (event.kind) {
    case 'intake':
      return t('repair.timeline.intake', { number: textOf(event, 'number') });
    case 'status': {
      const line = t('repair.timeline.status', { from: status(event.fromStatus), to: status(event.toStatus) });
      const reason = textOf(event, 'reason');
      return reason ? `${line} · ${t('repair.timeline.reason', { reason })}` : line;
    }
    case 'diagnosis':
      return t('repair.timeline.diagnosis', { text: textOf(event, 'diagnosis') });
    case 'estimate':
      if ('finalPrice' in event.details) return t('repair.timeline.finalPrice', { amount: money('finalPrice') });
      return event.details.preApproved === true
        ? t('repair.timeline.estimatePreApproved', { amount: money('estimate') })
        : t('repair.timeline.estimate', { amount: money('estimate') });
    case 'approval':
    case 'rejection': {
      const via = textOf(event, 'via');
      const how = via === 'in_person' || via === 'phone' || via === 'whatsapp' || via === 'email' ? via : null;
      return t(event.kind === 'approval' ? 'repair.timeline.approval' : 'repair.timeline.rejection', {
        by: textOf(event, 'by'),
        via: how ? t(`repair.via.${how}`) : via,
      });
    }
    case 'part':
      return t('repair.timeline.part', {
        quantity: amountOf(event, 'quantity') ?? 0,
        name: textOf(event, 'name'),
        total: money('total'),
      });
    case 'labor':
      return t('repair.timeline.labor', { description: textOf(event, 'description'), amount: money('amount') });
    case 'note': {
      // A correction of the intake's data is a note that lists what changed (shared/repair-intake-correction.ts).
      const correction = intakeCorrectionOf(event.details);
      if (correction) return intakeCorrectionText(correction, t, format);
      return t('repair.timeline.note', { text: textOf(event, 'text') });
    }
    case 'assignment': {
      const name = textOf(event, 'technicianName');
      return name ? t('repair.timeline.assigned', { name }) : t('repair.timeline.unassigned');
    }
    case 'deposit':
      return t('repair.timeline.deposit', { amount: money('amount') });
  }
}

/** The device in one line: "Celular Samsung Galaxy A15". */
export function deviceLine(order: { deviceType: string; brand: string; model: string }): string {
  return [order.deviceType, order.brand, order.model].filter((part) => part.trim() !== '').join(' ');
}
