import type Database from 'better-sqlite3';
import { compareHlc } from '../../../shared/hlc';
import { type EntityDefinition, entityOf } from '../../../shared/sync/entity-registry';
import { rowBoundsProblem } from '../../../shared/sync/row-bounds';
import { isStorageFailure } from './sync-failure';

/** One row image as central's pull and snapshot return it: the table's columns plus, for mutable rows, the
 * central row_version and per-column clocks. */
export interface CentralRow {
  table: string;
  row: Record<string, unknown>;
}

export interface ApplyOutcome {
  applied: number;
  skipped: number;
  /** Rows this terminal could not store; they are logged and left for the digest check to retry. */
  failed: { table: string; id: unknown; error: string }[];
}

/**
 * A row central sent with an amount or quantity past what the system records (shared/sync/row-bounds.ts): one
 * written before central had the bounds. Stored, it would make every read that sums it fail (a customer's balance,
 * an order's señas), so it is not stored: it is one of the failed rows, logged, and the digest check reports it.
 */
export class RowPastBoundsError extends Error {
  override readonly name = 'RowPastBoundsError';
}

export function assertRowWithinBounds(entity: EntityDefinition, value: (column: string) => unknown): void {
  const problem = rowBoundsProblem(entity, value);
  if (problem) throw new RowPastBoundsError(`not stored: ${problem}`);
}

function toSqlite(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return JSON.stringify(value);
}

function parseClocks(value: unknown): Record<string, string> {
  if (typeof value === 'string') {
    try {
      return parseClocks(JSON.parse(value));
    } catch {
      return {};
    }
  }
  if (value === null || typeof value !== 'object') return {};
  const clocks: Record<string, string> = {};
  for (const [key, clock] of Object.entries(value)) if (typeof clock === 'string') clocks[key] = clock;
  return clocks;
}

/**
 * Applies central row images to the terminal's store, idempotently and in any order (SYNC.md property 5):
 * ledger rows insert-or-ignore; a mutable image is applied only when its row_version is higher than the one
 * held, and then column by column, where central's clock is not older than the local one. A local write
 * central has not seen yet carries a newer clock, so it stays on top until central's image includes it.
 *
 * Table and column names come only from the registry. Runs inside the caller's transaction.
 */
export function applyCentralRows(sqlite: Database.Database, rows: readonly CentralRow[]): ApplyOutcome {
  // Fast path: the whole page under one savepoint. Only when some row fails is the page redone row by row,
  // each under its own savepoint, so one bad row costs its page a retry, not the rest of the page.
  sqlite.exec('SAVEPOINT apply_page');
  try {
    const outcome: ApplyOutcome = { applied: 0, skipped: 0, failed: [] };
    for (const { table, row } of rows) {
      const entity = entityOf(table);
      if (!entity) throw new Error(`${table} is not a replicated table`);
      if (applyOne(sqlite, entity, row)) outcome.applied++;
      else outcome.skipped++;
    }
    sqlite.exec('RELEASE apply_page');
    return outcome;
  } catch (error) {
    // A lock, a full disk: the file failed, not a row. The caller's transaction fails whole (its rollback takes
    // this savepoint with it) and the page is pulled again, rather than each row being recorded as unstorable.
    if (isStorageFailure(error)) throw error;
    sqlite.exec('ROLLBACK TO apply_page');
    sqlite.exec('RELEASE apply_page');
    return applyRowByRow(sqlite, rows);
  }
}

function applyOne(sqlite: Database.Database, entity: EntityDefinition, row: Record<string, unknown>): boolean {
  assertRowWithinBounds(entity, (column) => row[column]);
  return entity.kind === 'ledger' ? insertLedgerRow(sqlite, entity, row) : mergeMutableRow(sqlite, entity, row);
}

