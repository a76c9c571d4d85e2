import { MONEY_BOUNDS } from '../../shared/money-bounds';
import type { StoredState } from './stored-state';

const M = MONEY_BOUNDS;

/**
 * What is stored past the business bounds (shared/money-bounds.ts), as readable lines; empty when nothing is.
 * Sums use SQLite's total() (a double) so that a sum far past the bounds is reported rather than overflowing.
 */
export function storedBoundViolations(state: StoredState): string[] {
  const checks: [string, string, ...number[]][] = [
    [
      'product price or cost',
      'SELECT id FROM products WHERE abs(price) > ? OR abs(cost) > ?',
      M.unitPrice,
      M.unitPrice,
    ],
    ['credit limit', 'SELECT id FROM customers WHERE credit_limit > ?', M.creditLimit],
    [
      'account balance',
      'SELECT customer_id AS id FROM customer_account_entries GROUP BY customer_id HAVING abs(total(amount)) > ?',
      M.accountBalance,
    ],
    ['sale total', 'SELECT id FROM sales WHERE abs(total) > ?', M.saleTotal],
    ['line total', 'SELECT id FROM sale_lines WHERE abs(line_total) > ?', M.lineTotal],
    [
      'payment',
      'SELECT id FROM payments WHERE abs(amount) > ? OR abs(coalesce(tendered, 0)) > ?',
      M.payment,
      M.payment,
    ],
    [
      'repair estimate or price',
      'SELECT id FROM repair_orders WHERE abs(coalesce(estimate, 0)) > ? OR abs(coalesce(final_price, 0)) > ?',
      M.repairAmount,
      M.repairAmount,
    ],
    [
      "an order's parts, labor or señas",
      `SELECT repair_order_id AS id FROM repair_events WHERE kind IN ('part', 'labor', 'deposit')
       GROUP BY repair_order_id, kind
       HAVING abs(total(json_extract(details, CASE kind WHEN 'part' THEN '$.total' ELSE '$.amount' END))) > ?`,
      M.repairTotal,
    ],
  ];
  return checks.flatMap(([what, sql, ...bounds]) =>
    state.all<{ id: string }>(sql, ...bounds).map((row) => `${what} past its bound: ${row.id}`),
  );
}
