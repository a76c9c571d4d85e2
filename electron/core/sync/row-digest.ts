import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { EntityDefinition } from '../../../shared/sync/entity-registry';

/**
 * The terminal's side of SYNC.md property 9, computed exactly as central's `sync_api.digest`: a row's canonical
 * text is its registry columns in order, as text, joined by U+001F, NULL written as U+001E 'NULL'; its hash is
 * the first 32 bits of the MD5 of that text; a slice's digest is its row count and the sum of hashes mod 2^32.
 */
export interface SliceDigest {
  day: string;
  count: number;
  sum: number;
}

const NULL_MARK = '\u001eNULL';
const SEPARATOR = '\u001f';

export function canonicalText(entity: EntityDefinition, row: Record<string, unknown>): string {
  return entity.columns
    .map((c) => {
      const value = row[c.name];
      return value === null || value === undefined ? NULL_MARK : String(value);
    })
    .join(SEPARATOR);
}

export function rowHash(canonical: string): number {
  return Number.parseInt(createHash('md5').update(canonical, 'utf8').digest('hex').slice(0, 8), 16);
}

export function dayOf(entity: EntityDefinition, row: Record<string, unknown>): string {
  return entity.columns.some((c) => c.name === 'created_at') ? String(row.created_at ?? '').slice(0, 10) : '';
}

/** Digests of every local row of a table, per day. A terminal holds only its scope, so it reads them all. */
export function localDigests(sqlite: Database.Database, entity: EntityDefinition): Map<string, SliceDigest> {
  const columns = entity.columns.map((c) => `"${c.name}"`).join(', ');
  const slices = new Map<string, SliceDigest>();
  for (const row of sqlite.prepare(`SELECT ${columns} FROM "${entity.table}"`).iterate() as Iterable<
    Record<string, unknown>
  >) {
    const day = dayOf(entity, row);
    const slice = slices.get(day) ?? { day, count: 0, sum: 0 };
    slice.count += 1;
    slice.sum = (slice.sum + rowHash(canonicalText(entity, row))) % 4_294_967_296;
    slices.set(day, slice);
  }
  return slices;
}
