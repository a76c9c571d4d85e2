import type pg from 'pg';
import { z } from 'zod';
import { ENTITIES } from '../../../shared/sync/entity-registry';

const digestSchema = z.array(z.object({ count: z.coerce.number() }));

/**
 * How many rows a fresh terminal's snapshot will copy, per table, for its progress bar. Central has no count
 * function of its own, so this sums the per-day row counts of `sync_api.digest` (SYNC.md property 9), which a
 * terminal login may already call. It is read just before the snapshot's transaction, so it is an estimate:
 * rows written in between make the copy slightly longer or shorter.
 */
export async function countSnapshotRows(central: pg.Client): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  for (const entity of ENTITIES) {
    const result = await central.query('SELECT sync_api.digest($1) AS d', [entity.table]);
    const days = digestSchema.parse(result.rows[0]?.d);
    totals.set(
      entity.table,
      days.reduce((sum, day) => sum + day.count, 0),
    );
  }
  return totals;
}
