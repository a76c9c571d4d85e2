import { describe, expect, it } from 'vitest';
import { en } from '../../../renderer/i18n/en';
import { esAR } from '../../../renderer/i18n/es-AR';
import { FAILURE_MESSAGES, joinFraction, retryable, tableLabelKey } from '../../../renderer/setup/join-texts';
import { JOIN_FAILURE_REASONS } from '../../../shared/contract/app.contract';
import { ENTITIES } from '../../../shared/sync/entity-registry';

describe('the join progress in words', () => {
  it('names every replicated table in both languages', () => {
    for (const entity of ENTITIES) {
      const key = tableLabelKey(entity.table);
      expect(key, entity.table).not.toBeNull();
      if (key) expect(esAR[key]).not.toBe(en[key]);
    }
    expect(tableLabelKey('products') && esAR[tableLabelKey('products') ?? 'join.table.users']).toBe('Productos');
    expect(tableLabelKey('stock_movements') && esAR[tableLabelKey('stock_movements') ?? 'join.table.users']).toBe(
      'Movimientos de stock',
    );
  });

  it('shows an unknown table by its own name, and never takes an inherited property for one', () => {
    expect(tableLabelKey('customers_v2')).toBeNull();
    expect(tableLabelKey('constructor')).toBeNull();
    expect(tableLabelKey('__proto__')).toBeNull();
  });

  it('has a message for every failure reason, and retries only what may pass next time', () => {
    for (const reason of JOIN_FAILURE_REASONS) expect(esAR[FAILURE_MESSAGES[reason]]).toBeTruthy();
    expect(JOIN_FAILURE_REASONS.filter(retryable)).toEqual(['unreachable', 'interrupted', 'other']);
  });

  it.each([
    [{ rowsSoFar: 0, totalRows: 100 }, 0],
    [{ rowsSoFar: 50, totalRows: 200 }, 0.25],
    // Rows written on central after the count: the bar stops full, never past it.
    [{ rowsSoFar: 120, totalRows: 100 }, 1],
    [{ rowsSoFar: 0, totalRows: 0 }, 1],
    [{ rowsSoFar: 10, totalRows: null }, null],
  ])('fraction of %o is %s', (status, expected) => {
    expect(joinFraction(status)).toBe(expected);
  });
});
