import { describe, expect, it } from 'vitest';
import { MONEY_BOUNDS, QUANTITY_BOUNDS } from '../../../shared/money-bounds';
import { entityOf } from '../../../shared/sync/entity-registry';
import { rowBoundsProblem } from '../../../shared/sync/row-bounds';

const M = MONEY_BOUNDS;
const Q = QUANTITY_BOUNDS;

function problem(table: string, row: Record<string, unknown>): string | null {
  const entity = entityOf(table);
  if (!entity) throw new Error(table);
  return rowBoundsProblem(entity, (column) => row[column]);
}

const entry = (kind: string, amount: unknown, method: string | null = kind === 'payment' ? 'cash' : null) => ({
  kind,
  amount,
  method,
});
const event = (kind: string, details: unknown) => ({
  kind,
  details: typeof details === 'string' ? details : JSON.stringify(details),
});

describe('what a replicated row may hold (shared/sync/row-bounds.ts)', () => {
  it.each<[string, Record<string, unknown>, RegExp | null]>([
    ['products', { price: M.unitPrice, cost: 0, min_stock: Q.minStock, archived: 0 }, null],
    ['products', { price: M.unitPrice + 1 }, /products\.price .* past its bounds/],
    ['products', { cost: -1 }, /products\.cost -1 is past/],
    ['products', { min_stock: Q.minStock + 1 }, /min_stock/],
    ['products', { iva_rate_bp: 2100, serial_tracked: Number.MAX_SAFE_INTEGER }, null],
    ['products', { archived: Number.MAX_SAFE_INTEGER + 1 }, /products\.archived .* is not an exact integer/],
    ['products', { price: 1.5 }, /not an exact integer/],
    ['products', { price: '100' }, /not an exact integer/],
    ['customers', { credit_limit: null }, null],
    ['customers', { credit_limit: M.creditLimit }, null],
    ['customers', { credit_limit: M.creditLimit + 1 }, /credit_limit/],
    ['sales', { total: -M.saleTotal, sequence: 1 }, null],
    ['sales', { total: M.saleTotal + 1 }, /sales\.total/],
    ['sales', { sequence: 2 ** 62 }, /sales\.sequence .* is not an exact integer/],
    ['sale_lines', { quantity: Q.saleLine, unit_price: M.unitPrice, line_total: M.lineTotal }, null],
    ['sale_lines', { quantity: -Q.saleLine, line_net: -M.lineTotal, line_iva: M.lineTotal }, null],
    ['sale_lines', { quantity: Q.saleLine + 1 }, /sale_lines\.quantity 10000/],
    ['sale_lines', { quantity: 0 }, /sale_lines\.quantity 0/],
    ['sale_lines', { line_total: M.lineTotal + 1 }, /line_total/],
    ['payments', { amount: M.payment, tendered: M.payment, change: null }, null],
    ['payments', { amount: 1, tendered: M.payment + 1 }, /payments\.tendered/],
    ['stock_movements', { quantity: -Q.stockAdjustment }, null],
    ['stock_movements', { quantity: Q.stockAdjustment + 1 }, /stock_movements\.quantity/],
    ['repair_orders', { estimate: M.repairAmount, final_price: null }, null],
    ['repair_orders', { final_price: M.repairAmount + 1 }, /final_price/],
    ['customer_account_entries', entry('charge', M.saleTotal), null],
    ['customer_account_entries', entry('charge', M.saleTotal + 1), /amount .* past its bounds .* for a charge/],
    ['customer_account_entries', entry('charge', -1), /for a charge/],
    ['customer_account_entries', entry('payment', -M.payment), null],
    ['customer_account_entries', entry('payment', -9007199254740991), /for a payment/],
    ['customer_account_entries', entry('payment', 100), /for a payment/],
    ['customer_account_entries', entry('payment', -100, null), /method null does not fit a payment/],
    ['customer_account_entries', entry('charge', 100, 'cash'), /method cash does not fit a charge/],
    ['customer_account_entries', entry('adjustment', -M.accountBalance), null],
    ['customer_account_entries', entry('adjustment', 0), /for a adjustment/],
    ['customer_account_entries', entry('adjustment', M.accountBalance + 1), /for a adjustment/],
    ['customer_account_entries', entry('refund', -1), /kind refund is not an entry kind/],
    ['repair_events', event('deposit', { amount: M.repairAmount, saleId: 'x' }), null],
    ['repair_events', event('deposit', { amount: M.repairAmount + 1 }), /details\.amount .* of a deposit/],
    ['repair_events', event('labor', { amount: 0 }), /of a labor/],
    ['repair_events', event('labor', { amount: 2.5 }), /of a labor/],
    ['repair_events', event('labor', { description: 'x' }), null],
    ['repair_events', event('labor', { amount: 'mucho' }), null],
    ['repair_events', event('part', { quantity: Q.repairPart, unitPrice: 0, total: M.repairTotal }), null],
    ['repair_events', event('part', { quantity: Q.repairPart + 1 }), /details\.quantity/],
    ['repair_events', event('part', { total: M.repairTotal + 1 }), /details\.total/],
    ['repair_events', event('deposit', 'not json'), /is not JSON/],
    ['repair_events', event('deposit', 'null'), /is not an object/],
    ['repair_events', event('note', 'null'), null],
    ['repair_events', event('status', { amount: 2 ** 60 }), null],
  ])('%s %j', (table, row, expected) => {
    const found = problem(table, row);
    if (expected === null) expect(found).toBeNull();
    else expect(found).toMatch(expected);
  });
});
