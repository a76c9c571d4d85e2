/**
 * What a terminal's SQLite file must look like after `kill -9` at any instant (SYNC.md property 1), checked on the
 * file itself with a fresh better-sqlite3 connection, the way the app finds it on the next start. Returns every
 * problem found as a sentence, so a failing round says all that is wrong at once.
 */
import Database from 'better-sqlite3';

export type AskedLines = readonly { productId: string; quantity: number }[];

export interface Expectations {
  /** Sale id -> number: every sale a child reported done, plus every sale an earlier check found committed. */
  mustExist: ReadonlyMap<string, string>;
  /** Sale id -> lines (product, quantity, in order) of every sale a child began, done or not. */
  asked: ReadonlyMap<string, AskedLines>;
}

export interface StoreSnapshot {
  /** Sale id -> number, every sale in the file. */
  sales: Map<string, string>;
  problems: string[];
}

interface SaleRow {
  id: string;
  number: string;
  sequence: number;
  total: number;
}
interface LineRow {
  sale_id: string;
  line_no: number;
  product_id: string;
  quantity: number;
  line_total: number;
}
interface PaymentRow {
  sale_id: string;
  amount: number;
}
interface MovementRow {
  sale_id: string | null;
  product_id: string;
  quantity: number;
  reason: string;
}
interface OutboxRow {
  seq: number;
  sale_id: string | null;
  line_count: number | null;
  movement_count: number | null;
  payment_count: number | null;
}

/** The oracle is spelled out here rather than taken from shared/document-number, the code under test. */
export function expectedSaleNumber(sequence: number): string {
  return `T01-${String(sequence).padStart(8, '0')}`;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string | null): Map<string | null, T[]> {
  const groups = new Map<string | null, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

export function checkStore(file: string, expected: Expectations): StoreSnapshot {
  // Read-write on purpose: opening is what replays or discards the WAL left by the killed process.
  const db = new Database(file, { fileMustExist: true });
  try {
    const problems: string[] = [];
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
    const fkErrors = db.pragma('foreign_key_check');
    if (Array.isArray(fkErrors) && fkErrors.length > 0) problems.push(`foreign_key_check: ${JSON.stringify(fkErrors)}`);

    const sales = db.prepare<[], SaleRow>('SELECT id, number, sequence, total FROM sales ORDER BY sequence').all();
    const lines = db
      .prepare<[], LineRow>(
        'SELECT sale_id, line_no, product_id, quantity, line_total FROM sale_lines ORDER BY sale_id, line_no',
      )
      .all();
    const payments = db.prepare<[], PaymentRow>('SELECT sale_id, amount FROM payments').all();
    const movements = db
      .prepare<[], MovementRow>(
        "SELECT sale_id, product_id, quantity, reason FROM stock_movements WHERE sale_id IS NOT NULL OR reason = 'sale'",
      )
      .all();
    const outbox = db
      .prepare<[], OutboxRow>(
        `SELECT seq, json_extract(payload, '$.sales[0].id') AS sale_id,
                json_array_length(payload, '$.sale_lines') AS line_count,
                json_array_length(payload, '$.stock_movements') AS movement_count,
                json_array_length(payload, '$.payments') AS payment_count
           FROM outbox WHERE kind = 'sale.complete' ORDER BY seq`,
      )
      .all();
    const counter = db
      .prepare<[], { last_value: number }>("SELECT last_value FROM document_counters WHERE series = 'sale'")
      .get();

    // Gap-free numbering: the n-th sale by sequence is number n, and the counter stopped exactly there.
    sales.forEach((sale, index) => {
      const sequence = index + 1;
      if (sale.sequence !== sequence || sale.number !== expectedSaleNumber(sequence)) {
        problems.push(`sale ${sale.id}: sequence ${sale.sequence} number ${sale.number}, expected ${sequence}`);
      }
    });
    const counted = counter?.last_value ?? 0;
    if (counted !== sales.length) problems.push(`document counter is ${counted} with ${sales.length} sales`);

    const present = new Map(sales.map((s) => [s.id, s.number]));
    for (const [id, reported] of expected.mustExist) {
      const number = present.get(id);
      if (number === undefined) problems.push(`sale ${reported} (${id}) was reported done and is missing`);
      else if (number !== reported) problems.push(`sale ${id} was reported as ${reported}, the file says ${number}`);
    }

    const linesBySale = groupBy(lines, (l) => l.sale_id);
    const paymentsBySale = groupBy(payments, (p) => p.sale_id);
    const movementsBySale = groupBy(movements, (m) => m.sale_id);
    const outboxBySale = groupBy(outbox, (o) => o.sale_id);

    for (const sale of sales) {
      const saleLines = linesBySale.get(sale.id) ?? [];
      const salePayments = paymentsBySale.get(sale.id) ?? [];
      const saleMovements = movementsBySale.get(sale.id) ?? [];
      const mutations = outboxBySale.get(sale.id) ?? [];
      const label = `sale ${sale.number}`;
      if (saleLines.length === 0) problems.push(`${label} has no lines`);
      if (saleLines.some((l, i) => l.line_no !== i + 1)) problems.push(`${label} line numbers are not 1..n`);
      const linesTotal = saleLines.reduce((sum, l) => sum + l.line_total, 0);
      if (linesTotal !== sale.total) problems.push(`${label} total ${sale.total} but lines add to ${linesTotal}`);
      if (salePayments.length !== 1) problems.push(`${label} has ${salePayments.length} payments`);
      else if (salePayments[0]?.amount !== sale.total) problems.push(`${label} payment does not match its total`);

      // One movement of -quantity per line: compare as sorted multisets, since movements have no line number.
      const want = saleLines.map((l) => `${l.product_id}:${-l.quantity}:sale`).sort();
      const got = saleMovements.map((m) => `${m.product_id}:${m.quantity}:${m.reason}`).sort();
      if (JSON.stringify(want) !== JSON.stringify(got)) {
        problems.push(
          `${label} stock movements ${JSON.stringify(got)} do not mirror its lines ${JSON.stringify(want)}`,
        );
      }

      if (mutations.length !== 1) problems.push(`${label} has ${mutations.length} sale.complete outbox rows`);
      const mutation = mutations[0];
      if (
        mutation &&
        (mutation.line_count !== saleLines.length ||
          mutation.movement_count !== saleMovements.length ||
          mutation.payment_count !== 1)
      ) {
        problems.push(`${label} outbox payload (seq ${mutation.seq}) does not carry the whole sale`);
      }

      const asked = expected.asked.get(sale.id);
      const stored = saleLines.map((l) => ({ productId: l.product_id, quantity: l.quantity }));
      if (!asked) problems.push(`${label} (${sale.id}) was never begun by a child`);
      else if (JSON.stringify(asked) !== JSON.stringify(stored)) {
        problems.push(`${label} lines ${JSON.stringify(stored)} are not the ones sold ${JSON.stringify(asked)}`);
      }
    }

    // Orphans: anything that names a sale the file does not hold is the remains of a torn transaction.
    const orphans = (what: string, groups: Map<string | null, unknown[]>) => {
      for (const [saleId, rows] of groups) {
        if (saleId === null || !present.has(saleId)) problems.push(`${rows.length} ${what} of missing sale ${saleId}`);
      }
    };
    orphans('sale lines', linesBySale);
    orphans('payments', paymentsBySale);
    orphans('stock movements', movementsBySale);
    orphans('sale.complete outbox rows', outboxBySale);

    return { sales: present, problems };
  } finally {
    db.close();
  }
}
