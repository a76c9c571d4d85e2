/**
 * The snapshot's fast path (COPY of sync_api.snapshot_rows, rows inserted as they come, search rows of new products written in
 * bulk) must leave a joined terminal exactly as merging every row would: same rows, same search index, the
 * search trigger back as the schema had it, nothing twice when the snapshot runs again over a full file, and
 * nothing of another store.
 */
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapFromSnapshot } from '../../../electron/core/sync/snapshot-bootstrap';
import { parseSnapshotPage } from '../../../electron/core/sync/snapshot-copy-reader';
import { CoreError } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import { entityOf } from '../../../shared/sync/entity-registry';
import { centralServers } from '../../support/pg-servers';
import { type SimTerminal, SyncChain } from '../../support/sync-chain';

const FTS_TRIGGER = "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'products_fts_insert'";

/** The search rows the triggers keep: one per product, its live barcodes joined by spaces. */
function searchRows(sqlite: Database.Database) {
  return {
    fts: sqlite.prepare('SELECT rowid, name, brand, sku, barcodes FROM products_fts ORDER BY rowid').all(),
    expected: sqlite
      .prepare(
        `SELECT p.rowid AS rowid, p.name, p.brand, p.sku,
                coalesce((SELECT group_concat(code, ' ') FROM product_barcodes b
                           WHERE b.product_id = p.id AND b.archived = 0), '') AS barcodes
           FROM products p ORDER BY p.rowid`,
      )
      .all(),
  };
}

/** Twelve digits and their EAN-13 check digit. */
function ean13(twelve: string): string {
  const sum = [...twelve].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return `${twelve}${(10 - (sum % 10)) % 10}`;
}

const ESCAPED = { id: newId(), name: 'Cable\tUSB-C\n2 m \\N\\ "ñandú"\r', brand: '\\' };

