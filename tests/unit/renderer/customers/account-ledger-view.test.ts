import { describe, expect, it } from 'vitest';
import {
  appendLedgerPage,
  balanceWording,
  debitCredit,
  ledgerConcept,
  ledgerLine,
  statementFor,
} from '../../../../renderer/customers/account-ledger-view';
import { en } from '../../../../renderer/i18n/en';
import { esAR } from '../../../../renderer/i18n/es-AR';
import { translate } from '../../../../renderer/i18n/i18n';
import type { AccountEntry } from '../../../../shared/contract/customers.contract';

const ID = '0190b6b4-0000-7000-8000-000000000000';

const entry = (overrides: Partial<AccountEntry>): AccountEntry => ({
  id: ID,
  customerId: ID,
  kind: 'charge',
  amount: 0,
  balanceAfter: 0,
  method: null,
  reference: null,
  saleId: null,
  repairOrderId: null,
  note: '',
  userName: 'Lucía',
  createdAt: '2026-05-10T15:00:00.000Z',
  ...overrides,
});

const esText = (e: AccountEntry) => {
  const c = ledgerConcept(e);
  return translate('es-AR', c.key, c.params);
};

describe('ledger concept wording', () => {
  it.each([
    [entry({ kind: 'charge', saleId: ID, note: 'T01-00000012', amount: 1000 }), 'Venta T01-00000012'],
    [entry({ kind: 'charge', saleId: ID, note: '', amount: 1000 }), 'Venta'],
    [entry({ kind: 'charge', repairOrderId: ID, note: 'R-T01-000003', amount: 1000 }), 'Reparación R-T01-000003'],
    [entry({ kind: 'charge', note: 'saldo anterior', amount: 1000 }), 'Cargo: saldo anterior'],
    [entry({ kind: 'charge', amount: 1000 }), 'Cargo'],
    [entry({ kind: 'payment', method: 'cash', amount: -500 }), 'Pago en efectivo'],
    [entry({ kind: 'payment', method: 'debit_card', reference: '1234', amount: -500 }), 'Pago con tarjeta de débito'],
    [entry({ kind: 'payment', method: 'credit_card', amount: -500 }), 'Pago con tarjeta de crédito'],
    [entry({ kind: 'payment', method: 'transfer', amount: -500 }), 'Pago por transferencia'],
    [entry({ kind: 'payment', method: null, amount: -500 }), 'Pago'],
    [entry({ kind: 'adjustment', note: 'redondeo a favor', amount: -250 }), 'Ajuste: redondeo a favor'],
  ])('%#: %s', (e, expected) => {
    expect(esText(e)).toBe(expected);
  });

  it('every concept key exists in both catalogs', () => {
    for (const kind of ['charge', 'payment', 'adjustment'] as const) {
      const c = ledgerConcept(entry({ kind, saleId: kind === 'charge' ? ID : null, note: 'x' }));
      expect(esAR[c.key]).toBeTruthy();
      expect(en[c.key]).toBeTruthy();
    }
  });
});

describe('debit and credit columns', () => {
  it.each([
    [1500, { debit: 1500, credit: null }],
    [-700, { debit: null, credit: 700 }],
    [0, { debit: null, credit: null }],
  ])('%i', (amount, expected) => {
    expect(debitCredit(amount)).toEqual(expected);
  });

  it('an upward adjustment is a debit, a downward one a credit', () => {
    expect(ledgerLine(entry({ kind: 'adjustment', amount: 300, balanceAfter: 900, note: 'x' }))).toMatchObject({
      debit: 300,
      credit: null,
      balance: 900,
    });
    expect(ledgerLine(entry({ kind: 'adjustment', amount: -300, balanceAfter: 300, note: 'x' }))).toMatchObject({
      debit: null,
      credit: 300,
    });
  });
});

describe('balance in words', () => {
  it.each([
    [1_000_000, 'Debe $ 10.000,00'],
    [-50_000, 'Saldo a favor del cliente: $ 500,00'],
    [0, 'Sin deuda: la cuenta está al día'],
  ])('%i', (balance, expected) => {
    const ars = new Intl.NumberFormat('es-AR', { style: 'currency', currency: 'ARS' });
    const w = balanceWording(balance, ars.format(Math.abs(balance) / 100));
    expect(translate('es-AR', w.key, w.params).replace(/\u00a0/g, ' ')).toBe(expected);
  });
});

