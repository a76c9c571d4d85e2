import type { SyncStatus } from '../../shared/contract/sync.contract';
import type { QuarantineReason } from '../../shared/sync/quarantine-reason';
import type { MessageKey } from '../i18n/i18n';

/** What the indicator shows, in the order a cashier cares about it. */
export type SyncIndicatorState = 'standalone' | 'online' | 'syncing' | 'offline';

/** SYNC.md property 6: central refuses HLCs more than 5 minutes ahead, so past that the staff are told. */
export const CLOCK_SKEW_WARNING_MS = 5 * 60_000;

export function indicatorState(status: SyncStatus): SyncIndicatorState {
  // Standalone is the embedded default, not a fault: it is never shown as offline.
  if (!status.configured) return 'standalone';
  if (!status.online) return 'offline';
  return status.pendingCount > 0 ? 'syncing' : 'online';
}

export type ClockSkew = { direction: 'ahead' | 'behind'; ms: number };

/** A skew worth telling the staff about, or null when the clock is fine or not known yet. */
export function clockSkewWarning(clockSkewMs: number | null): ClockSkew | null {
  if (clockSkewMs === null || Math.abs(clockSkewMs) <= CLOCK_SKEW_WARNING_MS) return null;
  return { direction: clockSkewMs > 0 ? 'ahead' : 'behind', ms: Math.abs(clockSkewMs) };
}

const KIND_LABELS: Readonly<Record<string, MessageKey>> = {
  'sale.complete': 'sync.kind.sale.complete',
  'product.create': 'sync.kind.product.create',
  'product.update': 'sync.kind.product.update',
  'stock.adjust': 'sync.kind.stock.adjust',
  'user.create': 'sync.kind.user.create',
  'audit.record': 'sync.kind.audit.record',
  'terminal.setup': 'sync.kind.terminal.setup',
  'repair.status': 'sync.kind.repair.status',
};

/** The catalog key of a mutation kind, or null for a kind this version does not know (shown raw). */
export function kindLabelKey(kind: string): MessageKey | null {
  return Object.hasOwn(KIND_LABELS, kind) ? (KIND_LABELS[kind] ?? null) : null;
}

/** Alert kinds central raises (db/central/migrations), in the staff's words. serial_sold_twice needs serial units. */
const ALERT_KIND_LABELS: Readonly<Record<string, MessageKey>> = {
  negative_stock: 'sync.alerts.kind.negative_stock',
  serial_sold_twice: 'sync.alerts.kind.serial_sold_twice',
  clock_skew: 'sync.alerts.kind.clock_skew',
  quarantined_mutation: 'sync.alerts.kind.quarantined_mutation',
  credit_limit_exceeded: 'sync.alerts.kind.credit_limit_exceeded',
};

/** The catalog key of an alert kind, or null for a kind a newer central raises that this version does not know. */
export function alertKindLabelKey(kind: string): MessageKey | null {
  return Object.hasOwn(ALERT_KIND_LABELS, kind) ? (ALERT_KIND_LABELS[kind] ?? null) : null;
}

const QUARANTINE_REASON_TEXTS: Readonly<Record<QuarantineReason, MessageKey>> = {
  other_store: 'sync.quarantine.reason.other_store',
  central_only: 'sync.quarantine.reason.central_only',
  over_bounds: 'sync.quarantine.reason.over_bounds',
};

/** The catalog key that says why central refused a mutation, in the staff's words (central migrations 0011, 0012). */
export function quarantineReasonKey(reason: QuarantineReason): MessageKey {
  return QUARANTINE_REASON_TEXTS[reason];
}
