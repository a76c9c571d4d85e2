/**
 * Central's CHECK constraints (migration 0012) and the terminal's rules for pulled rows (shared/sync/row-bounds.ts)
 * say the same at every bound: a value at a bound is accepted by both, one step past it refused by both, each
 * refusal at central by the constraint named for it. So central never keeps a row a terminal will not store, and a
 * terminal never refuses a row central accepted today.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initCentral } from '../../../db/central/migrate-central';
import { newId } from '../../../shared/ids';
import { ENTITIES, type EntityDefinition, entityOf } from '../../../shared/sync/entity-registry';
import {
  ACCOUNT_ENTRY_RANGES,
  COLUMN_RANGES,
  REPAIR_DETAIL_RANGES,
  rowBoundsProblem,
} from '../../../shared/sync/row-bounds';
import { createTestDatabase, type TestDatabase } from '../../support/pg-database';
import { centralServers } from '../../support/pg-servers';

const AT = '2026-06-01T12:00:00.000Z';
const HLC = `${'1'.padStart(15, '0')}-000000-${newId()}`;

/** A row of `entity` that fits every rule, for one value to be changed at a time. */
function baseRow(entity: EntityDefinition): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const column of entity.columns) {
    if (column.nullable) row[column.name] = null;
    else if (column.type === 'uuid') row[column.name] = newId();
    else if (column.type === 'integer') row[column.name] = 0;
    else row[column.name] = column.name === 'hlc' ? HLC : AT;
  }
  const fits: Record<string, Record<string, unknown>> = {
    users: { role: 'cashier' },
    store_profiles: { warranty_days: 90 },
    sale_lines: { quantity: 1 },
    stock_movements: { quantity: 1, reason: 'sale' },
    customer_account_entries: { kind: 'charge', amount: 1 },
    repair_events: { kind: 'note', details: '{}' },
    repair_orders: { status: 'received', accessories: '[]' },
    audit_events: { details: '{}' },
  };
  Object.assign(row, fits[entity.table] ?? {});
  // Central's own column of a store's rows (push takes it from the login).
  if (entity.scope === 'store' && !('store_id' in row)) row.store_id = newId();
  if (entity.table === 'store_profiles') row.store_id = row.id;
  return row;
}

interface Case {
  table: string;
  change: Record<string, unknown>;
  /** The constraint central refuses it with; null: accepted. */
  refusedBy: string | null;
}

function cases(): Case[] {
  const all: Case[] = [];
  for (const entity of ENTITIES) {
    const ranges = COLUMN_RANGES[entity.table] ?? {};
    for (const column of entity.columns) {
      if (column.type !== 'integer') continue;
      const name = `${entity.table}_${column.name}_bounds`;
      const rule = ranges[column.name];
      if (rule) {
        const [least, greatest] = rule.range;
        all.push({ table: entity.table, change: { [column.name]: least }, refusedBy: null });
        all.push({ table: entity.table, change: { [column.name]: greatest }, refusedBy: null });
        all.push({ table: entity.table, change: { [column.name]: least - 1 }, refusedBy: name });
        all.push({ table: entity.table, change: { [column.name]: greatest + 1 }, refusedBy: name });
        if (rule.nonZero) all.push({ table: entity.table, change: { [column.name]: 0 }, refusedBy: name });
      } else if (!(entity.table === 'customer_account_entries' && column.name === 'amount')) {
        // Past what a terminal reads exactly: refused by 0012, or by an older CHECK of the table's own.
        const refusedBy = entity.table === 'store_profiles' ? `store_profiles_${column.name}` : name;
        for (const value of [Number.MAX_SAFE_INTEGER + 1, -(Number.MAX_SAFE_INTEGER + 1)])
          all.push({ table: entity.table, change: { [column.name]: value }, refusedBy });
      }
    }
  }
  const amount = 'customer_account_entries_amount_bounds';
  for (const [kind, rule] of Object.entries(ACCOUNT_ENTRY_RANGES)) {
    const method = kind === 'payment' ? 'cash' : null;
    const [least, greatest] = rule.range;
    for (const [value, refusedBy] of [
      [least, null],
      [greatest, null],
      [least - 1, amount],
      [greatest + 1, amount],
      [0, amount],
    ] as const)
      all.push({ table: 'customer_account_entries', change: { kind, amount: value, method }, refusedBy });
  }
  const method = 'customer_account_entries_method_bounds';
  all.push(
    { table: 'customer_account_entries', change: { kind: 'refund', amount: 1 }, refusedBy: amount },
    { table: 'customer_account_entries', change: { kind: 'payment', amount: -1, method: null }, refusedBy: method },
    { table: 'customer_account_entries', change: { kind: 'payment', amount: -1, method: 'cheque' }, refusedBy: method },
    { table: 'customer_account_entries', change: { kind: 'charge', amount: 1, method: 'cash' }, refusedBy: method },
  );
  const details = 'repair_events_details_bounds';
  for (const [kind, keys] of Object.entries(REPAIR_DETAIL_RANGES)) {
    for (const [key, [least, greatest]] of Object.entries(keys)) {
      for (const [value, refusedBy] of [
        [least, null],
        [greatest, null],
        [least - 1, details],
        [greatest + 1, details],
        [least + 0.5, details],
        ['mucho', null],
      ] as const)
        all.push({ table: 'repair_events', change: { kind, details: JSON.stringify({ [key]: value }) }, refusedBy });
    }
    for (const [text, refusedBy] of [
      ['{}', null],
      ['no es json', details],
      ['null', details],
      ['[1]', details],
    ] as const)
      all.push({ table: 'repair_events', change: { kind, details: text }, refusedBy });
  }
  all.push({ table: 'repair_events', change: { kind: 'note', details: '{"amount": 1e30}' }, refusedBy: null });
  return all;
}

