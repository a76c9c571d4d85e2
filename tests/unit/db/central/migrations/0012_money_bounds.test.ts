import { describe, expect, it } from 'vitest';
import { MONEY, QUANTITY, SAFE_INTEGER } from '../../../../../db/central/migrations/0012_money_bounds';
import { MONEY_BOUNDS, QUANTITY_BOUNDS } from '../../../../../shared/money-bounds';

// Central migration 0012 restates the bounds (a migration imports no app code): they must not drift from the ones
// the terminals enforce. A change of a bound is a new central migration, and this test then names that one.
describe('the bounds central migration 0012 restates', () => {
  it('are those of shared/money-bounds.ts, every one of them', () => {
    expect(MONEY).toEqual(MONEY_BOUNDS);
    expect(QUANTITY).toEqual(QUANTITY_BOUNDS);
    expect(SAFE_INTEGER).toBe(Number.MAX_SAFE_INTEGER);
  });
});
