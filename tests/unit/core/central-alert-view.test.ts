import { describe, expect, it } from 'vitest';
import { type CentralAlertRow, toCentralAlert } from '../../../electron/core/sync/central-alert-view';

const row = (overrides: Partial<CentralAlertRow>): CentralAlertRow => ({
  id: 7,
  kind: 'negative_stock',
  entity_table: 'products',
  entity_id: '0190a1b2-0000-7000-8000-000000000001',
  details: '{}',
  created_at: '2026-11-27T18:42:00.000Z',
  acknowledged_at: null,
  acknowledged_by: null,
  acknowledged_terminal: null,
  acknowledgement_note: null,
  ack_requested_at: null,
  ack_requested_by: null,
  ack_requested_user_id: null,
  ack_note: null,
  ...overrides,
});

const cable = { id: '0190a1b2-0000-7000-8000-000000000001', sku: 'CAB-1', name: 'Cable USB-C' };

describe('a cached central alert as the panel shows it', () => {
  it.each<[string, Partial<CentralAlertRow>, Record<string, unknown>]>([
    ['negative stock names its product and stock', { details: '{"on_hand": -2}' }, { product: cable, onHand: -2 }],
    [
      'clock skew names the terminal and the skew, and no product',
      { kind: 'clock_skew', entity_table: 'terminals', details: '{"skew_ms": 172800000, "terminal": "T03"}' },
      { product: null, terminalCode: 'T03', clockSkewMs: 172_800_000, onHand: null },
    ],
    [
      'a quarantined mutation carries central’s error',
      {
        kind: 'quarantined_mutation',
        entity_table: 'quarantined_mutations',
        details: '{"error": "boom", "terminal": "T01"}',
      },
      { product: null, error: 'boom', terminalCode: 'T01' },
    ],
    [
      'details that are not JSON say nothing',
      { details: 'not json' },
      { onHand: null, terminalCode: null, error: null },
    ],
    [
      'details of the wrong types say nothing',
      { details: '{"on_hand": "many", "terminal": 5}' },
      { onHand: null, terminalCode: null },
    ],
    ['a bigint as text still reads', { details: '{"on_hand": "-3"}' }, { onHand: -3 }],
    ['an array is not details', { details: '[1, 2]' }, { onHand: null }],
    [
      'a credit alert (the chain’s) names the customer, balance, limit, the stores that went over and the last terminal',
      {
        kind: 'credit_limit_exceeded',
        entity_table: 'customers',
        details:
          '{"customer": "Ana López", "balance": 4000000, "credit_limit": "1000000", "stores": ["BEL", "PAL", 3], "terminal": "PAL/T01", "last_terminal": "BEL/T01"}',
      },
      {
        product: null,
        terminalCode: 'BEL/T01',
        customer: {
          id: '0190a1b2-0000-7000-8000-000000000001',
          name: 'Ana López',
          balance: 4_000_000,
          creditLimit: 1_000_000,
          stores: ['BEL', 'PAL'],
        },
      },
    ],
    [
      'a credit alert with one charge names the terminal that booked it',
      {
        kind: 'credit_limit_exceeded',
        entity_table: 'customers',
        details: '{"customer": "Ana López", "terminal": "PAL/T01", "last_terminal": null}',
      },
      { terminalCode: 'PAL/T01' },
    ],
    [
      'only a credit alert reads a last terminal',
      { kind: 'clock_skew', entity_table: 'terminals', details: '{"terminal": "T03", "last_terminal": "BEL/T01"}' },
      { terminalCode: 'T03' },
    ],
    [
      'a credit alert from before 0010 has no stores',
      { kind: 'credit_limit_exceeded', entity_table: 'customers', details: '{"customer": "Ana López"}' },
      { customer: expect.objectContaining({ balance: null, creditLimit: null, stores: [] }) },
    ],
    [
      'an unknown kind passes through',
      { kind: 'serial_sold_twice', entity_table: null, entity_id: null },
      { kind: 'serial_sold_twice', product: null },
    ],
  ])('%s', (_what, overrides, expected) => {
    expect(toCentralAlert(row(overrides), cable, 'T01')).toMatchObject(expected);
  });

  it('says nothing of a customer on any other alert', () => {
    expect(toCentralAlert(row({}), cable, 'T01')).not.toHaveProperty('customer');
  });

  it('has no acknowledgement while open anywhere', () => {
    expect(toCentralAlert(row({}), cable, 'T01').acknowledgement).toBeNull();
  });

  it('shows an acknowledgement recorded here as pending, under this terminal', () => {
    const alert = row({ ack_requested_at: '2026-11-27T19:00:00.000Z', ack_requested_by: 'Ana', ack_note: 'ok' });
    expect(toCentralAlert(alert, cable, 'T02').acknowledgement).toEqual({
      at: '2026-11-27T19:00:00.000Z',
      by: 'Ana',
      terminalCode: 'T02',
      note: 'ok',
      pending: true,
    });
  });

  it('prefers central’s acknowledgement (the first one stands) over one recorded here', () => {
    const alert = row({
      ack_requested_at: '2026-11-27T19:00:00.000Z',
      ack_requested_by: 'Ana',
      acknowledged_at: '2026-11-27T18:50:00.000Z',
      acknowledged_by: 'Bruno',
      acknowledged_terminal: 'T01',
    });
    expect(toCentralAlert(alert, cable, 'T02').acknowledgement).toEqual({
      at: '2026-11-27T18:50:00.000Z',
      by: 'Bruno',
      terminalCode: 'T01',
      note: null,
      pending: false,
    });
  });
});
