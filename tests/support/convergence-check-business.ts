/**
 * The business invariants of the randomized convergence test at quiescence, on top of the generic table
 * comparison (which covers customers, customer_account_entries, repair_orders and repair_events through the
 * registry): every customer's balance (the sum of the ledger) is the model's on central and on every terminal;
 * every charge of a sale equals that sale's customer_account payment, once; every repair order's status is a
 * valid one, the same on every terminal of its store as on central, and the `to_status` of its status event with
 * the highest HLC (0008_repairs: the status and its event are written with one clock).
 */
import { REPAIR_EVENT_KINDS } from '../../shared/contract/repairs.contract';
import { compareHlc } from '../../shared/hlc';
import { isRepairStatus } from '../../shared/repair-status';
import { cellKey, rowKey } from './convergence-model';
import type { ConvergenceWorld, WorldTerminal } from './convergence-world';

type Row = Record<string, unknown>;

export interface BusinessCheckInput {
  world: ConvergenceWorld;
  /** Central's rows per registry table, by id. */
  central: Map<string, Map<string, Row>>;
  /** Store code -> store id. */
  stores: Map<string, string>;
  quarantined: ReadonlySet<string>;
  problem: (text: string) => void;
}

function sumBy(rows: Iterable<Row>, key: string, value: string): Map<string, number> {
  const sums = new Map<string, number>();
  for (const row of rows) sums.set(String(row[key]), (sums.get(String(row[key])) ?? 0) + Number(row[value]));
  return sums;
}

function compareBalances(
  where: string,
  held: Map<string, number>,
  expected: Map<string, number>,
  say: (t: string) => void,
) {
  for (const id of new Set([...held.keys(), ...expected.keys()])) {
    const a = held.get(id) ?? 0;
    const b = expected.get(id) ?? 0;
    if (a !== b) say(`${where}: customer ${id} balance ${a}, expected ${b}`);
  }
}

/** Charges tied to sales against the sales' customer_account payments, among the sales `sales` holds. */
function checkSaleCharges(
  where: string,
  sales: Map<string, Row>,
  payments: Iterable<Row>,
  entries: Iterable<Row>,
  say: (t: string) => void,
) {
  const onAccount = new Map<string, number>();
  for (const p of payments)
    if (p.method === 'customer_account')
      onAccount.set(String(p.sale_id), (onAccount.get(String(p.sale_id)) ?? 0) + Number(p.amount));
  const charges = new Map<string, Row[]>();
  for (const e of entries) {
    // A delivery's excess seña credited back is an adjustment naming the sale; only charges pay for it.
    if (e.sale_id === null || e.sale_id === undefined || e.kind !== 'charge') continue;
    const list = charges.get(String(e.sale_id)) ?? [];
    list.push(e);
    charges.set(String(e.sale_id), list);
  }
  for (const [saleId, list] of charges) {
    const sale = sales.get(saleId);
    if (!sale) continue; // another store's sale: its entry is global, the sale is not
    const [charge] = list;
    if (list.length !== 1 || !charge) {
      say(`${where}: sale ${saleId} has ${list.length} charges`);
      continue;
    }
    if (Number(charge.amount) !== (onAccount.get(saleId) ?? 0))
      say(`${where}: sale ${saleId} charged ${charge.amount}, paid on account ${onAccount.get(saleId) ?? 0}`);
    if (String(charge.customer_id) !== String(sale.customer_id))
      say(`${where}: sale ${saleId} charged customer ${charge.customer_id}, sold to ${sale.customer_id}`);
  }
  for (const [saleId, amount] of onAccount)
    if (sales.has(saleId) && !charges.has(saleId)) say(`${where}: sale ${saleId} paid ${amount} on account, no charge`);
}

