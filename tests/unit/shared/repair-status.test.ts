import { describe, expect, it } from 'vitest';
import { CoreError } from '../../../shared/errors';
import {
  allowedTransitions,
  assertTransition,
  checkTransition,
  isRepairStatus,
  REPAIR_STATUSES,
  type RepairStatus,
  type TransitionRefusal,
} from '../../../shared/repair-status';

/**
 * DOMAIN.md's status table written out cell by cell, rows = from, columns = to (same order as the header).
 *   Y  allowed
 *   P  allowed only when the estimate was pre-approved (otherwise estimate_not_pre_approved)
 *   R  allowed only with a reason (otherwise reason_required)
 *   .  not_allowed
 *   =  same_status
 *   x  terminal (nothing leaves delivered or cancelled)
 */
const HEADER =
  'received diagnosing awaiting_approval approved rejected in_repair waiting_parts repaired unrepairable ready_for_pickup delivered cancelled';
const MATRIX = `
                    rcv dia awa apr rej inr wpt rep unr rdy del can
  received           =   Y   .   .   .   .   .   .   .   .   .   R
  diagnosing         .   =   Y   .   .   P   .   .   Y   .   .   R
  awaiting_approval  .   .   =   Y   Y   .   .   .   .   .   .   R
  approved           .   .   .   =   .   Y   .   .   .   .   .   R
  rejected           .   .   .   .   =   .   .   .   .   Y   .   R
  in_repair          .   .   .   .   .   =   Y   Y   Y   .   .   R
  waiting_parts      .   .   .   .   .   Y   =   .   .   .   .   R
  repaired           .   .   .   .   .   .   .   =   .   Y   .   R
  unrepairable       .   .   .   .   .   .   .   .   =   Y   .   R
  ready_for_pickup   .   .   .   .   .   .   .   .   .   =   Y   R
  delivered          x   x   x   x   x   x   x   x   x   x   =   x
  cancelled          x   x   x   x   x   x   x   x   x   x   x   =
`;

type Cell = 'Y' | 'P' | 'R' | '.' | '=' | 'x';
const columns = HEADER.split(' ') as RepairStatus[];
const rows = new Map<string, Cell[]>(
  MATRIX.trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [from = '', ...cells] = line.trim().split(/\s+/);
      return [from, cells as Cell[]];
    }),
);

const cases = REPAIR_STATUSES.flatMap((from) =>
  REPAIR_STATUSES.map((to) => {
    const cell = rows.get(from)?.[columns.indexOf(to)];
    if (!cell) throw new Error(`matrix has no cell ${from} -> ${to}`);
    return { from, to, cell };
  }),
);

/** What checkTransition must answer for a cell, given whether the estimate was pre-approved and a reason given. */
function expected(cell: Cell, preApproved: boolean, withReason: boolean): true | TransitionRefusal {
  switch (cell) {
    case 'Y':
      return true;
    case 'P':
      return preApproved ? true : 'estimate_not_pre_approved';
    case 'R':
      return withReason ? true : 'reason_required';
    case '.':
      return 'not_allowed';
    case '=':
      return 'same_status';
    case 'x':
      return 'terminal';
  }
}

function answer(from: RepairStatus, to: RepairStatus, preApproved: boolean, reason: string | undefined) {
  const check = checkTransition(from, to, { estimatePreApproved: preApproved, reason });
  return check.ok ? true : check.refusal;
}

describe('repair status machine', () => {
  it('the expected table covers exactly the twelve statuses, in order', () => {
    expect(columns).toEqual([...REPAIR_STATUSES]);
    expect([...rows.keys()]).toEqual([...REPAIR_STATUSES]);
    expect(cases).toHaveLength(144);
  });

  it.each(cases)('$from -> $to is "$cell"', ({ from, to, cell }) => {
    for (const preApproved of [false, true]) {
      expect(answer(from, to, preApproved, 'customer changed their mind')).toBe(expected(cell, preApproved, true));
      expect(answer(from, to, preApproved, undefined)).toBe(expected(cell, preApproved, false));
    }
  });

  it.each(REPAIR_STATUSES.flatMap((from) => [false, true].map((preApproved) => ({ from, preApproved }))))(
    'the UI offers from $from (pre-approved: $preApproved) exactly the allowed cells',
    ({ from, preApproved }) => {
      const offered = cases
        .filter((c) => c.from === from && (c.cell === 'Y' || c.cell === 'R' || (c.cell === 'P' && preApproved)))
        .map((c) => c.to);
      expect([...allowedTransitions(from, { estimatePreApproved: preApproved })].sort()).toEqual(offered.sort());
    },
  );

  it('offers the forward step first and cancel last, as the buttons are laid out', () => {
    expect(allowedTransitions('diagnosing', { estimatePreApproved: true })).toEqual([
      'awaiting_approval',
      'in_repair',
      'unrepairable',
      'cancelled',
    ]);
    expect(allowedTransitions('in_repair', { estimatePreApproved: false })).toEqual([
      'waiting_parts',
      'repaired',
      'unrepairable',
      'cancelled',
    ]);
    expect(allowedTransitions('delivered', { estimatePreApproved: true })).toEqual([]);
  });

  it.each(['', '   ', '\n\t', null])('a blank cancellation reason %j is refused', (reason) => {
    expect(checkTransition('in_repair', 'cancelled', { estimatePreApproved: false, reason })).toEqual({
      ok: false,
      refusal: 'reason_required',
    });
  });

  it('assertTransition: a missing reason is VALIDATION, a stale status is CONFLICT', () => {
    const ctx = { estimatePreApproved: false };
    expect(() => assertTransition('approved', 'in_repair', ctx)).not.toThrow();
    expect(() => assertTransition('approved', 'cancelled', ctx)).toThrow(
      expect.objectContaining({ name: 'CoreError', code: 'VALIDATION' }),
    );
    expect(() => assertTransition('delivered', 'ready_for_pickup', ctx)).toThrow(CoreError);
    expect(() => assertTransition('received', 'repaired', ctx)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
  });

  it.each([
    ['received', true],
    ['ready_for_pickup', true],
    ['canceled', false],
    ['Received', false],
    ['', false],
    [3, false],
    [null, false],
  ])('isRepairStatus(%j) is %s', (value, result) => {
    expect(isRepairStatus(value)).toBe(result);
  });
});
