/**
 * The in-memory model of the randomized convergence test: what the operations that succeeded should leave
 * behind once every terminal has synced twice (SYNC.md property 7). It is built only from what the test
 * issued and from the outbox row each successful call wrote (its mutation id and HLC), never from central.
 */
import { compareHlc } from '../../shared/hlc';
import { ENTITIES } from '../../shared/sync/entity-registry';

/** One outbox mutation as a terminal wrote it. */
export interface RecordedMutation {
  terminal: string;
  store: string;
  seq: number;
  mutationId: string;
  kind: string;
  hlc: string;
  payload: Record<string, unknown>;
}

/** A value written to one column of one mutable row, by one mutation. */
interface ColumnWrite {
  value: unknown;
  hlc: string;
  mutationId: string;
}

export interface ModelSale {
  id: string;
  store: string;
  lines: number;
  total: number;
  /** The mutation that carried it, when it also merged rows (a repair's seña or delivery): it may be quarantined. */
  mutationId?: string;
}

export interface ModelAccountEntry {
  customerId: string;
  /** Signed effect on the balance: + owes more. */
  amount: number;
  mutationId: string;
  terminal: string;
}

const MUTABLE_TABLES: ReadonlySet<string> = new Set(ENTITIES.filter((e) => e.kind === 'mutable').map((e) => e.table));
const LEDGER_TABLES: ReadonlySet<string> = new Set(ENTITIES.filter((e) => e.kind === 'ledger').map((e) => e.table));

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** Whether central merges something of this payload (and so may quarantine it for a far-ahead HLC). */
export function touchesMutableRows(payload: Record<string, unknown>): boolean {
  return Object.keys(payload).some((key) => key === 'changes' || key === 'archived' || MUTABLE_TABLES.has(key));
}

export const cellKey = (table: string, id: string, column: string) => `${table}\u001f${id}\u001f${column}`;
export const rowKey = (table: string, id: string) => `${table}\u001f${id}`;

export class ConvergenceModel {
  /** Every mutation of every successful call, by mutation id. */
  readonly mutations = new Map<string, RecordedMutation>();
  /** Sales the test completed, by id. */
  readonly sales = new Map<string, ModelSale>();
  /** Expected stock per `store\u001fproduct`, from the sales and adjustments that succeeded. */
  readonly stock = new Map<string, number>();
  /** Column values the test asked for in each edit, to cross-check what the terminal recorded. */
  readonly requested = new Map<string, { column: string; value: unknown }[]>();
  /** Cuenta corriente entries the test's successful calls wrote, by entry id, with their signed amount. */
  readonly accountEntries = new Map<string, ModelAccountEntry>();
  /** What each sale put on account (its customer_account payment), by sale id. */
  readonly saleCharges = new Map<string, { customerId: string; amount: number }>();

  record(mutation: RecordedMutation): void {
    this.mutations.set(mutation.mutationId, mutation);
  }

  addStock(store: string, productId: string, delta: number): void {
    const key = `${store}\u001f${productId}`;
    this.stock.set(key, (this.stock.get(key) ?? 0) + delta);
  }

  /**
   * Expected stock per `store\u001fproduct`, the same on central and every terminal of the store: stock movements
   * are history central accepts from any clock, never held back by a quarantined merge.
   */
  stockFor(): Map<string, number> {
    return new Map(this.stock);
  }

  addAccountEntry(id: string, customerId: string, amount: number, mutation: RecordedMutation): void {
    this.accountEntries.set(id, { customerId, amount, mutationId: mutation.mutationId, terminal: mutation.terminal });
  }

  /**
   * Each customer's balance as `terminal` must hold it (undefined: as central must): the accepted entries, plus
   * that terminal's own entries of quarantined mutations, which stay on it only.
   */
  balances(quarantined: ReadonlySet<string>, terminal?: string): Map<string, number> {
    const balances = new Map<string, number>();
    for (const entry of this.accountEntries.values()) {
      if (quarantined.has(entry.mutationId) && entry.terminal !== terminal) continue;
      balances.set(entry.customerId, (balances.get(entry.customerId) ?? 0) + entry.amount);
    }
    return balances;
  }

