import { describe, expect, it } from 'vitest';
import { makeFormatters } from '../../../renderer/format/format';
import { en } from '../../../renderer/i18n/en';
import { esAR } from '../../../renderer/i18n/es-AR';
import { translate } from '../../../renderer/i18n/i18n';
import { imeiFeedback } from '../../../renderer/repairs/repair-intake.model';
import {
  BOARD_COLUMNS,
  isOverdue,
  isTransitionTarget,
  statusLabelKey,
  timelineText,
  transitionLabelKey,
} from '../../../renderer/repairs/repair-view';
import type { RepairEvent } from '../../../shared/contract/repairs.contract';
import { REPAIR_STATUSES, type RepairStatus } from '../../../shared/repair-status';

describe('repair status labels', () => {
  it.each<[RepairStatus, string, string]>([
    ['received', 'Recibido', 'Received'],
    ['diagnosing', 'Diagnosticando', 'Diagnosing'],
    ['awaiting_approval', 'Esperando aprobación', 'Awaiting approval'],
    ['approved', 'Aprobado', 'Approved'],
    ['in_repair', 'En reparación', 'In repair'],
    ['waiting_parts', 'Esperando repuestos', 'Waiting for parts'],
    ['repaired', 'Reparado', 'Repaired'],
    ['unrepairable', 'Irreparable', 'Unrepairable'],
    ['rejected', 'Rechazado', 'Rejected'],
    ['ready_for_pickup', 'Listo para retirar', 'Ready for pickup'],
    ['delivered', 'Entregado', 'Delivered'],
    ['cancelled', 'Cancelado', 'Cancelled'],
  ])('%s reads "%s" in es-AR and "%s" in English', (status, spanish, english) => {
    expect(esAR[statusLabelKey(status)]).toBe(spanish);
    expect(en[statusLabelKey(status)]).toBe(english);
  });

  it('every status has a label and a button text in both languages, none left untranslated', () => {
    for (const status of REPAIR_STATUSES) {
      for (const key of [statusLabelKey(status), transitionLabelKey(status)]) {
        expect(esAR[key]).toBeTruthy();
        expect(en[key]).toBeTruthy();
      }
    }
  });

  it('the board has a column per open status, in bench order, and never delivered or cancelled', () => {
    expect(BOARD_COLUMNS.map((s) => esAR[statusLabelKey(s)])).toEqual([
      'Recibido',
      'Diagnosticando',
      'Esperando aprobación',
      'Aprobado',
      'En reparación',
      'Esperando repuestos',
      'Reparado',
      'Irreparable',
      'Rechazado',
      'Listo para retirar',
    ]);
  });

  it('approval, rejection and delivery are not plain transition buttons', () => {
    expect(REPAIR_STATUSES.filter((s) => !isTransitionTarget(s))).toEqual([
      'received',
      'approved',
      'rejected',
      'delivered',
    ]);
  });
});

describe('the overdue rule', () => {
  const now = new Date('2026-11-27T15:00:00.000Z');
  it.each<[string | null, RepairStatus, boolean]>([
    [null, 'in_repair', false], // nothing promised, nothing late
    ['2026-11-27T14:59:00.000Z', 'in_repair', true],
    ['2026-11-27T15:00:00.000Z', 'in_repair', false], // due this very minute is not yet late
    ['2026-11-28T09:00:00.000Z', 'received', false],
    ['2026-11-20T09:00:00.000Z', 'ready_for_pickup', true], // waiting on the shelf past the date still counts
    ['2026-11-20T09:00:00.000Z', 'delivered', false],
    ['2026-11-20T09:00:00.000Z', 'cancelled', false],
    ['not a date', 'in_repair', false],
  ])('promised %s, %s: overdue %s', (promisedAt, status, expected) => {
    expect(isOverdue(promisedAt, status, now)).toBe(expected);
  });
});

describe('timeline lines', () => {
  const event = (
    kind: RepairEvent['kind'],
    details: Record<string, unknown>,
    from: RepairStatus | null = null,
    to: RepairStatus | null = null,
  ): RepairEvent => ({
    id: '0190a0b0-0000-7000-8000-000000000001',
    kind,
    fromStatus: from,
    toStatus: to,
    details,
    userId: '0190a0b0-0000-7000-8000-000000000002',
    userName: 'Lucía',
    terminalId: '0190a0b0-0000-7000-8000-000000000003',
    createdAt: '2026-11-27T15:00:00.000Z',
  });
  const es = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate('es-AR', key, params);
  const english = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate('en', key, params);
  const moneyEs = makeFormatters('es-AR');
  const moneyEn = makeFormatters('en');

  it.each<[RepairEvent, string, string]>([
    [
      event('status', {}, 'received', 'diagnosing'),
      'Estado: Recibido → Diagnosticando',
      'Status: Received → Diagnosing',
    ],
    [
      event('status', { reason: 'El cliente no volvió' }, 'diagnosing', 'cancelled'),
      'Estado: Diagnosticando → Cancelado · Motivo: El cliente no volvió',
      'Status: Diagnosing → Cancelled · Reason: El cliente no volvió',
    ],
    [
      event('estimate', { estimate: 4_500_000, previous: null, preApproved: false }),
      `Presupuesto: ${moneyEs.money(4_500_000)}`,
      `Estimate: ${moneyEn.money(4_500_000)}`,
    ],
    [
      event('estimate', { finalPrice: 5_000_000, previous: null }),
      `Precio final: ${moneyEs.money(5_000_000)}`,
      `Final price: ${moneyEn.money(5_000_000)}`,
    ],
    [
      event('approval', { by: 'Juan', via: 'whatsapp', note: '' }, 'awaiting_approval', 'approved'),
      'Aprobado por Juan (WhatsApp)',
      'Approved by Juan (WhatsApp)',
    ],
    [
      event('rejection', { by: 'Juan', via: 'phone', note: '' }),
      'Rechazado por Juan (Teléfono)',
      'Rejected by Juan (Phone)',
    ],
    [
      event('part', { name: 'Módulo pantalla A15', quantity: 1, total: 3_000_000 }),
      `Repuesto: 1 × Módulo pantalla A15 (${moneyEs.money(3_000_000)})`,
      `Part: 1 × Módulo pantalla A15 (${moneyEn.money(3_000_000)})`,
    ],
    [event('assignment', { technicianName: 'Diego' }), 'Asignada a Diego', 'Assigned to Diego'],
    [event('assignment', { technicianName: null }), 'Sin técnico asignado', 'Unassigned'],
    [event('deposit', { amount: 'x' }), 'Seña: sin importe', 'Deposit: no amount'], // a bad synced row never prints NaN
  ])('%#: %s', (e, spanish, inEnglish) => {
    expect(timelineText(e, es, moneyEs)).toBe(spanish);
    expect(timelineText(e, english, moneyEn)).toBe(inEnglish);
  });
});

describe('the IMEI field as it is typed', () => {
  it.each([
    ['', 'empty'],
    ['35209900', 'typing'],
    ['35 209900 176148 1', 'ok'],
    ['352099001761482', 'check_digit'],
    ['35209900176148a', 'format'],
    ['3520990017614811', 'format'],
  ])('%j is %s', (typed, state) => {
    expect(imeiFeedback(typed)).toBe(state);
  });
});
