import { MONEY_BOUNDS, QUANTITY_BOUNDS } from '../money-bounds';
import type { EntityDefinition, EntityTable } from './entity-registry';

/**
 * What a replicated row may hold in its amounts and quantities, on either side of sync: central refuses a push past
 * it (central migration 0012, CHECK constraints that say the same), and a terminal does not store a row central
 * sends past it (one written before central had the bounds), since every read that sums it would fail.
 *
 * - Every integer column holds an exact integer: a JavaScript number past 2^53 is not one, and no read of the row
 *   could be trusted.
 * - Money and quantities stay within their bounds (shared/money-bounds.ts), either way for history the terminal's
 *   own schema lets take either sign, from zero up for what it keeps non-negative (prices, limits, estimates).
 * - An account entry's amount by its kind: the sign of the terminal's own CHECK (local 0004) and the bound of what
 *   writes it (a charge is a sale's part on account, a payment one payment, an adjustment at most a balance).
 * - The amounts of a repair event that an order sums (señas, labor, parts) are in its `details` JSON: a number
 *   there is an integer within its bound; details that are not a JSON object cannot be read at all.
 */
export type Range = readonly [least: number, greatest: number];

export interface ColumnRange {
  readonly range: Range;
  /** The terminal's own CHECK refuses zero (a line or a movement of no units). */
  readonly nonZero?: true;
}

const M = MONEY_BOUNDS;
const Q = QUANTITY_BOUNDS;
const upTo = (bound: number): ColumnRange => ({ range: [0, bound] });
const either = (bound: number): ColumnRange => ({ range: [-bound, bound] });

export const SAFE_RANGE: Range = [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];

/** The money and quantity columns, by table. Other integer columns only need to be exact integers. */
export const COLUMN_RANGES: Partial<Record<EntityTable, Readonly<Record<string, ColumnRange>>>> = {
  products: { price: upTo(M.unitPrice), cost: upTo(M.unitPrice), min_stock: upTo(Q.minStock) },
  customers: { credit_limit: upTo(M.creditLimit) },
  sales: { total: either(M.saleTotal) },
  sale_lines: {
    quantity: { ...either(Q.saleLine), nonZero: true },
    unit_price: either(M.unitPrice),
    line_total: either(M.lineTotal),
    line_net: either(M.lineTotal),
    line_iva: either(M.lineTotal),
  },
  payments: { amount: either(M.payment), tendered: either(M.payment), change: either(M.payment) },
  stock_movements: { quantity: { ...either(Q.stockAdjustment), nonZero: true } },
  repair_orders: { estimate: upTo(M.repairAmount), final_price: upTo(M.repairAmount) },
};

/** customer_account_entries.amount by kind; a kind not listed is refused. */
export const ACCOUNT_ENTRY_RANGES: Readonly<Record<string, ColumnRange>> = {
  charge: { range: [1, M.saleTotal] },
  payment: { range: [-M.payment, -1] },
  adjustment: { ...either(M.accountBalance), nonZero: true },
};

/** The account entry methods of the terminal's own CHECK; a payment has one, no other kind does. */
export const ACCOUNT_ENTRY_METHODS = ['cash', 'debit_card', 'credit_card', 'transfer'] as const;

/** The amounts of a repair event's details that an order sums (electron/core/services/repair-amounts.ts). */
export const REPAIR_DETAIL_RANGES: Readonly<Record<string, Readonly<Record<string, Range>>>> = {
  deposit: { amount: [1, M.repairAmount] },
  labor: { amount: [1, M.repairAmount] },
  part: { quantity: [1, Q.repairPart], unitPrice: [0, M.unitPrice], total: [0, M.repairTotal] },
};

function outside(value: number, [least, greatest]: Range): boolean {
  return value < least || value > greatest;
}

function columnProblem(table: string, column: string, value: unknown, rule: ColumnRange | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    return `${table}.${column} ${String(value).slice(0, 40)} is not an exact integer`;
  }
  if (rule && (outside(value, rule.range) || (rule.nonZero && value === 0))) {
    return `${table}.${column} ${value} is past its bounds [${rule.range[0]}, ${rule.range[1]}]`;
  }
  return null;
}

function accountEntryProblem(value: (column: string) => unknown): string | null {
  const kind = value('kind');
  const amount = value('amount');
  const rule =
    typeof kind === 'string' && Object.hasOwn(ACCOUNT_ENTRY_RANGES, kind) ? ACCOUNT_ENTRY_RANGES[kind] : undefined;
  if (!rule) return `customer_account_entries.kind ${String(kind).slice(0, 40)} is not an entry kind`;
  const problem = columnProblem('customer_account_entries', 'amount', amount, rule);
  if (problem) return `${problem} for a ${kind}`;
  const method = value('method') ?? null;
  const methodOk =
    kind === 'payment'
      ? typeof method === 'string' && (ACCOUNT_ENTRY_METHODS as readonly string[]).includes(method)
      : method === null;
  return methodOk ? null : `customer_account_entries.method ${String(method).slice(0, 40)} does not fit a ${kind}`;
}

function repairEventProblem(value: (column: string) => unknown): string | null {
  const kind = value('kind');
  const keys =
    typeof kind === 'string' && Object.hasOwn(REPAIR_DETAIL_RANGES, kind) ? REPAIR_DETAIL_RANGES[kind] : null;
  if (!keys) return null;
  let details: unknown;
  try {
    details = JSON.parse(String(value('details')));
  } catch {
    return `repair_events.details of a ${kind} is not JSON`;
  }
  if (details === null || typeof details !== 'object' || Array.isArray(details)) {
    return `repair_events.details of a ${kind} is not an object`;
  }
  for (const [key, range] of Object.entries(keys)) {
    const amount: unknown = (details as Record<string, unknown>)[key];
    if (typeof amount !== 'number') continue; // read as nothing (repair-amounts.ts)
    if (!Number.isInteger(amount) || outside(amount, range)) {
      return `repair_events.details.${key} ${amount} of a ${kind} is past its bounds [${range[0]}, ${range[1]}]`;
    }
  }
  return null;
}

const integerColumnsOf = new WeakMap<EntityDefinition, readonly (readonly [string, ColumnRange | undefined])[]>();

/** An entity's integer columns with their rules, worked out once: a snapshot checks every row of every page. */
function integerColumns(entity: EntityDefinition): readonly (readonly [string, ColumnRange | undefined])[] {
  let columns = integerColumnsOf.get(entity);
  if (!columns) {
    const ranges: Readonly<Record<string, ColumnRange>> | undefined = COLUMN_RANGES[entity.table as EntityTable];
    columns = entity.columns.filter((c) => c.type === 'integer').map((c) => [c.name, ranges?.[c.name]] as const);
    integerColumnsOf.set(entity, columns);
  }
  return columns;
}

/**
 * The first value of a row past what the system records, in words for the log; null when the row is within bounds.
 * `value` reads a column of the row (a pulled object, a snapshot's array).
 */
export function rowBoundsProblem(entity: EntityDefinition, value: (column: string) => unknown): string | null {
  for (const [column, rule] of integerColumns(entity)) {
    const problem = columnProblem(entity.table, column, value(column), rule);
    if (problem) return problem;
  }
  if (entity.table === 'customer_account_entries') return accountEntryProblem(value);
  if (entity.table === 'repair_events') return repairEventProblem(value);
  return null;
}
