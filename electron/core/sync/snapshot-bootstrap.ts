import type Database from 'better-sqlite3';
import type pg from 'pg';
import { z } from 'zod';
import { CoreError } from '../../../shared/errors';
import { ENTITIES, type EntityDefinition } from '../../../shared/sync/entity-registry';
import { applyCentralRows } from './apply-central-rows';
import { applySnapshotPage, type SnapshotPage, snapshotColumns } from './snapshot-page-apply';

/**
 * The envelope of a page is checked with zod; the rows, up to tens of thousands a page, with one loop (an array
 * of arrays, each as long as the column list) instead of a schema per row. The values themselves meet SQLite's
 * types and constraints, as before.
 */
const snapshotPageSchema = z.object({
  columns: z.array(z.string()),
  rows: z.array(z.unknown()).refine((rows) => rows.every((row) => Array.isArray(row)), 'every row is an array'),
  more: z.boolean(),
  last_id: z.string().nullable(),
  watermark: z.string(),
  central_hlc: z.string(),
});
type PageResponse = z.infer<typeof snapshotPageSchema> & SnapshotPage;

export interface BootstrapProgress {
  table: string;
  rowsSoFar: number;
}

/** Rows per page: large enough that a round trip and a local commit are small next to the rows themselves. */
export const DEFAULT_SNAPSHOT_PAGE = 10_000;

function readPage(entity: EntityDefinition, value: unknown): PageResponse {
  const parsed = snapshotPageSchema.safeParse(value);
  const problem = !parsed.success
    ? parsed.error.issues.map((i) => `${i.path.join('.') || 'page'}: ${i.message}`).join('; ')
    : null;
  if (!parsed.success) {
    throw new CoreError(
      'INTERNAL',
      `central sent a ${entity.table} snapshot page this terminal cannot read: ${problem}`,
    );
  }
  const expected = snapshotColumns(entity);
  const page = parsed.data;
  if (page.columns.length !== expected.length || page.columns.some((c, i) => c !== expected[i])) {
    throw new CoreError(
      'INTERNAL',
      `central's ${entity.table} snapshot has columns (${page.columns.join(', ')}), this terminal expects (${expected.join(', ')})`,
    );
  }
  const rows = page.rows as unknown[][];
  const short = rows.findIndex((row) => row.length !== expected.length);
  if (short >= 0) {
    throw new CoreError(
      'INTERNAL',
      `central's ${entity.table} snapshot row ${short} has ${rows[short]?.length} values`,
    );
  }
  return { ...page, rows };
}

/**
 * Writes a checked page in one local transaction. The fast path inserts rows as they come; should anything in it
 * fail (a value SQLite cannot bind, a constraint), the page is rolled back and written again by the general
 * merge of apply-central-rows, which stores what it can and leaves the rest to the digest check, as pull does.
 */
function writePage(sqlite: Database.Database, entity: EntityDefinition, page: SnapshotPage): void {
  try {
    sqlite.transaction(() => applySnapshotPage(sqlite, entity, page))();
  } catch {
    const rows = page.rows.map((values) => ({
      table: entity.table,
      row: Object.fromEntries(page.columns.map((c, i) => [c, values[i]])),
    }));
    sqlite.transaction(() => applyCentralRows(sqlite, rows))();
  }
}

/**
 * A fresh terminal's first fill (SYNC.md property 10): every table's current rows in its scope, read in ONE
 * REPEATABLE READ transaction on central, then the feed from that snapshot's watermark. Rows changed while the
 * snapshot ran come again through the feed and apply twice, harmlessly (property 5). Each page is committed
 * locally as it arrives, so a large catalog never sits in memory whole; the next page is already being read on
 * central while this one is written.
 */
export async function bootstrapFromSnapshot(
  sqlite: Database.Database,
  central: pg.Client,
  onProgress: (progress: BootstrapProgress) => void = () => {},
  pageSize = DEFAULT_SNAPSHOT_PAGE,
): Promise<{ rows: number; centralHlc: string | null }> {
  let total = 0;
  let watermark: string | null = null;
  let centralHlc: string | null = null;
  const fetchPage = (table: string, after: string | null) =>
    central.query('SELECT sync_api.snapshot_page($1, $2, $3) AS s', [table, after, pageSize]);
  let inFlight: Promise<pg.QueryResult> | null = null;
  await central.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    for (const entity of ENTITIES) {
      let next: Promise<pg.QueryResult> | null = fetchPage(entity.table, null);
      while (next) {
        inFlight = next;
        const page = readPage(entity, (await next).rows[0]?.s);
        inFlight = null;
        watermark ??= page.watermark;
        centralHlc = page.central_hlc;
        next = page.more && page.last_id !== null ? fetchPage(entity.table, page.last_id) : null;
        // A failure below must not leave the read ahead as an unhandled rejection.
        next?.catch(() => undefined);
        inFlight = next;
        writePage(sqlite, entity, page);
        total += page.rows.length;
        onProgress({ table: entity.table, rowsSoFar: total });
      }
    }
  } finally {
    await inFlight?.catch(() => undefined);
    await central.query('COMMIT');
  }
  sqlite
    .prepare('UPDATE sync_state SET cursor_txid = ?, cursor_seq = 0, central_hlc = ? WHERE only_row = 1')
    .run(watermark ?? '0', centralHlc);
  return { rows: total, centralHlc };
}
