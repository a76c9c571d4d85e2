import type Database from 'better-sqlite3';
import type pg from 'pg';
import { z } from 'zod';
import { CoreError } from '../../../shared/errors';
import { ENTITIES, type EntityDefinition } from '../../../shared/sync/entity-registry';
import { applyCentralRows } from './apply-central-rows';
import { writeLocally } from './local-write';
import { copySnapshotPage, parseSnapshotPage } from './snapshot-copy-reader';
import { applySnapshotPage, type SnapshotPage, snapshotColumns } from './snapshot-page-apply';
import { isStorageFailure } from './sync-failure';

/** What sync_api.snapshot_header says once per snapshot; the pages themselves are checked row by row. */
const snapshotHeaderSchema = z.object({
  columns: z.record(z.string(), z.array(z.string())),
  watermark: z.string().regex(/^\d+$/),
  central_hlc: z.string(),
});

export interface BootstrapProgress {
  table: string;
  rowsSoFar: number;
}

/**
 * Rows per page, and so per local transaction: a commit (an fsync of the WAL, synchronous=FULL) and a round trip
 * are small next to 50k rows, and a page of text is a few MB.
 */
export const DEFAULT_SNAPSHOT_PAGE = 50_000;

function readHeader(value: unknown): z.infer<typeof snapshotHeaderSchema> {
  const parsed = snapshotHeaderSchema.safeParse(value);
  if (!parsed.success) {
    const problem = parsed.error.issues.map((i) => `${i.path.join('.') || 'header'}: ${i.message}`).join('; ');
    throw new CoreError('INTERNAL', `central sent a snapshot header this terminal cannot read: ${problem}`);
  }
  for (const entity of ENTITIES) {
    const expected = snapshotColumns(entity);
    const columns = parsed.data.columns[entity.table] ?? [];
    if (columns.length !== expected.length || columns.some((c, i) => c !== expected[i])) {
      throw new CoreError(
        'INTERNAL',
        `central's ${entity.table} snapshot has columns (${columns.join(', ')}), this terminal expects (${expected.join(', ')})`,
      );
    }
  }
  return parsed.data;
}

/** Rows in a page of COPY text and the id of its last one (checked again, with every row, by the parser). */
function pageEnd(bytes: Buffer): { rows: number; lastId: string | null } {
  let rows = 0;
  let lastStart = 0;
  for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1)) {
    rows++;
    if (at + 1 < bytes.length) lastStart = at + 1;
  }
  return { rows, lastId: rows === 0 ? null : bytes.toString('latin1', lastStart, lastStart + 36) };
}

/**
 * Writes a checked page in one local transaction. The fast path inserts rows as they come; should anything in it
 * fail (a value SQLite cannot bind, a constraint), the page is rolled back and written again by the general
 * merge of apply-central-rows, which stores what it can and leaves the rest to the digest check, as pull does.
 */
function writePage(sqlite: Database.Database, entity: EntityDefinition, page: SnapshotPage): void {
  try {
    writeLocally(sqlite, () => applySnapshotPage(sqlite, entity, page));
  } catch (error) {
    // The file itself failing (its lock, the disk) is not a page to write another way.
    if (isStorageFailure(error)) throw error;
    const rows = page.rows.map((values) => ({
      table: entity.table,
      row: Object.fromEntries(page.columns.map((c, i) => [c, values[i]])),
    }));
    writeLocally(sqlite, () => applyCentralRows(sqlite, rows));
  }
}

/**
 * A fresh terminal's first fill (SYNC.md property 10): every table's current rows in its scope, read in ONE
 * REPEATABLE READ transaction on central, then the feed from that snapshot's watermark. Rows changed while the
 * snapshot ran come again through the feed and apply twice, harmlessly (property 5). Each page comes through
 * COPY (sync_api.snapshot_rows), is checked whole, then committed locally, so a large catalog never sits in
 * memory whole and a malformed page writes nothing. Pipelined: as soon as a page has arrived, the next one is
 * asked for, so central runs its query while this thread parses and writes (SQLite writes are synchronous here).
 */
export async function bootstrapFromSnapshot(
  sqlite: Database.Database,
  central: pg.Client,
  onProgress: (progress: BootstrapProgress) => void = () => {},
  pageSize = DEFAULT_SNAPSHOT_PAGE,
): Promise<{ rows: number; centralHlc: string | null }> {
  let total = 0;
  let inFlight: Promise<Buffer> | null = null;
  await central.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const header = readHeader((await central.query('SELECT sync_api.snapshot_header() AS h')).rows[0]?.h);
    for (const entity of ENTITIES) {
      const columns = snapshotColumns(entity);
      let next: Promise<Buffer> | null = copySnapshotPage(central, entity, null, pageSize);
      while (next) {
        inFlight = next;
        const bytes = await next;
        inFlight = null;
        const end = pageEnd(bytes);
        next =
          end.rows === pageSize && end.lastId !== null ? copySnapshotPage(central, entity, end.lastId, pageSize) : null;
        // A failure below must not leave the read ahead as an unhandled rejection.
        next?.catch(() => undefined);
        inFlight = next;
        const page = parseSnapshotPage(entity, bytes);
        if (page.lastId !== end.lastId) {
          throw new CoreError('INTERNAL', `central's ${entity.table} snapshot page ends on a row that is not its last`);
        }
        writePage(sqlite, entity, { columns, rows: page.rows });
        total += page.rows.length;
        onProgress({ table: entity.table, rowsSoFar: total });
      }
    }
    sqlite
      .prepare('UPDATE sync_state SET cursor_txid = ?, cursor_seq = 0, central_hlc = ? WHERE only_row = 1')
      .run(header.watermark, header.central_hlc);
    return { rows: total, centralHlc: header.central_hlc };
  } finally {
    await inFlight?.catch(() => undefined);
    await central.query('COMMIT');
  }
}