const count = (sqlite: Database.Database, table: string) =>
  (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe.each(centralServers())('snapshot bootstrap on PostgreSQL %s', (label, adminUrl) => {
  let chain: SyncChain;
  let t01: SimTerminal;
  let t02: SimTerminal;

  beforeAll(async () => {
    chain = await SyncChain.create(adminUrl, `sync_snap_${label}`);
    t01 = await chain.standalone('PAL', 'T01');
    const other = await chain.standalone('CEN', 'T09');
    for (let i = 0; i < 30; i++) {
      const product = await t01.harness.createProduct({
        sku: `SNAP-${i}`,
        name: `Funda Galaxy ${i}`,
        barcodes: i % 3 === 0 ? [ean13(`779000000${String(i).padStart(3, '0')}`)] : [],
      });
      await t01.harness.ok('sales.complete', {
        saleId: newId(),
        lines: [{ productId: product.id, quantity: 1 }],
        payment: { method: 'cash', tendered: 1_000_000_000 },
      });
    }
    const theirs = await other.harness.createProduct({ sku: 'CEN-1', name: 'Cable de otra sucursal' });
    await other.harness.ok('sales.complete', {
      saleId: newId(),
      lines: [{ productId: theirs.id, quantity: 1 }],
      payment: { method: 'cash', tendered: 1_000_000_000 },
    });
    await t01.engine.syncOnce();
    await other.engine.syncOnce();
    // Text COPY has to escape: a tab, a newline, a backslash, a carriage return, and text beyond ASCII.
    await chain.admin.query(
      `INSERT INTO techstore.products (id, sku, name, brand, category, price, cost, iva_rate_bp, min_stock,
         serial_tracked, archived, created_at, updated_at, col_hlc)
       VALUES ($1, 'ESC-1', $2, $3, 'Cables', 1000, 500, 2100, 0, 0, 0, '2026-01-01T00:00:00.000Z',
               '2026-01-01T00:00:00.000Z', '{"name": "001767225600000-000000-esc"}')`,
      [ESCAPED.id, ESCAPED.name, ESCAPED.brand],
    );
    t02 = await chain.joined('PAL', 'T02');
  }, 180_000);

  afterAll(async () => {
    await chain?.close();
  });

  it('copies every row of its scope and none of another store', async () => {
    const central = async (table: string, store: 'PAL' | null) => {
      const where = store
        ? 'WHERE x.store_id = (SELECT id FROM techstore.stores WHERE code = $1)'
        : 'WHERE $1::text IS NULL';
      return Number(
        (await chain.admin.query(`SELECT count(*) AS n FROM techstore.${table} x ${where}`, [store])).rows[0]?.n,
      );
    };
    for (const table of ['products', 'product_barcodes']) {
      expect(count(t02.sqlite, table), table).toBe(await central(table, null));
    }
    // Users are their store's and the chain's: the other store's people (and PIN hashes) stay there.
    const users = await chain.admin.query<{ id: string; code: string | null }>(
      `SELECT u.id, s.code FROM techstore.users u LEFT JOIN techstore.stores s ON s.id = u.store_id`,
    );
    const copied = (t02.sqlite.prepare('SELECT id FROM users').all() as { id: string }[]).map((r) => r.id).sort();
    expect(copied).toEqual(
      users.rows
        .filter((u) => u.code === 'PAL' || u.code === null)
        .map((u) => u.id)
        .sort(),
    );
    expect(users.rows.some((u) => u.code === 'CEN')).toBe(true);
    for (const table of ['sales', 'sale_lines', 'payments', 'stock_movements']) {
      expect(count(t02.sqlite, table), table).toBe(await central(table, 'PAL'));
      expect(count(t02.sqlite, table), table).toBeLessThan(await central(table, null));
    }
  });

  it('reads text COPY had to escape exactly as central holds it', () => {
    expect(t02.sqlite.prepare('SELECT name, brand, price, col_hlc FROM products WHERE id = ?').get(ESCAPED.id)).toEqual(
      { name: ESCAPED.name, brand: ESCAPED.brand, price: 1000, col_hlc: '{"name":"001767225600000-000000-esc"}' },
    );
  });

  it('keeps the search index as the triggers would, and puts the trigger back as it was', async () => {
    const { fts, expected } = searchRows(t02.sqlite);
    expect(fts).toEqual(expected);
    expect(fts.length).toBe(count(t02.sqlite, 'products'));
    expect(t02.sqlite.prepare(FTS_TRIGGER).get()).toEqual(t01.sqlite.prepare(FTS_TRIGGER).get());
    expect((await t02.harness.ok('catalog.search', { query: ean13('779000000003') })).items.map((i) => i.name)).toEqual(
      ['Funda Galaxy 3'],
    );
  });

  it('run again over a full file, it adds nothing and keeps local column wins', async () => {
    const before = Object.fromEntries(
      ['products', 'product_barcodes', 'sales', 'sale_lines', 'stock_movements'].map((t) => [t, count(t02.sqlite, t)]),
    );
    const product = (await t02.harness.ok('catalog.search', { query: 'Funda Galaxy 7' })).items[0];
    if (!product) throw new Error('no product to edit');
    // A local edit central has not seen: its clock is newer than central's, so the snapshot must not undo it.
    await t02.harness.ok('catalog.update', { id: product.id, changes: { price: 2_222_222 } });
    await bootstrapFromSnapshot(t02.sqlite, t02.central);
    for (const [table, n] of Object.entries(before)) expect(count(t02.sqlite, table), table).toBe(n);
    expect((await t02.harness.ok('catalog.get', { id: product.id })).price).toBe(2_222_222);
    const { fts, expected } = searchRows(t02.sqlite);
    expect(fts).toEqual(expected);
  });
});

describe('a snapshot page as COPY text', () => {
  const movements = entityOf('stock_movements');
  if (!movements) throw new Error('no stock_movements in the registry');
  const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const line = (n: number, fields: Partial<Record<number, string>> = {}) =>
    movements.columns
      .map((c, i) => fields[i] ?? (c.type === 'uuid' ? (c.nullable ? '\\N' : id(n)) : c.type === 'integer' ? '1' : 'x'))
      .join('\t');
  const page = (...lines: string[]) => Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8');

  it('types each value by the registry and finds the last id', () => {
    const parsed = parseSnapshotPage(movements, page(line(1), line(2, { 6: 'a\\tb' })));
    expect(parsed.lastId).toBe(id(2));
    expect(parsed.rows).toHaveLength(2);
    expect(parsed.rows[1]?.[3]).toBe(1);
    expect(parsed.rows[1]?.[6]).toBe('a\tb');
    expect(parsed.rows[0]?.[6]).toBe('x');
  });

  it.each([
    ['a row with a value missing', page(line(1).split('\t').slice(1).join('\t'))],
    ['an integer that is not one', page(line(1, { 3: '1.5' }))],
    ['a uuid that is not one', page(line(1, { 0: 'nope' }))],
    ['a NULL where the registry has none', page(line(1, { 3: '\\N' }))],
    ['an escape COPY never writes', page(line(1, { 6: 'a\\101' }))],
    ['ids out of order', page(line(2), line(1))],
    ['a page cut short', Buffer.from(line(1), 'utf8')],
  ])('refuses %s with a CoreError', (_, bytes) => {
    expect(() => parseSnapshotPage(movements, bytes)).toThrow(CoreError);
  });
});
