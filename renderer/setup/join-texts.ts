import type { JoinFailureReason, JoinStatus } from '../../shared/contract/app.contract';
import type { MessageKey } from '../i18n/i18n';

/** The replicated tables in the staff's words; a table added later shows its own name until it gets one. */
const TABLE_LABELS: Readonly<Record<string, MessageKey>> = {
  users: 'join.table.users',
  products: 'join.table.products',
  product_barcodes: 'join.table.product_barcodes',
  customers: 'join.table.customers',
  sales: 'join.table.sales',
  sale_lines: 'join.table.sale_lines',
  payments: 'join.table.payments',
  stock_movements: 'join.table.stock_movements',
  audit_events: 'join.table.audit_events',
  customer_account_entries: 'join.table.customer_account_entries',
  repair_orders: 'join.table.repair_orders',
  repair_events: 'join.table.repair_events',
  store_profiles: 'join.table.store_profiles',
};

export function tableLabelKey(table: string): MessageKey | null {
  return Object.hasOwn(TABLE_LABELS, table) ? (TABLE_LABELS[table] ?? null) : null;
}

export const FAILURE_MESSAGES: Record<JoinFailureReason, MessageKey> = {
  unreachable: 'join.failed.unreachable',
  'wrong-password': 'join.failed.wrong-password',
  revoked: 'join.failed.revoked',
  'no-database': 'join.failed.no-database',
  'terminal-refused': 'join.failed.terminal-refused',
  interrupted: 'join.failed.interrupted',
  other: 'join.failed.other',
};

/** Worth trying again with the same text: the link or central may come back. Not when central refused the login. */
export function retryable(reason: JoinFailureReason): boolean {
  return reason === 'unreachable' || reason === 'interrupted' || reason === 'other';
}

/** 0..1 of the whole copy, or null when central could not count its rows (the bar is then indeterminate). */
export function joinFraction(status: Pick<JoinStatus, 'rowsSoFar' | 'totalRows'>): number | null {
  if (status.totalRows === null) return null;
  if (status.totalRows === 0) return 1;
  return Math.min(1, status.rowsSoFar / status.totalRows);
}
