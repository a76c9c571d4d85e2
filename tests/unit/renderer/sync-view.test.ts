import { describe, expect, it } from 'vitest';
import { en } from '../../../renderer/i18n/en';
import { esAR } from '../../../renderer/i18n/es-AR';
import { makeSyncFormatters } from '../../../renderer/sync/sync-format';
import {
  alertKindLabelKey,
  clockSkewWarning,
  indicatorState,
  kindLabelKey,
  quarantineReasonKey,
} from '../../../renderer/sync/sync-view';
import type { SyncStatus } from '../../../shared/contract/sync.contract';
import { QUARANTINE_REASONS, type QuarantineReason, quarantineReasonOf } from '../../../shared/sync/quarantine-reason';

const status = (overrides: Partial<SyncStatus>): SyncStatus => ({
  configured: true,
  online: true,
  pendingCount: 0,
  oldestPendingAgeMs: null,
  lastSyncAt: null,
  quarantinedCount: 0,
  clockSkewMs: 0,
  lastError: null,
  openAlertCount: 0,
  ...overrides,
});

describe('the sync indicator state', () => {
  it.each<[Partial<SyncStatus>, string]>([
    [{ configured: false, online: false, pendingCount: 12 }, 'standalone'], // standalone is normal, never "offline"
    [{ online: false, pendingCount: 0 }, 'offline'],
    [{ online: false, pendingCount: 3 }, 'offline'],
    [{ online: true, pendingCount: 3 }, 'syncing'],
    [{ online: true, pendingCount: 0 }, 'online'],
  ])('%j is %s', (overrides, state) => {
    expect(indicatorState(status(overrides))).toBe(state);
  });
});

describe('the clock warning', () => {
  it.each<[number | null, ReturnType<typeof clockSkewWarning>]>([
    [null, null],
    [0, null],
    [5 * 60_000, null], // exactly the 5-minute rule: still accepted by central
    [5 * 60_000 + 1, { direction: 'ahead', ms: 5 * 60_000 + 1 }],
    [-2 * 24 * 3_600_000, { direction: 'behind', ms: 2 * 24 * 3_600_000 }],
  ])('%s ms -> %j', (skew, warning) => {
    expect(clockSkewWarning(skew)).toEqual(warning);
  });
});

describe('mutation kinds', () => {
  it('names the known ones and leaves an unknown or inherited name raw', () => {
    expect(kindLabelKey('sale.complete')).toBe('sync.kind.sale.complete');
    expect(kindLabelKey('something.new')).toBeNull();
    expect(kindLabelKey('toString')).toBeNull();
  });
});

describe('sync times in es-AR', () => {
  const format = makeSyncFormatters('es-AR');

  it('says how long ago in whole units, rounded down', () => {
    expect(format.ago(45_000)).toBe('hace 45 segundos');
    expect(format.ago(90 * 60_000)).toBe('hace 1 hora');
    expect(format.ago(-5)).toBe('hace 0 segundos');
  });

  it('shows a time of today on a 24-hour clock, and the date for another day', () => {
    const now = new Date(2026, 10, 27, 20, 0);
    expect(format.when(new Date(2026, 10, 27, 18, 42).toISOString(), now)).toBe('18:42');
    expect(format.when(new Date(2026, 10, 26, 9, 5).toISOString(), now)).toBe('26/11/2026, 09:05');
    expect(format.when('not a date', now)).toBe('not a date');
  });
});

describe('alert kind labels', () => {
  it.each([
    ['negative_stock', 'sync.alerts.kind.negative_stock'],
    ['serial_sold_twice', 'sync.alerts.kind.serial_sold_twice'],
    ['clock_skew', 'sync.alerts.kind.clock_skew'],
    ['quarantined_mutation', 'sync.alerts.kind.quarantined_mutation'],
    ['credit_limit', null], // a kind a newer central raises: shown raw, never a missing key
    ['toString', null],
    ['__proto__', null],
  ])('%s -> %s', (kind, key) => {
    expect(alertKindLabelKey(kind)).toBe(key);
  });

  it('names every kind in both catalogs, in the staff’s words', () => {
    expect(esAR['sync.alerts.kind.negative_stock']).toBe('Stock negativo');
    expect(esAR['sync.alerts.kind.serial_sold_twice']).toBe('Serie vendida dos veces');
    expect(esAR['sync.alerts.kind.clock_skew']).toBe('Reloj desfasado');
    expect(en['sync.alerts.kind.negative_stock']).toBe('Negative stock');
  });
});

describe("why central quarantined a mutation, in the staff's words", () => {
  it.each<[string | null, QuarantineReason | null]>([
    ['beyond store: users 0190 belongs to another store; a terminal changes only its own store’s', 'other_store'],
    ['beyond store: users 0190 belongs to the whole chain; only central changes it', 'other_store'],
    ['central only: users 0190 cannot get role admin; only central gives it', 'central_only'],
    [
      'new row for relation "customer_account_entries" violates check constraint "customer_account_entries_amount_bounds"',
      'over_bounds',
    ],
    ['new row for relation "products" violates check constraint "products_price_bounds"', 'over_bounds'],
    [
      'over bounds: customer 0190 has been charged 1 centavos in all; a further 2 would pass the 3 central records',
      'over_bounds',
    ],
    ['new row for relation "store_profiles" violates check constraint "store_profiles_one_per_store"', null],
    ['HLC 001 is more than 5 minutes ahead of central', null],
    ['unknown table pg_authid', null],
    ['a message that mentions beyond store: later', null],
    [null, null],
  ])('%j -> %s', (error, reason) => {
    expect(quarantineReasonOf(error)).toBe(reason);
  });

  it('has a sentence for every reason in both catalogs, the es-AR one saying central refused it', () => {
    for (const reason of QUARANTINE_REASONS) {
      const key = quarantineReasonKey(reason);
      expect(esAR[key]).toMatch(/^La central rechazó este cambio: /);
      expect(en[key]).toMatch(/^Central refused this change: /);
    }
  });
});
