import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { CoreError } from '../../../shared/errors';
import type { EntityDefinition } from '../../../shared/sync/entity-registry';
import { snapshotColumns } from './snapshot-page-apply';

/** A page of rows as central's COPY sent them, checked and typed, with the highest id (where the next starts). */
export interface CopiedPage {
  rows: unknown[][];
  lastId: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const INTEGER = /^-?\d{1,18}$/;
const NULL_FIELD = '\\N';

/**
 * Reads one page of `entity` with `COPY (SELECT * FROM sync_api.snapshot_rows(...)) TO STDOUT` and resolves with
 * its bytes, whole. COPY runs on the simple query protocol, without parameters: the table name is the registry's
 * constant and the id a uuid this terminal checked, both passed as escaped literals, and the column definition
 * list is made of the registry's names only. Must run inside the caller's REPEATABLE READ READ ONLY transaction.
 */
export function copySnapshotPage(
  central: pg.Client,
  entity: EntityDefinition,
  afterId: string | null,
  limit: number,
): Promise<Buffer> {
  if (afterId !== null && !UUID.test(afterId)) throw new Error(`not a uuid: ${afterId}`);
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`not a page size: ${limit}`);
  const definition = snapshotColumns(entity)
    .map((c) => `${central.escapeIdentifier(c)} text`)
    .join(', ');
  const after = afterId === null ? 'NULL' : `${central.escapeLiteral(afterId)}::uuid`;
  const sql = `COPY (SELECT * FROM sync_api.snapshot_rows(${central.escapeLiteral(entity.table)}, ${after}, ${limit})
                 AS r(${definition})) TO STDOUT`;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const stream = central.query(copyTo(sql));
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', reject);
    stream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

function malformed(entity: EntityDefinition, line: number, why: string): CoreError {
  return new CoreError(
    'INTERNAL',
    `central sent a ${entity.table} snapshot page this terminal cannot read: row ${line} ${why}`,
  );
}

/** The escapes COPY TO writes in text format: a backslash before b f n r t v or itself. */
const ESCAPES: Readonly<Record<string, string>> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** A text field as COPY wrote it, or null when it holds an escape COPY TO never writes. */
function copyText(field: string): string | null {
  if (!field.includes('\\')) return field;
  let bad = false;
  const text = field.replace(/\\([\s\S]?)/g, (_, c: string) => {
    const plain = ESCAPES[c];
    if (plain === undefined) bad = true;
    return plain ?? '';
  });
  return bad ? null : text;
}

type Decode = (field: string, line: number) => unknown;

/** How each column of a page is read and checked, from the registry (mutable rows: row_version, col_hlc). */
function decoders(entity: EntityDefinition): Decode[] {
  const nullable =
    (name: string, decode: Decode): Decode =>
    (field, line) => {
      if (field === NULL_FIELD) throw malformed(entity, line, `has no ${name}`);
      return decode(field, line);
    };
  const columns: Decode[] = entity.columns.map((column) => {
    const decode: Decode =
      column.type === 'integer'
        ? (field, line) => {
            if (!INTEGER.test(field)) throw malformed(entity, line, `has ${column.name} ${field.slice(0, 40)}`);
            return Number(field);
          }
        : column.type === 'uuid'
          ? (field, line) => {
              if (!UUID.test(field)) throw malformed(entity, line, `has ${column.name} ${field.slice(0, 40)}`);
              return field;
            }
          : (field, line) => {
              const text = copyText(field);
              if (text === null) throw malformed(entity, line, `has ${column.name} with an unknown escape`);
              return text;
            };
    if (column.nullable) return (field, line) => (field === NULL_FIELD ? null : decode(field, line));
    return nullable(column.name, decode);
  });
  if (entity.kind === 'ledger') return columns;
  return [
    ...columns,
    nullable('row_version', (field, line) => {
      if (!INTEGER.test(field)) throw malformed(entity, line, `has row_version ${field.slice(0, 40)}`);
      return Number(field);
    }),
    nullable('col_hlc', (field, line) => {
      let clocks: unknown;
      try {
        clocks = JSON.parse(copyText(field) ?? '');
      } catch {
        clocks = undefined;
      }
      if (clocks === null || typeof clocks !== 'object' || Array.isArray(clocks)) {
        throw malformed(entity, line, 'has column clocks that are not an object');
      }
      return clocks;
    }),
  ];
}

/**
 * Checks and types every row of a page before anything is written: as many fields as the registry's columns
 * (plus the mutable bookkeeping), uuids as uuids, integers as integers, no NULL where the registry has none, the
 * column clocks a json object, ids strictly increasing (snapshot_rows sends them in id order). Text is read with
 * COPY's escapes. Any of it wrong is a CoreError naming the row.
 */
export function parseSnapshotPage(entity: EntityDefinition, bytes: Buffer): CopiedPage {
  const decode = decoders(entity);
  const width = decode.length;
  const text = bytes.toString('utf8');
  if (text.length > 0 && !text.endsWith('\n')) throw malformed(entity, 0, 'is cut short');
  const lines = text.length === 0 ? [] : text.slice(0, -1).split('\n');
  const rows: unknown[][] = new Array(lines.length);
  let lastId: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const fields = (lines[i] as string).split('\t');
    if (fields.length !== width) throw malformed(entity, i, `has ${fields.length} values, not ${width}`);
    const row: unknown[] = new Array(width);
    for (let c = 0; c < width; c++) row[c] = (decode[c] as Decode)(fields[c] as string, i);
    const id = row[0] as string;
    if (lastId !== null && id <= lastId) throw malformed(entity, i, 'is out of id order');
    lastId = id;
    rows[i] = row;
  }
  return { rows, lastId };
}
