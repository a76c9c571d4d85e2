import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { type EntityDefinition, isInScope } from '../../../shared/sync/entity-registry';

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

/**
 * Digests of the local rows of a table in this terminal's scope (store `storeId`), per day, as central counts them
 * for it. A row can be held out of scope: a user whose home store central settled on another store after this
 * terminal had pulled them (central 0011) stays here under that store, and is not counted.
 */
export function localDigests(
  sqlite: Database.Database,
  entity: EntityDefinition,
  storeId: string,
): Map<string, SliceDigest> {
  const columns = entity.columns.map((c) => `"${c.name}"`).join(', ');
  const slices = new Map<string, SliceDigest>();
  // Global rows are all in scope, and a store-scoped row only ever arrives for this store (several carry no
  // store_id here at all); a store_or_chain row may have left this store's scope since it arrived.
  const scoped = entity.scope === 'store_or_chain';
  for (const row of sqlite.prepare(`SELECT ${columns} FROM "${entity.table}"`).iterate() as Iterable<
    Record<string, unknown>
  >) {
    if (scoped && !isInScope(entity, row.store_id, storeId)) continue;
    const day = dayOf(entity, row);
    const slice = slices.get(day) ?? { day, count: 0, sum: 0 };
    slice.count += 1;
    slice.sum = (slice.sum + rowHash(canonicalText(entity, row))) % 4_294_967_296;
    slices.set(day, slice);
  }
  return slices;
}