function applyRowByRow(sqlite: Database.Database, rows: readonly CentralRow[]): ApplyOutcome {
  const outcome: ApplyOutcome = { applied: 0, skipped: 0, failed: [] };
  for (const { table, row } of rows) {
    const entity = entityOf(table);
    if (!entity) {
      outcome.failed.push({ table, id: row.id, error: 'not a replicated table' });
      continue;
    }
    sqlite.exec('SAVEPOINT apply_row');
    try {
      const changed = applyOne(sqlite, entity, row);
      sqlite.exec('RELEASE apply_row');
      if (changed) outcome.applied++;
      else outcome.skipped++;
    } catch (error) {
      if (isStorageFailure(error)) throw error;
      sqlite.exec('ROLLBACK TO apply_row');
      sqlite.exec('RELEASE apply_row');
      outcome.failed.push({ table, id: row.id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return outcome;
}

const statementCache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function prepared(sqlite: Database.Database, text: string): Database.Statement {
  let cache = statementCache.get(sqlite);
  if (!cache) {
    cache = new Map();
    statementCache.set(sqlite, cache);
  }
  let statement = cache.get(text);
  if (!statement) {
    statement = sqlite.prepare(text);
    cache.set(text, statement);
  }
  return statement;
}

function quoted(name: string): string {
  return `"${name}"`;
}

function insertLedgerRow(sqlite: Database.Database, entity: EntityDefinition, row: Record<string, unknown>): boolean {
  const names = entity.columns.map((c) => c.name);
  const text = `INSERT OR IGNORE INTO ${quoted(entity.table)} (${names.map(quoted).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`;
  return prepared(sqlite, text).run(...names.map((n) => toSqlite(row[n]))).changes > 0;
}

function mergeMutableRow(sqlite: Database.Database, entity: EntityDefinition, row: Record<string, unknown>): boolean {
  const version = Number(row.row_version ?? 0);
  const centralClocks = parseClocks(row.col_hlc);
  const table = quoted(entity.table);
  const local = prepared(sqlite, `SELECT col_hlc, central_version FROM ${table} WHERE id = ?`).get(row.id) as
    | { col_hlc: string; central_version: number }
    | undefined;
  const dataColumns = entity.columns.map((c) => c.name).filter((n) => n !== 'id');
  const rowHlc = Object.values(centralClocks).reduce((max, c) => (compareHlc(c, max) > 0 ? c : max), '');

  if (!local) {
    // A row is only ever born here whole. An image without one of the registry's columns comes from a central
    // that does not know that column yet (users.store_id before central 0011): storing it would make the value up
    // (a user with no store is a chain-wide admin), so the row waits for a central that sends it whole.
    const missing = dataColumns.filter((n) => !Object.hasOwn(row, n));
    if (missing.length > 0) throw new Error(`central's ${entity.table} row has no ${missing.join(', ')}`);
    const names = ['id', ...dataColumns, 'row_version', 'hlc', 'col_hlc', 'central_version'];
    const values = [
      ...['id', ...dataColumns].map((n) => toSqlite(row[n])),
      version,
      rowHlc,
      JSON.stringify(centralClocks),
      version,
    ];
    const text = `INSERT INTO ${table} (${names.map(quoted).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`;
    prepared(sqlite, text).run(...values);
    return true;
  }
  if (version <= local.central_version) return false;

  const localClocks = parseClocks(local.col_hlc);
  // A column the image does not carry is not central's word on it: the local value stays.
  const winners = dataColumns.filter(
    (n) => Object.hasOwn(row, n) && compareHlc(centralClocks[n] ?? '', localClocks[n] ?? '') >= 0,
  );
  const mergedClocks = { ...localClocks };
  for (const n of winners) {
    const clock = centralClocks[n];
    if (clock !== undefined) mergedClocks[n] = clock;
  }
  const sets = [...winners.map((n) => `${quoted(n)} = ?`), 'col_hlc = ?', 'central_version = ?'];
  const text = `UPDATE ${table} SET ${sets.join(', ')} WHERE id = ?`;
  prepared(sqlite, text).run(...winners.map((n) => toSqlite(row[n])), JSON.stringify(mergedClocks), version, row.id);
  return winners.length > 0;
}
