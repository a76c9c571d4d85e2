import type { ColumnType, Generated } from 'kysely';

/**
 * Row types of the terminal's SQLite store, as Kysely sees them. Only `LocalDatabase` names these interfaces;
 * code elsewhere uses `Selectable<LocalDatabase['products']>` and friends.
 *
 * Conventions: ids are UUIDv7 text; money is integer centavos; booleans are 0/1 integers; times are ISO-8601
 * UTC text; `hlc` is the hybrid logical clock of the write that produced the row (shared/hlc.ts).
 */
type Bool = 0 | 1;

interface SettingsTable {
  key: string;
  /** JSON text. */
  value: string;
  updated_at: string;
}

interface UsersTable {
  id: string;
  name: string;
  role: 'admin' | 'manager' | 'cashier' | 'technician';
  pin_hash: string;
  /** The user's home store; NULL for a chain-wide admin created at central (local migration 0007). */
  store_id: string | null;
  archived: Bool;
  created_at: string;
  updated_at: string;
  row_version: number;
  hlc: string;
  /** JSON: column -> HLC of the write that set it (per-column last-writer-wins). */
  col_hlc: ColumnType<string, string | undefined, string>;
  /** The central row_version this row last took from a pulled image; 0 = never synced. */
  central_version: ColumnType<number, number | undefined, number>;
}

interface ProductsTable {
  id: string;
  sku: string;
  name: string;
  brand: string;
  category: string;
  price: number;
  cost: number;
  iva_rate_bp: number;
  min_stock: number;
  serial_tracked: Bool;
  archived: Bool;
  created_at: string;
  updated_at: string;
  row_version: number;
  hlc: string;
  /** JSON: column -> HLC of the write that set it (per-column last-writer-wins). */
  col_hlc: ColumnType<string, string | undefined, string>;
  /** The central row_version this row last took from a pulled image; 0 = never synced. */
  central_version: ColumnType<number, number | undefined, number>;
}

interface ProductBarcodesTable {
  id: string;
  product_id: string;
  code: string;
  archived: Bool;
  created_at: string;
  updated_at: string;
  row_version: number;
  hlc: string;
  /** JSON: column -> HLC of the write that set it (per-column last-writer-wins). */
  col_hlc: ColumnType<string, string | undefined, string>;
  /** The central row_version this row last took from a pulled image; 0 = never synced. */
  central_version: ColumnType<number, number | undefined, number>;
}

export type StockMovementReason = 'sale' | 'return' | 'receipt' | 'adjustment' | 'transfer' | 'repair_part' | 'count';

interface StockMovementsTable {
  id: string;
  product_id: string;
  store_id: string;
  quantity: number;
  reason: StockMovementReason;
  sale_id: string | null;
  note: string;
  user_id: string | null;
  terminal_id: string;
  created_at: string;
  hlc: string;
}

interface SalesTable {
  id: string;
  number: string;
  sequence: number;
  store_id: string;
  terminal_id: string;
  terminal_code: string;
  user_id: string;
  customer_id: string | null;
  total: number;
  created_at: string;
  hlc: string;
}

interface SaleLinesTable {
  id: string;
  sale_id: string;
  line_no: number;
  product_id: string;
  sku: string;
  description: string;
  quantity: number;
  unit_price: number;
  line_total: number;
  iva_rate_bp: number;
  line_net: number;
  line_iva: number;
}

export type PaymentMethod = 'cash' | 'debit_card' | 'credit_card' | 'transfer' | 'customer_account';

interface PaymentsTable {
  id: string;
  sale_id: string;
  method: PaymentMethod;
  amount: number;
  tendered: number | null;
  change: number | null;
  reference: string | null;
  created_at: string;
}

interface AuditEventsTable {
  id: string;
  user_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  /** JSON text. */
  details: string;
  terminal_id: string;
  created_at: string;
  hlc: string;
}

interface OutboxTable {
  seq: Generated<number>;
  mutation_id: string;
  kind: string;
  /** JSON text: everything central needs to apply the mutation. */
  payload: string;
  hlc: string;
  created_at: string;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  quarantined: ColumnType<Bool, Bool | undefined, Bool>;
}

