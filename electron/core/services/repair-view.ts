import type { Role } from '../../../shared/contract/common.schemas';
import type { RepairDetail, RepairEvent, RepairSummary } from '../../../shared/contract/repairs.contract';
import { sumCentavos } from '../../../shared/money';
import { allowedTransitions, isTerminalRepairStatus } from '../../../shared/repair-status';
import type { RepairEventWithUser, RepairOrderListRow } from '../repositories/repair.repository';
import { eventAmount, SUMMED_DETAIL, type SummedEventKind } from './repair-amounts';

/** Who may read a device's unlock code: the people who work on the bench, never the counter. */
export const UNLOCK_SECRET_ROLES: readonly Role[] = ['admin', 'manager', 'technician'];

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function parseDetails(text: string): Record<string, unknown> {
  const value = parseJson(text);
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function parseAccessories(text: string): string[] {
  const value = parseJson(text);
  return Array.isArray(value) ? value.filter((a): a is string => typeof a === 'string') : [];
}

export function isOverdue(row: Pick<RepairOrderListRow, 'promised_at' | 'status'>, nowIso: string): boolean {
  return row.promised_at !== null && row.promised_at < nowIso && !isTerminalRepairStatus(row.status);
}

export function toRepairSummary(row: RepairOrderListRow, nowIso: string): RepairSummary {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    customer: { id: row.customer_id, name: row.customer_name ?? '', phone: row.customer_phone ?? '' },
    deviceType: row.device_type,
    brand: row.brand,
    model: row.model,
    imei: row.imei,
    serial: row.serial,
    technician: row.technician_id ? { id: row.technician_id, name: row.technician_name ?? '' } : null,
    estimate: row.estimate,
    finalPrice: row.final_price,
    promisedAt: row.promised_at,
    overdue: isOverdue(row, nowIso),
    hasUnlockSecret: row.unlock_secret !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toRepairEvent(row: RepairEventWithUser): RepairEvent {
  return {
    id: row.id,
    kind: row.kind,
    fromStatus: row.from_status,
    toStatus: row.to_status,
    details: parseDetails(row.details),
    userId: row.user_id,
    userName: row.user_name ?? '',
    terminalId: row.terminal_id,
    createdAt: row.created_at,
  };
}

function totalOf(timeline: RepairEvent[], kind: SummedEventKind): number {
  return sumCentavos(timeline.filter((e) => e.kind === kind).map((e) => eventAmount(e.details, SUMMED_DETAIL[kind])));
}

export function toRepairDetail(
  row: RepairOrderListRow,
  events: RepairEventWithUser[],
  viewerRole: Role,
  nowIso: string,
): RepairDetail {
  const timeline = events.map(toRepairEvent);
  return {
    ...toRepairSummary(row, nowIso),
    accessories: parseAccessories(row.accessories),
    conditionNotes: row.condition_notes,
    reportedFault: row.reported_fault,
    unlockSecret: UNLOCK_SECRET_ROLES.includes(viewerRole) ? row.unlock_secret : null,
    diagnosis: row.diagnosis,
    estimatePreApproved: row.estimate_pre_approved === 1,
    cancelReason: row.cancel_reason,
    warrantyOf: row.warranty_of,
    deliveredSaleId: row.delivered_sale_id,
    rowVersion: row.row_version,
    allowedTransitions: allowedTransitions(row.status, { estimatePreApproved: row.estimate_pre_approved === 1 }),
    totals: {
      parts: totalOf(timeline, 'part'),
      labor: totalOf(timeline, 'labor'),
      deposits: totalOf(timeline, 'deposit'),
    },
    timeline,
  };
}
