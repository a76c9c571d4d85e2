import type Database from 'better-sqlite3';
import type pg from 'pg';
import { z } from 'zod';
import { ENTITIES } from '../../../shared/sync/entity-registry';
import { applyCentralRows } from './apply-central-rows';

const snapshotPageSchema = z.object({
  rows: z.array(z.record(z.string(), z.unknown())),
  more: z.boolean(),
  watermark: z.string(),
  central_hlc: z.string(),
});

export interface BootstrapProgress {
  table: string;
  rowsSoFar: number;
}

/**
 * A fresh terminal's first fill (SYNC.md property 10): every table's current rows in its scope, read in ONE
 * REPEATABLE READ transaction on central, then the feed from that snapshot's watermark. Rows changed while the
 * snapshot ran come again through the feed and apply twice, harmlessly (property 5). Each page is committed
 * locally as it arrives, so a large catalog never sits in memory whole.
 */
export async function bootstrapFromSnapshot(
  sqlite: Database.Database,
  central: pg.Client,
  onProgress: (progress: BootstrapProgress) => void = () => {},
  pageSize = 5_000,
): Promise<{ rows: number; centralHlc: string | null }> {
  let total = 0;
  let watermark: string | null = null;
  let centralHlc: string | null = null;
  await central.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    for (const entity of ENTITIES) {
      let after: string | null = null;
      for (;;) {
        const result = await central.query('SELECT sync_api.snapshot($1, $2, $3) AS s', [
          entity.table,
          after,
          pageSize,
        ]);
        const page = snapshotPageSchema.parse(result.rows[0]?.s);
        watermark ??= page.watermark;
        centralHlc = page.central_hlc;
        sqlite.transaction(() =>
          applyCentralRows(
            sqlite,
            page.rows.map((row) => ({ table: entity.table, row })),
          ),
        )();
        total += page.rows.length;
        onProgress({ table: entity.table, rowsSoFar: total });
        const last = page.rows.at(-1);
        if (!page.more || !last) break;
        after = String(last.id);
      }
    }
  } finally {
    await central.query('COMMIT');
  }
  sqlite
    .prepare('UPDATE sync_state SET cursor_txid = ?, cursor_seq = 0, central_hlc = ? WHERE only_row = 1')
    .run(watermark ?? '0', centralHlc);
  return { rows: total, centralHlc };
}
