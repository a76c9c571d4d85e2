/**
 * SYNC.md property 7 at quiescence, against the model: every terminal's replicated tables equal central's for
 * its scope, stock equals the sum of movements and the model's expectation, every ledger row exists exactly
 * once, every mutable column holds its highest-HLC write, no sale lost or duplicated. Quarantine (property 6:
 * a merge more than 5 minutes ahead of central) is checked on both sides and its mutations leave the model.
 */
import { decodeHlc } from '../../shared/hlc';
import { ENTITIES, isInScope } from '../../shared/sync/entity-registry';
import { checkBusiness } from './convergence-check-business';
import { cellKey, rowKey, touchesMutableRows } from './convergence-model';
import type { ConvergenceWorld, WorldTerminal } from './convergence-world';

const AHEAD_LIMIT_MS = 5 * 60_000;

export interface ConvergenceReport {
  problems: string[];
  quarantined: number;
  /** Cells and rows kept only by the terminal whose quarantined mutations wrote them. */
  quarantinedFootprint: number;
  comparedRows: number;
}

/** Canonical text of a value as both sides store it (PostgreSQL bigint arrives as a string). */
function canon(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

type Row = Record<string, unknown>;

function parseClock(colHlc: unknown, column: string): string | undefined {
  if (typeof colHlc !== 'string') return undefined;
  const clocks: unknown = JSON.parse(colHlc);
  if (typeof clocks !== 'object' || clocks === null) return undefined;
  const clock: unknown = Object.entries(clocks).find(([name]) => name === column)?.[1];
  return typeof clock === 'string' ? clock : undefined;
}

async function storeIds(world: ConvergenceWorld): Promise<Map<string, string>> {
  const result = await world.admin.query<{ code: string; id: string }>('SELECT code, id FROM techstore.stores');
  return new Map(result.rows.map((r) => [r.code, r.id]));
}

function localRows(t: WorldTerminal, table: string, columns: readonly string[]): Row[] {
  const list = columns.map((c) => `"${c}"`).join(', ');
  return t.sim.sqlite.prepare(`SELECT ${list} FROM "${table}"`).all() as Row[];
}

export async function checkConvergence(world: ConvergenceWorld): Promise<ConvergenceReport> {
  const problems: string[] = [];
  const problem = (text: string) => {
    if (problems.length < 200) problems.push(text);
  };
  const { model, admin } = world;
  const stores = await storeIds(world);

  // --- quarantine: exactly the merges from a clock more than 5 minutes ahead, on central and on the terminal
  const centralQuarantine = new Set(
    (await admin.query<{ mutation_id: string }>('SELECT mutation_id FROM techstore.quarantined_mutations')).rows.map(
      (r) => r.mutation_id,
    ),
  );
  const localQuarantine = new Set<string>();
  for (const t of world.terminals) {
    const rows = t.sim.sqlite.prepare('SELECT mutation_id FROM outbox WHERE quarantined = 1').all() as {
      mutation_id: string;
    }[];
    for (const r of rows) localQuarantine.add(r.mutation_id);
    const pending = t.sim.sqlite
      .prepare(
        'SELECT count(*) AS n FROM outbox WHERE seq > (SELECT acked_seq FROM sync_state WHERE only_row = 1) AND quarantined = 0',
      )
      .get() as { n: number };
    if (pending.n > 0) problem(`${world.label(t)}: ${pending.n} mutations still pending after settling`);
  }
  const now = Date.now();
  for (const m of model.mutations.values()) {
    const wall = decodeHlc(m.hlc)?.wallMs ?? 0;
    const expected = touchesMutableRows(m.payload) && wall > now + AHEAD_LIMIT_MS;
    if (expected !== centralQuarantine.has(m.mutationId))
      problem(`${m.terminal} ${m.kind} ${m.mutationId} hlc ${m.hlc}: quarantined on central ${!expected}`);
    if (expected !== localQuarantine.has(m.mutationId))
      problem(`${m.terminal} ${m.kind} ${m.mutationId}: marked quarantined in the outbox ${!expected}`);
  }
  for (const id of centralQuarantine)
    if (!model.mutations.has(id)) problem(`central quarantined ${id}, which no terminal wrote`);

  // --- ledger rows: exactly the accepted mutations' rows, once each
  const expectedLedger = model.ledgerIds(centralQuarantine);
  const centralById = new Map<string, Map<string, Row>>();
  for (const entity of ENTITIES) {
    const list = entity.columns.map((c) => `"${c.name}"`).join(', ');
    const extra = entity.scope === 'store' && !entity.columns.some((c) => c.name === 'store_id') ? ', store_id' : '';
    const rows = (await admin.query<Row>(`SELECT ${list}${extra} FROM techstore."${entity.table}"`)).rows;
    const byId = new Map<string, Row>();
    for (const row of rows) {
      const id = String(row.id);
      if (byId.has(id)) problem(`central ${entity.table} holds ${id} twice`);
      byId.set(id, row);
    }
    centralById.set(entity.table, byId);
    const expected = expectedLedger.get(entity.table);
    if (!expected) continue;
    for (const [id, store] of expected) {
      const row = byId.get(id);
      if (!row) problem(`central lost ${entity.table} ${id} (store ${store})`);
      else if (String(row.store_id) !== stores.get(store)) problem(`central ${entity.table} ${id} in the wrong store`);
    }
    for (const id of byId.keys()) if (!expected.has(id)) problem(`central holds ${entity.table} ${id} nobody wrote`);
  }

  // --- sales: none lost, none duplicated, lines and totals as sold
  const centralSales = centralById.get('sales') ?? new Map<string, Row>();
  const linesPerSale = new Map<string, number>();
  for (const line of (centralById.get('sale_lines') ?? new Map<string, Row>()).values())
    linesPerSale.set(String(line.sale_id), (linesPerSale.get(String(line.sale_id)) ?? 0) + 1);
  for (const sale of model.sales.values()) {
    if (sale.mutationId !== undefined && centralQuarantine.has(sale.mutationId)) continue;
    const row = centralSales.get(sale.id);
    if (!row) problem(`sale ${sale.id} of store ${sale.store} lost`);
    else if (Number(row.total) !== sale.total) problem(`sale ${sale.id} total ${row.total}, sold for ${sale.total}`);
    if ((linesPerSale.get(sale.id) ?? 0) !== sale.lines)
      problem(`sale ${sale.id} has ${linesPerSale.get(sale.id) ?? 0} lines on central, sold with ${sale.lines}`);
  }
  for (const id of centralSales.keys()) if (!model.sales.has(id)) problem(`central holds sale ${id} never completed`);

  // --- mutable cells: central holds the highest-HLC write, with that clock
  const winners = model.winningWrites(centralQuarantine);
  const centralClocks = new Map<string, Record<string, string>>();
  for (const entity of ENTITIES.filter((e) => e.kind === 'mutable')) {
    const rows = await admin.query<{ id: string; col_hlc: Record<string, string> }>(
      `SELECT id, col_hlc FROM techstore."${entity.table}"`,
    );
    for (const r of rows.rows) centralClocks.set(rowKey(entity.table, r.id), r.col_hlc);
  }
  for (const [key, write] of winners) {
    const [table = '', id = '', column = ''] = key.split('\u001f');
    const row = centralById.get(table)?.get(id);
    if (!row) {
      problem(`central lost ${table} ${id} (written by ${write.mutationId})`);
      continue;
    }
    const clock = centralClocks.get(rowKey(table, id))?.[column];
    if (clock !== write.hlc) problem(`central ${table} ${id}.${column} clock ${clock}, highest write ${write.hlc}`);
    if (canon(row[column]) !== canon(write.value))
      problem(`central ${table} ${id}.${column} = ${canon(row[column])}, highest-HLC write ${canon(write.value)}`);
  }
  for (const [mutationId, requested] of model.requested) {
    const m = model.mutations.get(mutationId);
    const change = Array.isArray(m?.payload.changes)
      ? (m.payload.changes[0] as { columns?: Row } | undefined)
      : undefined;
    const snake: Record<string, string> = { minStock: 'min_stock', creditLimit: 'credit_limit' };
    for (const { column, value } of requested) {
      const recorded = change?.columns?.[snake[column] ?? column];
      if (recorded !== undefined && canon(recorded) !== canon(value))
        problem(`edit ${mutationId} asked ${column}=${canon(value)}, the terminal recorded ${canon(recorded)}`);
    }
  }

  // --- each terminal equals central for its scope, row by row on the registry's columns
  let comparedRows = 0;
  let footprint = 0;
  for (const t of world.terminals) {
    const label = world.label(t);
    const storeId = stores.get(t.plan.store);
    const own = model.quarantinedFootprint(label, centralQuarantine);
    for (const entity of ENTITIES) {
      const columns = entity.columns.map((c) => c.name);
      const central = new Map<string, Row>();
      for (const [id, row] of centralById.get(entity.table) ?? [])
        if (isInScope(entity, row.store_id, storeId ?? '')) central.set(id, row);
      const withClocks = entity.kind === 'mutable' ? [...columns, 'col_hlc'] : columns;
      const local = new Map(localRows(t, entity.table, withClocks).map((r) => [String(r.id), r]));
      for (const [id, row] of local) {
        const key = rowKey(entity.table, id);
        const other = central.get(id);
        if (!other) {
          if (own.rows.has(key)) footprint++;
          else problem(`${label} holds ${entity.table} ${id} that central does not`);
          continue;
        }
        comparedRows++;
        for (const column of columns) {
          if (canon(row[column]) === canon(other[column])) continue;
          if (own.cells.has(cellKey(entity.table, id, column))) {
            footprint++;
            continue;
          }
          // The clocks on both sides say which merge rule let the cell drift.
          const localClock = parseClock(row.col_hlc, column);
          const centralClock = centralClocks.get(key)?.[column];
          problem(
            `${label} ${entity.table} ${id}.${column} = ${canon(row[column])} (clock ${localClock}), central ${canon(other[column])} (clock ${centralClock})`,
          );
        }
      }
      for (const id of central.keys()) if (!local.has(id)) problem(`${label} lacks ${entity.table} ${id}`);
    }

    // --- stock: the terminal's sum of movements = central's = the model's
    const localStock = new Map(
      (
        t.sim.sqlite
          .prepare('SELECT product_id, sum(quantity) AS q FROM stock_movements GROUP BY product_id')
          .all() as { product_id: string; q: number }[]
      ).map((r) => [r.product_id, Number(r.q)]),
    );
    const expectedStock = model.stockFor();
    for (const [key, expected] of expectedStock) {
      const [store, productId = ''] = key.split('\u001f');
      if (store !== t.plan.store) continue;
      const held = localStock.get(productId) ?? 0;
      if (held !== expected) problem(`${label} stock of ${productId} is ${held}, the model says ${expected}`);
    }
    for (const [productId, held] of localStock)
      if (!expectedStock.has(`${t.plan.store}\u001f${productId}`) && held !== 0)
        problem(`${label} stock of ${productId} is ${held}, the model has no movement`);
  }
  const centralStock = await admin.query<{ code: string; product_id: string; q: string }>(
    `SELECT s.code, m.product_id, sum(m.quantity) AS q FROM techstore.stock_movements m
       JOIN techstore.stores s ON s.id = m.store_id GROUP BY 1, 2`,
  );
  const centralExpected = model.stockFor();
  const seen = new Set<string>();
  for (const r of centralStock.rows) {
    const key = `${r.code}\u001f${r.product_id}`;
    seen.add(key);
    if (Number(r.q) !== (centralExpected.get(key) ?? 0))
      problem(
        `central stock of ${r.product_id} in ${r.code} is ${r.q}, the model says ${centralExpected.get(key) ?? 0}`,
      );
  }
  for (const [key, expected] of centralExpected)
    if (!seen.has(key) && expected !== 0) problem(`central has no movement for ${key.replace('\u001f', ' ')}`);

  // --- cuenta corriente and repair orders: balances, charges of sales, statuses (convergence-check-business.ts)
  checkBusiness({ world, central: centralById, stores, quarantined: centralQuarantine, problem });

  return { problems, quarantined: centralQuarantine.size, quarantinedFootprint: footprint, comparedRows };
}
