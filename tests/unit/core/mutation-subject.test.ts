import { describe, expect, it } from 'vitest';
import { mutationSubject } from '../../../electron/core/sync/mutation-subject';

const row = (id: string) => ({ id, extra: 1 });

describe('mutationSubject', () => {
  it.each([
    ['a sale, its lines and payments', { sales: [row('s')], sale_lines: [row('l')], payments: [row('p')] }, 'sales s'],
    [
      'an intake that took a seña: the order, not its sale',
      { products: [row('x')], sales: [row('s')], repair_orders: [row('o')], repair_events: [row('e')] },
      'repair_orders o',
    ],
    [
      'a change of a mutable row',
      { changes: [{ table: 'customers', id: 'c', columns: {} }], audit_events: [row('a')] },
      'customers c',
    ],
    [
      'an account entry with its audit',
      { customer_account_entries: [row('e')], audit_events: [row('a')] },
      'customer_account_entries e',
    ],
    ['only an audit event', { audit_events: [row('a')] }, 'audit_events a'],
    ['a table not ranked still names its row', { central_alerts: [row('z')] }, 'central_alerts z'],
    ['nothing with an id', { store: { id: 's' }, changes: [{ id: 'c' }] }, null],
    ['not an object', ['sales'], null],
  ] as const)('%s', (_what, payload, expected) => {
    const subject = mutationSubject(payload);
    expect(subject ? `${subject.table} ${subject.id}` : null).toBe(expected);
  });
});
