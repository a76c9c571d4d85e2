import type { Selectable } from 'kysely';
import type { LocalDatabase } from '../../../db/local/local-schema';
import type { CentralAlert } from '../../../shared/contract/sync.contract';
import { quarantineReasonOf } from '../../../shared/sync/quarantine-reason';

export type CentralAlertRow = Selectable<LocalDatabase['central_alerts']>;
export type AlertProduct = { id: string; sku: string; name: string };

function parseDetails(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

function integerOrNull(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) ? n : null;
}

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function textsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : [];
}

/** A credit alert's customer as central recorded it (0006, 0010); undefined for any other alert. */
function creditCustomer(row: CentralAlertRow, details: Record<string, unknown>): CentralAlert['customer'] {
  if (row.kind !== 'credit_limit_exceeded' || row.entity_table !== 'customers' || row.entity_id === null)
    return undefined;
  return {
    id: row.entity_id,
    name: textOrNull(details.customer) ?? '',
    balance: integerOrNull(details.balance),
    creditLimit: integerOrNull(details.credit_limit),
    stores: textsOf(details.stores),
  };
}

/**
 * A cached alert as the panel shows it. Central's details are its own JSON: only the fields a kind is known to
 * carry are read, each checked, so an alert from a newer central still shows (with less said about it).
 * Central's acknowledgement wins over one recorded here and not yet sent.
 */
export function toCentralAlert(
  row: CentralAlertRow,
  product: AlertProduct | null,
  ownTerminalCode: string,
): CentralAlert {
  const details = parseDetails(row.details);
  const acknowledgement =
    row.acknowledged_at !== null
      ? {
          at: row.acknowledged_at,
          by: row.acknowledged_by ?? '',
          terminalCode: row.acknowledged_terminal,
          note: row.acknowledgement_note,
          pending: false,
        }
      : row.ack_requested_at !== null
        ? {
            at: row.ack_requested_at,
            by: row.ack_requested_by ?? '',
            terminalCode: ownTerminalCode,
            note: row.ack_note,
            pending: true,
          }
        : null;
  const customer = creditCustomer(row, details);
  return {
    id: row.id,
    kind: row.kind,
    createdAt: row.created_at,
    product: row.entity_table === 'products' ? product : null,
    // A chain credit alert names the terminal of its last over-limit charge (`<store>/<terminal>`, 0010).
    terminalCode: (customer ? textOrNull(details.last_terminal) : null) ?? textOrNull(details.terminal),
    onHand: integerOrNull(details.on_hand),
    clockSkewMs: integerOrNull(details.skew_ms),
    error: textOrNull(details.error),
    quarantineReason: row.kind === 'quarantined_mutation' ? quarantineReasonOf(textOrNull(details.error)) : null,
    ...(customer ? { customer } : {}),
    acknowledgement,
  };
}