describe.each(centralServers())("central's bounds and the terminal's, on PostgreSQL %s", (label, adminUrl) => {
  let database: TestDatabase;
  let admin: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase(adminUrl, `replicated_bounds_${label}`);
    admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await initCentral(admin);
  });
  afterAll(async () => {
    await admin?.end();
    await database?.drop();
  });

  /** Central's answer to the row (as a superuser, in a transaction rolled back): null, or the constraint refusing it. */
  async function central(table: string, row: Record<string, unknown>): Promise<string | null> {
    const columns = Object.keys(row)
      .map((c) => `"${c}"`)
      .join(', ');
    await admin.query('BEGIN');
    try {
      await admin.query(
        `INSERT INTO techstore."${table}" (${columns}) SELECT ${columns} FROM jsonb_populate_record(NULL::techstore."${table}", $1)`,
        [JSON.stringify(row)],
      );
      return null;
    } catch (error) {
      if (error instanceof pg.DatabaseError && error.code === '23514') return error.constraint ?? error.message;
      throw error;
    } finally {
      await admin.query('ROLLBACK');
    }
  }

  it.each(cases().map((c) => [`${c.table} ${JSON.stringify(c.change)}`, c] as const))('%s', async (_name, c) => {
    const entity = entityOf(c.table);
    if (!entity) throw new Error(c.table);
    const row = { ...baseRow(entity), ...c.change };
    expect(await central(c.table, row)).toBe(c.refusedBy);
    const terminal = rowBoundsProblem(entity, (column) => row[column]);
    // Only the columns of 0012: the terminal does not restate store_profiles' own CHECKs (its schema has them).
    if (c.table !== 'store_profiles') expect(terminal === null).toBe(c.refusedBy === null);
  });

  it('has a constraint for every integer column of every replicated table', async () => {
    const found = await admin.query<{ table: string; definition: string }>(
      `SELECT conrelid::regclass::text AS table, pg_get_constraintdef(oid) AS definition FROM pg_constraint
        WHERE connamespace = 'techstore'::regnamespace AND contype = 'c'`,
    );
    const missing = ENTITIES.flatMap((entity) =>
      entity.columns
        .filter((column) => column.type === 'integer')
        .filter(
          (column) =>
            !found.rows.some(
              (r) => r.table === `techstore.${entity.table}` && new RegExp(`\\b${column.name}\\b`).test(r.definition),
            ),
        )
        .map((column) => `${entity.table}.${column.name}`),
    );
    expect(missing).toEqual([]);
  });
});