/** Valid statuses and kinds; the order's status is its latest status event's (by HLC). */
function checkRepairs(where: string, orders: Iterable<Row>, events: Iterable<Row>, say: (t: string) => void) {
  const latest = new Map<string, Row>();
  for (const e of events) {
    if (!(REPAIR_EVENT_KINDS as readonly unknown[]).includes(e.kind))
      say(`${where}: repair event ${e.id} kind ${e.kind}`);
    for (const column of ['from_status', 'to_status'])
      if (e[column] !== null && !isRepairStatus(e[column]))
        say(`${where}: repair event ${e.id} ${column} ${e[column]}`);
    if (e.to_status === null) continue;
    const id = String(e.repair_order_id);
    const held = latest.get(id);
    if (!held || compareHlc(String(e.hlc), String(held.hlc)) > 0) latest.set(id, e);
  }
  for (const order of orders) {
    if (!isRepairStatus(order.status)) say(`${where}: repair order ${order.id} status ${order.status}`);
    const last = latest.get(String(order.id));
    if (!last) say(`${where}: repair order ${order.id} has no status event`);
    else if (last.to_status !== order.status)
      say(`${where}: repair order ${order.id} is ${order.status}, its latest status event says ${last.to_status}`);
  }
}

function localTable(t: WorldTerminal, sql: string): Row[] {
  return t.sim.sqlite.prepare(sql).all() as Row[];
}

export function checkBusiness({ world, central, stores, quarantined, problem }: BusinessCheckInput): void {
  const { model } = world;
  const table = (name: string) => central.get(name) ?? new Map<string, Row>();
  const centralEntries = [...table('customer_account_entries').values()];
  const centralBalances = sumBy(centralEntries, 'customer_id', 'amount');
  compareBalances('central', centralBalances, model.balances(quarantined), problem);
  checkSaleCharges('central', table('sales'), table('payments').values(), centralEntries, problem);
  for (const [saleId, charge] of model.saleCharges) {
    const entry = centralEntries.find((e) => String(e.sale_id) === saleId && e.kind === 'charge');
    if (entry && (Number(entry.amount) !== charge.amount || String(entry.customer_id) !== charge.customerId))
      problem(
        `central: sale ${saleId} charged ${entry.amount} to ${entry.customer_id}, sold ${charge.amount} to ${charge.customerId}`,
      );
  }
  checkRepairs('central', table('repair_orders').values(), table('repair_events').values(), problem);

  for (const t of world.terminals) {
    const label = world.label(t);
    const own = model.quarantinedFootprint(label, quarantined);
    const entries = localTable(t, 'SELECT id, customer_id, kind, amount, sale_id FROM customer_account_entries');
    const balances = sumBy(entries, 'customer_id', 'amount');
    compareBalances(label, balances, model.balances(quarantined, label), problem);
    const mine = new Set(
      entries
        .filter((e) => own.rows.has(rowKey('customer_account_entries', String(e.id))))
        .map((e) => String(e.customer_id)),
    );
    for (const [id, balance] of balances)
      if (!mine.has(id) && balance !== (centralBalances.get(id) ?? 0))
        problem(`${label}: customer ${id} balance ${balance}, central ${centralBalances.get(id) ?? 0}`);

    const sales = new Map(localTable(t, 'SELECT id, customer_id FROM sales').map((s) => [String(s.id), s]));
    checkSaleCharges(label, sales, localTable(t, 'SELECT sale_id, method, amount FROM payments'), entries, problem);

    const orders = localTable(t, 'SELECT id, status FROM repair_orders');
    checkRepairs(
      label,
      orders,
      localTable(t, 'SELECT id, repair_order_id, kind, from_status, to_status, hlc FROM repair_events'),
      problem,
    );
    const storeId = stores.get(t.plan.store);
    for (const order of orders) {
      const id = String(order.id);
      if (own.rows.has(rowKey('repair_orders', id)) || own.cells.has(cellKey('repair_orders', id, 'status'))) continue;
      const other = table('repair_orders').get(id);
      if (!other) problem(`${label}: repair order ${id} is not on central`);
      else if (String(other.store_id) !== storeId) problem(`${label}: holds repair order ${id} of another store`);
      else if (other.status !== order.status)
        problem(`${label}: repair order ${id} is ${order.status}, central ${other.status}`);
    }
  }
}