  addSale(sale: ModelSale, lines: readonly { productId: string; quantity: number }[]): void {
    this.sales.set(sale.id, sale);
    for (const line of lines) this.addStock(sale.store, line.productId, -line.quantity);
  }

  /**
   * Per mutable cell, the write with the highest HLC among mutations central accepted: what property 6 says
   * every side must end up holding.
   */
  winningWrites(quarantined: ReadonlySet<string>): Map<string, ColumnWrite> {
    const winners = new Map<string, ColumnWrite>();
    const offer = (table: string, id: string, column: string, write: ColumnWrite) => {
      const key = cellKey(table, id, column);
      const held = winners.get(key);
      if (!held || compareHlc(write.hlc, held.hlc) > 0) winners.set(key, write);
    };
    for (const m of this.mutations.values()) {
      if (quarantined.has(m.mutationId)) continue;
      for (const [key, value] of Object.entries(m.payload)) {
        if (key === 'changes') {
          for (const change of records(value)) {
            const columns = isRecord(change.columns) ? change.columns : {};
            for (const [column, v] of Object.entries(columns))
              offer(String(change.table), String(change.id), column, {
                value: v,
                hlc: m.hlc,
                mutationId: m.mutationId,
              });
          }
        } else if (key === 'archived') {
          for (const item of records(value))
            offer(String(item.table), String(item.id), 'archived', { value: 1, hlc: m.hlc, mutationId: m.mutationId });
        } else if (MUTABLE_TABLES.has(key)) {
          const entity = ENTITIES.find((e) => e.table === key);
          for (const row of records(value))
            for (const column of entity?.columns ?? [])
              if (column.name !== 'id')
                offer(key, String(row.id), column.name, {
                  value: row[column.name],
                  hlc: m.hlc,
                  mutationId: m.mutationId,
                });
        }
      }
    }
    return winners;
  }

  /** Ledger row ids per table that central must hold exactly once: those of every accepted mutation. */
  ledgerIds(quarantined: ReadonlySet<string>): Map<string, Map<string, string>> {
    const ids = new Map<string, Map<string, string>>();
    for (const table of LEDGER_TABLES) ids.set(table, new Map());
    for (const m of this.mutations.values()) {
      if (quarantined.has(m.mutationId)) continue;
      for (const [key, value] of Object.entries(m.payload)) {
        const byId = ids.get(key);
        if (byId) for (const row of records(value)) byId.set(String(row.id), m.store);
      }
    }
    return ids;
  }

  /** Cells and ledger rows a terminal wrote in mutations central quarantined: they stay on that terminal only. */
  quarantinedFootprint(terminal: string, quarantined: ReadonlySet<string>): { cells: Set<string>; rows: Set<string> } {
    const cells = new Set<string>();
    const rows = new Set<string>();
    for (const m of this.mutations.values()) {
      if (m.terminal !== terminal || !quarantined.has(m.mutationId)) continue;
      for (const [key, value] of Object.entries(m.payload)) {
        if (key === 'changes') {
          for (const change of records(value)) {
            const columns = isRecord(change.columns) ? Object.keys(change.columns) : [];
            // The terminal stamps updated_at with every edit of its own.
            for (const column of [...columns, 'updated_at'])
              cells.add(cellKey(String(change.table), String(change.id), column));
          }
        } else if (key === 'archived') {
          for (const item of records(value)) {
            cells.add(cellKey(String(item.table), String(item.id), 'archived'));
            cells.add(cellKey(String(item.table), String(item.id), 'updated_at'));
          }
        } else {
          for (const row of records(value)) rows.add(rowKey(key, String(row.id)));
          // An inserted mutable row whose id another terminal may insert too (a system product of fixed id): the
          // quarantined terminal keeps its own cells, with their higher clocks.
          const entity = ENTITIES.find((e) => e.table === key);
          if (MUTABLE_TABLES.has(key))
            for (const row of records(value))
              for (const column of entity?.columns ?? []) cells.add(cellKey(key, String(row.id), column.name));
        }
      }
    }
    return { cells, rows };
  }
}
