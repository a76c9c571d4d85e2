import { type EntityTable, entityOf } from '../../../shared/sync/entity-registry';

/**
 * Per-column clocks of a mutable row (SYNC.md property 6): JSON of column -> HLC of the write that set it.
 * A local write stamps the columns it changed; merging a pulled image compares column by column.
 */
export function columnClocks(columns: Iterable<string>, hlc: string): string {
  const clocks: Record<string, string> = {};
  for (const column of columns) if (column !== 'id') clocks[column] = hlc;
  return JSON.stringify(clocks);
}

/** Clocks for a row born now: every replicated column of its table carries the creating write's HLC. */
export function newRowClocks(table: EntityTable, hlc: string): string {
  const entity = entityOf(table);
  if (!entity) throw new Error(`${table} is not a replicated table`);
  return columnClocks(
    entity.columns.map((c) => c.name),
    hlc,
  );
}
