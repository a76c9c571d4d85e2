import type Database from 'better-sqlite3';
import type pg from 'pg';
import { z } from 'zod';
import { ENTITIES, type EntityDefinition } from '../../../shared/sync/entity-registry';
import { assertRowWithinBounds } from './apply-central-rows';
import { writeLocally } from './local-write';
import { canonicalText, localDigests } from './row-digest';
import { isStorageFailure } from './sync-failure';

export interface RepairedSlice {
  table: string;
  day: string;
  /** Rows written from central: missing here, or different here. */
  repaired: number;
  /**
   * Central's rows of the slice this terminal does not store, and why (the first one's reason): a row past the
   * bounds (apply-central-rows.ts), or one its schema refuses. They are reported on every check until central's
   * row is put right; they never stop the check or the rest of the slice.
   */
  refused: number;
  reason: string | null;
}

const digestSchema = z.array(z.object({ day: z.string(), count: z.coerce.number(), sum: z.coerce.number() }));
const rowsSchema = z.array(z.record(z.string(), z.unknown()));

function sqliteValue(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * Compares every table's digests with central's, per day, and refetches only the slices that disagree
 * (SYNC.md property 9). Central's rows replace what differs here; rows only this terminal holds (not yet
 * pushed, or quarantined) are left alone. Run it when the outbox is drained, or it reports those rows too.
 */
export async function checkAndRepairDigests(sqlite: Database.Database, central: pg.Client): Promise<RepairedSlice[]> {
  const repaired: RepairedSlice[] = [];
  const storeId = terminalStoreId(sqlite);
  for (const entity of ENTITIES) {
    const result = await central.query('SELECT sync_api.digest($1) AS d', [entity.table]);
    const remote = digestSchema.parse(result.rows[0]?.d);
    const local = localDigests(sqlite, entity, storeId);
    for (const slice of remote) {
      const mine = local.get(slice.day);
      if (mine && mine.count === slice.count && mine.sum === slice.sum) continue;
      const rows = rowsSchema.parse(
        (await central.query('SELECT sync_api.digest_rows($1, $2) AS r', [entity.table, slice.day])).rows[0]?.r,
      );
      repaired.push({ table: entity.table, day: slice.day, ...repairSlice(sqlite, entity, rows) });
    }
  }
  return repaired;
}

/** The store this terminal belongs to, as setup or a join stored it: the scope central digests for it. */
function terminalStoreId(sqlite: Database.Database): string {
  const row = sqlite.prepare("SELECT json_extract(value, '$.id') AS id FROM settings WHERE key = 'store'").get() as
    | { id: unknown }
    | undefined;
  if (typeof row?.id !== 'string') throw new Error('this terminal has no store yet: nothing to compare with central');
  return row.id;
}

function repairSlice(
  sqlite: Database.Database,
  entity: EntityDefinition,
  rows: Record<string, unknown>[],
): Pick<RepairedSlice, 'repaired' | 'refused' | 'reason'> {
  const names = entity.columns.map((c) => c.name);
  const table = `"${entity.table}"`;
  const select = sqlite.prepare(`SELECT ${names.map((n) => `"${n}"`).join(', ')} FROM ${table} WHERE id = ?`);
  const mutable = entity.kind === 'mutable';
  const writeNames = mutable ? [...names, 'row_version', 'hlc', 'col_hlc', 'central_version'] : names;
  const insert = sqlite.prepare(
    `INSERT INTO ${table} (${writeNames.map((n) => `"${n}"`).join(', ')}) VALUES (${writeNames.map(() => '?').join(', ')})`,
  );
  // In place, not delete-and-insert: the row keeps its rowid, so the catalog's search index follows it.
  const update = sqlite.prepare(`UPDATE ${table} SET ${writeNames.map((n) => `"${n}" = ?`).join(', ')} WHERE id = ?`);
  let written = 0;
  let refused = 0;
  let reason: string | null = null;
  writeLocally(sqlite, () => {
    sqlite.prepare('UPDATE sync_state SET repairing = 1').run();
    for (const row of rows) {
      const local = select.get(row.id) as Record<string, unknown> | undefined;
      if (local && canonicalText(entity, local) === canonicalText(entity, row)) continue;
      const values = names.map((n) => sqliteValue(row[n]));
      if (mutable) {
        const clocks = (row.col_hlc ?? {}) as Record<string, string>;
        const rowHlc = Object.values(clocks).sort().at(-1) ?? '';
        values.push(Number(row.row_version ?? 0), rowHlc, JSON.stringify(clocks), Number(row.row_version ?? 0));
      }
      // Each row on its own: one that cannot be stored costs only itself, never the check.
      sqlite.exec('SAVEPOINT repair_row');
      try {
        assertRowWithinBounds(entity, (column) => row[column]);
        if (local) update.run(...values, row.id);
        else insert.run(...values);
        sqlite.exec('RELEASE repair_row');
        written++;
      } catch (error) {
        if (isStorageFailure(error)) throw error;
        sqlite.exec('ROLLBACK TO repair_row');
        sqlite.exec('RELEASE repair_row');
        refused++;
        reason ??= `${String(row.id)}: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    sqlite.prepare('UPDATE sync_state SET repairing = 0').run();
  });
  return { repaired: written, refused, reason };
}
