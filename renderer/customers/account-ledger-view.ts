import type { AccountEntry, LedgerCursor } from '../../shared/contract/customers.contract';
import type { Centavos } from '../../shared/money';
import type { MessageKey, MessageParams } from '../i18n/i18n';

/** A translatable text: a catalog key and its parameters, so the mapping stays pure and testable. */
export interface Wording {
  key: MessageKey;
  params?: MessageParams;
}

/** One ledger line as a statement reads it: what it was, and the amount in the column it belongs to. */
export interface LedgerLine {
  id: string;
  createdAt: string;
  concept: Wording;
  /** What was added to the debt (a sale on account, an upward adjustment); null when nothing. */
  debit: Centavos | null;
  /** What was taken off it (a payment, a downward adjustment); null when nothing. */
  credit: Centavos | null;
  balance: Centavos;
}

const PAYMENT_CONCEPT = {
  cash: 'account.concept.payment.cash',
  debit_card: 'account.concept.payment.debit_card',
  credit_card: 'account.concept.payment.credit_card',
  transfer: 'account.concept.payment.transfer',
} as const satisfies Record<NonNullable<AccountEntry['method']>, MessageKey>;

/**
 * "Venta T01-00000012", "Pago en efectivo", "Ajuste: <note>". A sale's charge carries the sale number in its note
 * (sales.service writes it there), so the concept needs no second lookup.
 */
export function ledgerConcept(entry: AccountEntry): Wording {
  const note = entry.note.trim();
  if (entry.kind === 'adjustment') return { key: 'account.concept.adjustment', params: { note } };
  if (entry.kind === 'charge') {
    if (entry.saleId !== null)
      return note ? { key: 'account.concept.sale', params: { number: note } } : { key: 'account.concept.saleNoNumber' };
    if (entry.repairOrderId !== null)
      return note
        ? { key: 'account.concept.repair', params: { number: note } }
        : { key: 'account.concept.repairNoNumber' };
    return note ? { key: 'account.concept.chargeNote', params: { note } } : { key: 'account.concept.charge' };
  }
  const key = entry.method ? PAYMENT_CONCEPT[entry.method] : 'account.concept.payment';
  return { key };
}

/** The signed amount split into the statement's two columns: + owes more (debit), - owes less (credit). */
export function debitCredit(amount: Centavos): { debit: Centavos | null; credit: Centavos | null } {
  if (amount > 0) return { debit: amount, credit: null };
  if (amount < 0) return { debit: null, credit: -amount };
  return { debit: null, credit: null };
}

export function ledgerLine(entry: AccountEntry): LedgerLine {
  return {
    id: entry.id,
    createdAt: entry.createdAt,
    concept: ledgerConcept(entry),
    ...debitCredit(entry.amount),
    balance: entry.balanceAfter,
  };
}

/** The ledger part of a customers.ledger answer. */
export interface LedgerEntries {
  items: readonly AccountEntry[];
  total: number;
  nextCursor: LedgerCursor | null;
}

/**
 * The screen's ledger with an older page read from `from` appended below it. Only a page that starts where the
 * shown entries end is taken (an answer to an earlier click, after the screen moved on, changes nothing); the
 * header balance and total stay those of the first read, which the shown running balances agree with.
 */
export function appendLedgerPage<Ledger extends { entries: LedgerEntries }>(
  shown: Ledger,
  older: { entries: LedgerEntries },
  from: LedgerCursor,
): Ledger {
  const end = shown.entries.nextCursor;
  if (end === null || end.id !== from.id || end.createdAt !== from.createdAt) return shown;
  return {
    ...shown,
    entries: {
      ...shown.entries,
      items: [...shown.entries.items, ...older.entries.items],
      nextCursor: older.entries.nextCursor,
    },
  };
}

/** The balance in words: what the customer owes, credit in their favour, or nothing either way. */
export function balanceWording(balance: Centavos, amount: string): Wording {
  if (balance > 0) return { key: 'account.balance.owes', params: { amount } };
  if (balance < 0) return { key: 'account.balance.inFavour', params: { amount } };
  return { key: 'account.balance.settled' };
}

export interface Statement {
  /** The balance just before the period's first line (what was carried over). */
  opening: Centavos;
  closing: Centavos;
  /** Oldest first, as a statement is read. */
  lines: LedgerLine[];
}

/**
 * A period of the ledger from entries newest first (as customers.ledger answers, each with its balance after).
 * `entries` must reach back to before `from` or to the account's first entry, so the opening balance is known:
 * it is the balance after the last entry before the period, or 0 when there is none.
 */
export function statementFor(entries: readonly AccountEntry[], from: Date | null, to: Date): Statement {
  const fromMs = from ? from.getTime() : Number.NEGATIVE_INFINITY;
  const toMs = to.getTime();
  const inPeriod: AccountEntry[] = [];
  let before: AccountEntry | null = null;
  let after: AccountEntry | null = null;
  for (const entry of entries) {
    const at = Date.parse(entry.createdAt);
    if (at > toMs) after = entry;
    else if (at >= fromMs) inPeriod.push(entry);
    else {
      before = entry;
      break;
    }
  }
  const oldestFirst = inPeriod.reverse();
  const first = oldestFirst[0];
  const last = oldestFirst.at(-1);
  const opening = first
    ? first.balanceAfter - first.amount
    : before
      ? before.balanceAfter
      : after
        ? after.balanceAfter - after.amount
        : 0;
  return { opening, closing: last ? last.balanceAfter : opening, lines: oldestFirst.map(ledgerLine) };
}