describe('statement of a period', () => {
  // Newest first, as customers.ledger answers: a sale in April, then in May a sale, a payment, an adjustment.
  const entries = [
    entry({
      id: 'e4',
      kind: 'adjustment',
      amount: -100,
      balanceAfter: 1400,
      createdAt: '2026-05-20T12:00:00Z',
      note: 'x',
    }),
    entry({
      id: 'e3',
      kind: 'payment',
      method: 'cash',
      amount: -500,
      balanceAfter: 1500,
      createdAt: '2026-05-15T12:00:00Z',
    }),
    entry({
      id: 'e2',
      kind: 'charge',
      saleId: ID,
      amount: 1000,
      balanceAfter: 2000,
      createdAt: '2026-05-02T12:00:00Z',
    }),
    entry({
      id: 'e1',
      kind: 'charge',
      saleId: ID,
      amount: 1000,
      balanceAfter: 1000,
      createdAt: '2026-04-10T12:00:00Z',
    }),
  ];

  it('opens with the balance carried over and lists the period oldest first', () => {
    const s = statementFor(entries, new Date('2026-05-01T00:00:00Z'), new Date('2026-05-31T23:59:59Z'));
    expect(s.opening).toBe(1000);
    expect(s.closing).toBe(1400);
    expect(s.lines.map((l) => [l.id, l.debit, l.credit, l.balance])).toEqual([
      ['e2', 1000, null, 2000],
      ['e3', null, 500, 1500],
      ['e4', null, 100, 1400],
    ]);
  });

  it('leaves out what came after the period and closes where it ended', () => {
    const s = statementFor(entries, new Date('2026-05-01T00:00:00Z'), new Date('2026-05-16T00:00:00Z'));
    expect(s.lines.map((l) => l.id)).toEqual(['e2', 'e3']);
    expect(s.closing).toBe(1500);
  });

  it('a period with no movements opens and closes at the balance then', () => {
    const s = statementFor(entries, new Date('2026-04-20T00:00:00Z'), new Date('2026-04-30T00:00:00Z'));
    expect(s).toEqual({ opening: 1000, closing: 1000, lines: [] });
  });

  it('from the beginning opens at zero', () => {
    const s = statementFor(entries, null, new Date('2026-06-01T00:00:00Z'));
    expect(s.opening).toBe(0);
    expect(s.lines).toHaveLength(4);
  });

  it('an empty account is all zeros', () => {
    expect(statementFor([], null, new Date())).toEqual({ opening: 0, closing: 0, lines: [] });
  });
});

describe('appendLedgerPage', () => {
  const cursorOf = (e: AccountEntry) => ({ createdAt: e.createdAt, id: e.id });
  const a = entry({ id: '0190b6b4-0000-7000-8000-00000000000a', createdAt: '2026-05-10T15:00:00.000Z' });
  const b = entry({ id: '0190b6b4-0000-7000-8000-00000000000b', createdAt: '2026-05-09T15:00:00.000Z' });
  const c = entry({ id: '0190b6b4-0000-7000-8000-00000000000c', createdAt: '2026-05-08T15:00:00.000Z' });
  const shown = { balance: 7, entries: { items: [a], total: 3, nextCursor: cursorOf(a) } };

  it('appends an older page read from where the shown entries end, and takes its next cursor', () => {
    const older = { entries: { items: [b, c], total: 3, nextCursor: null } };
    expect(appendLedgerPage(shown, older, cursorOf(a))).toEqual({
      balance: 7,
      entries: { items: [a, b, c], total: 3, nextCursor: null },
    });
  });

  it('ignores a page read from another place (an earlier click answering late)', () => {
    const older = { entries: { items: [c], total: 3, nextCursor: null } };
    expect(appendLedgerPage(shown, older, cursorOf(b))).toBe(shown);
    const done = { ...shown, entries: { ...shown.entries, nextCursor: null } };
    expect(appendLedgerPage(done, older, cursorOf(a))).toBe(done);
  });
});
