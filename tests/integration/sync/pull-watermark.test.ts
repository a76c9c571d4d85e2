import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../shared/ids';
import { centralServers } from '../../support/pg-servers';
import { type SimTerminal, SyncChain } from '../../support/sync-chain';

describe.each(centralServers())('on PostgreSQL %s', (label, adminUrl) => {
  let chain: SyncChain;
  let t01: SimTerminal;
  let t02: SimTerminal;
  const clients: pg.Client[] = [];

  /** Another write path than push (an admin's script, a migration): straight SQL as the central admin. */
  async function adminConnection(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: chain.database.url });
    await client.connect();
    clients.push(client);
    return client;
  }

  function insertProduct(client: pg.Client, id: string, name: string) {
    const now = new Date().toISOString();
    return client.query(
      `INSERT INTO techstore.products (id, sku, name, brand, category, price, cost, iva_rate_bp, min_stock, serial_tracked,
         archived, created_at, updated_at, row_version, col_hlc)
       VALUES ($1, $2, $3, '', '', 100000, 50000, 2100, 0, 0, 0, $4, $4, 1, '{}')`,
      [id, `SKU-${id.slice(-6)}`, name, now],
    );
  }

  const localName = (t: SimTerminal, id: string) =>
    (t.sqlite.prepare('SELECT name FROM products WHERE id = ?').get(id) as { name: string } | undefined)?.name ?? null;

  beforeAll(async () => {
    chain = await SyncChain.create(adminUrl, `sync_watermark_${label}`);
    t01 = await chain.standalone('PAL', 'T01');
    await t01.engine.syncOnce();
    t02 = await chain.joined('PAL', 'T02');
  }, 120_000);

  afterAll(async () => {
    for (const client of clients) await client.end().catch(() => undefined);
    await chain?.close();
  });

  describe('pull never skips (SYNC.md property 4)', () => {
    it('delivers a row whose transaction took a lower id but committed after a higher one', async () => {
      const a = await adminConnection();
      const b = await adminConnection();
      const idA = newId();
      const idB = newId();
      await a.query('BEGIN');
      await insertProduct(a, idA, 'Escrito primero, confirmado después');
      await b.query('BEGIN');
      await insertProduct(b, idB, 'Escrito después, confirmado primero');
      await b.query('COMMIT');

      await t01.engine.pull();
      // B committed, but A (a lower txid) is still open: the watermark holds B back rather than pass A by.
      expect(localName(t01, idA)).toBeNull();

      await a.query('COMMIT');
      await t01.engine.pull();
      expect(localName(t01, idA)).toBe('Escrito primero, confirmado después');
      expect(localName(t01, idB)).toBe('Escrito después, confirmado primero');
    });

    it('ends every terminal on central’s final image when two updates commit opposite to their txid order', async () => {
      const id = newId();
      const setup = await adminConnection();
      await insertProduct(setup, id, 'Original');
      await chain.settle();
      const a = await adminConnection();
      const b = await adminConnection();
      await a.query('BEGIN');
      await a.query('SELECT pg_current_xact_id()'); // A takes the lower transaction id
      await b.query('BEGIN');
      await b.query("UPDATE techstore.products SET name = 'Versión B', row_version = row_version + 1 WHERE id = $1", [
        id,
      ]);
      await b.query('COMMIT');
      await t01.engine.pull(); // sees nothing of B yet: A is in flight below it
      await a.query("UPDATE techstore.products SET name = 'Versión A', row_version = row_version + 1 WHERE id = $1", [
        id,
      ]);
      await a.query('COMMIT');
      await chain.settle();

      const central = await chain.admin.query('SELECT name, row_version FROM techstore.products WHERE id = $1', [id]);
      expect(central.rows[0]).toMatchObject({ name: 'Versión A' });
      for (const t of [t01, t02]) {
        expect(localName(t, id)).toBe('Versión A');
        const local = t.sqlite.prepare('SELECT central_version FROM products WHERE id = ?').get(id) as {
          central_version: number;
        };
        expect(local.central_version).toBe(Number(central.rows[0]?.row_version));
      }
    });

    it('pages through a long feed with a small page size and misses nothing', async () => {
      const writer = await adminConnection();
      const ids = Array.from({ length: 57 }, () => newId());
      for (const id of ids) await insertProduct(writer, id, `Producto ${id.slice(-4)}`);
      await t02.engine.pull(7);
      for (const id of ids) expect(localName(t02, id)).not.toBeNull();
    });
  });
});
