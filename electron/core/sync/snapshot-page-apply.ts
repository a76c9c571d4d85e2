import type Database from 'better-sqlite3';
import { compareHlc } from '../../../shared/hlc';
import type { EntityDefinition } from '../../../shared/sync/entity-registry';
import { rowBoundsProblem } from '../../../shared/sync/row-bounds';
import { applyCentralRows, type CentralRow } from './apply-central-rows';

/** A snapshot page as the terminal reads it (sync_api.snapshot_rows through COPY): each row in the order of `columns`. */
export interface SnapshotPage {
  columns: string[];
  rows: unknown[][];
}

/** What a page of `entity` must carry, in this order: the registry's columns, then the mutable bookkeeping. */
export function snapshotColumns(entity: EntityDefinition): string[] {
  const names = entity.columns.map((c) => c.name);
  return entity.kind === 'mutable' ? [...names, 'row_version', 'col_hlc'] : names;
}

/**
 * Search rows of new products are written in bulk after the page instead of by this trigger, one row at a time:
 * the trigger cost a fresh terminal most of its catalog's time. See `withoutTrigger`.
 */
const DEFERRED_FTS_TRIGGER = 'products_fts_insert';

/**
 * Writes one snapshot page in the caller's transaction. Each row is first inserted as is, which is exactly what
 * the merge of apply-central-rows does for a row the terminal does not hold (ledger: insert-or-ignore; mutable:
 * the image with central's version and clocks). A mutable row the terminal already holds (a join retried after
 * an interruption, a row the feed brought first) is not inserted but merged by applyCentralRows, column by
 * column as on pull. So the result is the same as merging every row, whatever the terminal held before.
 */
export function applySnapshotPage(sqlite: Database.Database, entity: EntityDefinition, page: SnapshotPage): void {
  const columns = page.columns;
  const held: CentralRow[] = [];
  const insert = insertStatement(sqlite, entity);
  const position = new Map(columns.map((column, i) => [column, i]));
  const asRow = (row: unknown[]): CentralRow => ({
    table: entity.table,
    row: Object.fromEntries(columns.map((c, i) => [c, row[i]])),
  });
  // A row past the bounds goes the general way, which does not store it and says why.
  const withinBounds = (row: unknown[]): boolean => {
    if (rowBoundsProblem(entity, (column) => row[position.get(column) ?? -1]) === null) return true;
    held.push(asRow(row));
    return false;
  };
  const write = () => {
    if (entity.kind === 'ledger') {
      for (const row of page.rows) if (withinBounds(row)) insert.run(row);
      return [];
    }
    const count = entity.columns.length;
    const inserted: (number | bigint)[] = [];
    for (const row of page.rows) {
      if (!withinBounds(row)) continue;
      const version = Number(row[count] ?? 0);
      const clocks = clocksOf(row[count + 1]);
      const values = [...row.slice(0, count), version, newestClock(clocks), JSON.stringify(clocks), version];
      const result = insert.run(values);
      if (result.changes > 0) inserted.push(result.lastInsertRowid);
      else held.push(asRow(row));
    }
    return inserted;
  };
  if (entity.table === 'products') {
    withoutTrigger(sqlite, DEFERRED_FTS_TRIGGER, write, (rowids) =>
      sqlite
        .prepare(
          `INSERT INTO products_fts (rowid, name, brand, sku, barcodes)
           SELECT p.rowid, p.name, p.brand, p.sku,
                  coalesce((SELECT group_concat(b.code, ' ') FROM product_barcodes b
                             WHERE b.product_id = p.id AND b.archived = 0), '')
             FROM products p WHERE p.rowid IN (SELECT value FROM json_each(?))`,
        )
        .run(JSON.stringify(rowids.map(Number))),
    );
  } else {
    write();
  }
  // As before this fast path: a row that cannot be stored is left to the digest check (property 9).
  if (held.length > 0) applyCentralRows(sqlite, held);
}

/**
 * Runs `write` with the trigger `name` dropped, then `fill` with the rowids written, then puts the trigger back
 * exactly as the schema holds it, all inside the caller's transaction: every other connection sees the trigger
 * either before or after, never missing, and a failure rolls all of it back. When the schema has no such
 * trigger (a later migration changed it), `write` runs with the triggers as they are and `fill` is skipped.
 */
function withoutTrigger<T extends (number | bigint)[]>(
  sqlite: Database.Database,
  name: string,
  write: () => T,
  fill: (written: T) => void,
): void {
  if (!sqlite.inTransaction) throw new Error('withoutTrigger runs inside a transaction');
  const trigger = sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").get(name) as
    | { sql: string }
    | undefined;
  if (!trigger) {
    write();
    return;
  }
  // The name is a constant of this module; the statement that restores it is the schema's own text.
  sqlite.exec(`DROP TRIGGER "${name}"`);
  const written = write();
  fill(written);
  sqlite.exec(trigger.sql);
}

function insertStatement(sqlite: Database.Database, entity: EntityDefinition): Database.Statement {
  const names = entity.columns.map((c) => `"${c.name}"`);
  if (entity.kind === 'ledger') {
    // As insertLedgerRow: history is insert-or-ignore everywhere.
    return sqlite.prepare(
      `INSERT OR IGNORE INTO "${entity.table}" (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
    );
  }
  const all = [...names, 'row_version', 'hlc', 'col_hlc', 'central_version'];
  return sqlite.prepare(
    `INSERT INTO "${entity.table}" (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')}) ON CONFLICT (id) DO NOTHING`,
  );
}

function clocksOf(value: unknown): Record<string, string> {
  const clocks: Record<string, string> = {};
  if (value === null || typeof value !== 'object') return clocks;
  for (const [column, clock] of Object.entries(value)) if (typeof clock === 'string') clocks[column] = clock;
  return clocks;
}

function newestClock(clocks: Record<string, string>): string {
  let newest = '';
  for (const clock of Object.values(clocks)) if (compareHlc(clock, newest) > 0) newest = clock;
  return newest;
}