interface SyncStateTable {
  only_row: 1;
  /** The terminal's own central login (SYNC.md): set when a manager connects the terminal. */
  connection_text: string | null;
  /** The push fence: central has applied every outbox mutation up to this seq. */
  acked_seq: number;
  /** The pull cursor (txid, seq) of central's change feed. */
  cursor_txid: string;
  cursor_seq: number;
  central_hlc: string | null;
  clock_skew_ms: number | null;
  last_push_at: string | null;
  last_pull_at: string | null;
  last_error: string | null;
  repairing: 0 | 1;
  /** When the alert cache last took central's list (null: never). */
  alerts_fetched_at: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A cached central alert of this terminal's store; see db/local/migrations/0003_central_alerts.ts. */
interface CentralAlertsTable {
  /** Central's id. */
  id: number;
  kind: string;
  entity_table: string | null;
  entity_id: string | null;
  /** JSON text, as central wrote it. */
  details: string;
  created_at: string;
  /** Central's acknowledgement; null while the alert is open there. */
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  acknowledged_terminal: string | null;
  acknowledgement_note: string | null;
  /** A manager's acknowledgement on this terminal, kept until central confirms it. */
  ack_requested_at: string | null;
  ack_requested_by: string | null;
  ack_requested_user_id: string | null;
  ack_note: string | null;
}

export type TaxIdKind = 'dni' | 'cuit';

/** A customer; see db/local/migrations/0004_customers.ts. Mutable: merged per column like products. */
interface CustomersTable {
  id: string;
  name: string;
  tax_id_kind: TaxIdKind | null;
  /** Digits only; not unique in the schema (sync may bring duplicates), the service refuses new ones. */
  tax_id: string | null;
  phone: string;
  email: string;
  address: string;
  notes: string;
  /** Centavos; null means no limit. */
  credit_limit: number | null;
  archived: Bool;
  created_at: string;
  updated_at: string;
  row_version: number;
  hlc: string;
  /** JSON: column -> HLC of the write that set it (per-column last-writer-wins). */
  col_hlc: ColumnType<string, string | undefined, string>;
  /** The central row_version this row last took from a pulled image; 0 = never synced. */
  central_version: ColumnType<number, number | undefined, number>;
  /** Generated by SQLite: the DNI, or the DNI inside a person's CUIT/CUIL. Never written. */
  tax_dni: ColumnType<string | null, never, never>;
}

export type AccountEntryKind = 'charge' | 'payment' | 'adjustment';
export type AccountPaymentMethod = 'cash' | 'debit_card' | 'credit_card' | 'transfer';

/** The cuenta corriente ledger: append-only; `amount` is the signed effect on the balance. */
interface CustomerAccountEntriesTable {
  id: string;
  customer_id: string;
  kind: AccountEntryKind;
  amount: number;
  /** Payments only. */
  method: AccountPaymentMethod | null;
  reference: string | null;
  sale_id: string | null;
  repair_order_id: string | null;
  note: string;
  user_id: string;
  store_id: string;
  terminal_id: string;
  created_at: string;
  hlc: string;
}

export type RepairStatusValue =
  | 'received'
  | 'diagnosing'
  | 'awaiting_approval'
  | 'approved'
  | 'rejected'
  | 'in_repair'
  | 'waiting_parts'
  | 'repaired'
  | 'unrepairable'
  | 'ready_for_pickup'
  | 'delivered'
  | 'cancelled';

/** A repair order; see db/local/migrations/0005_repairs.ts. Mutable and store-scoped: merged per column. */
interface RepairOrdersTable {
  id: string;
  /** `R-T01-000001`: per terminal, assigned in the intake's transaction. */
  number: string;
  store_id: string;
  terminal_id: string;
  customer_id: string;
  device_type: string;
  brand: string;
  model: string;
  /** 15 digits with a valid Luhn check digit; an IMEI or a serial is required. */
  imei: string | null;
  serial: string | null;
  /** JSON array of strings. */
  accessories: string;
  condition_notes: string;
  reported_fault: string;
  /** The device's PIN or pattern: only the detail channel returns it, and only to bench roles. */
  unlock_secret: string | null;
  /** Centavos. */
  estimate: number | null;
  estimate_pre_approved: Bool;
  /** Centavos. */
  final_price: number | null;
  diagnosis: string;
  status: RepairStatusValue;
  technician_id: string | null;
  promised_at: string | null;
  /** The delivered order this one reopens under warranty. */
  warranty_of: string | null;
  cancel_reason: string;
  delivered_sale_id: string | null;
  archived: Bool;
  created_at: string;
  updated_at: string;
  row_version: number;
  hlc: string;
  /** JSON: column -> HLC of the write that set it (per-column last-writer-wins). */
  col_hlc: ColumnType<string, string | undefined, string>;
  /** The central row_version this row last took from a pulled image; 0 = never synced. */
  central_version: ColumnType<number, number | undefined, number>;
}

export type RepairEventKind =
  | 'intake'
  | 'status'
  | 'diagnosis'
  | 'estimate'
  | 'approval'
  | 'rejection'
  | 'part'
  | 'labor'
  | 'note'
  | 'assignment'
  | 'deposit';

/** The timeline of a repair order: append-only. */
interface RepairEventsTable {
  id: string;
  repair_order_id: string;
  kind: RepairEventKind;
  /** Set on status changes (intake, status, approval, rejection). */
  from_status: RepairStatusValue | null;
  to_status: RepairStatusValue | null;
  /** JSON object. */
  details: string;
  user_id: string;
  terminal_id: string;
  store_id: string;
  created_at: string;
  hlc: string;
}

/** The store's name, contact, repair terms and warranty window; see db/local/migrations/0006_store_profiles.ts. */
interface StoreProfilesTable {
  /** The store's id: one row per store. */
  id: string;
  store_id: string;
  name: string;
  address: string;
  phone: string;
  email: string;
  /** The store's CUIT as digits, or ''. */
  tax_id: string;
  /** '' means the standard terms of the terminal's language. */
  repair_terms: string;
  warranty_days: number;
  archived: Bool;
  created_at: string;
  updated_at: string;
  row_version: number;
  hlc: string;
  col_hlc: ColumnType<string, string | undefined, string>;
  central_version: ColumnType<number, number | undefined, number>;
}

interface DocumentCountersTable {
  series: string;
  last_value: number;
}

export interface LocalDatabase {
  settings: SettingsTable;
  users: UsersTable;
  products: ProductsTable;
  product_barcodes: ProductBarcodesTable;
  stock_movements: StockMovementsTable;
  sales: SalesTable;
  sale_lines: SaleLinesTable;
  payments: PaymentsTable;
  audit_events: AuditEventsTable;
  outbox: OutboxTable;
  document_counters: DocumentCountersTable;
  sync_state: SyncStateTable;
  central_alerts: CentralAlertsTable;
  customers: CustomersTable;
  customer_account_entries: CustomerAccountEntriesTable;
  repair_orders: RepairOrdersTable;
  repair_events: RepairEventsTable;
  store_profiles: StoreProfilesTable;
}
