import {
  adjustmentEntry,
  availableCredit,
  type AccountEntry as BalanceEntry,
  paymentEntry,
} from '../../../shared/account-balance';
import type { AccountEntry, AccountPaymentMethod } from '../../../shared/contract/customers.contract';
import { CoreError } from '../../../shared/errors';
import { assertSumWithinBound } from '../../../shared/money-bounds';
import type { CoreContext } from '../core-context';
import { noteAlreadySaved } from '../database/call-record';
import { readTransaction } from '../database/read-transaction';
import { type LocalDb, writeTransaction } from '../database/write-transaction';
import {
  type AccountEntryWithUser,
  accountEntriesPage,
  balanceOf,
  countAccountEntries,
  countCustomerPurchases,
  customerPurchases,
  findAccountEntry,
  insertAccountEntry,
  sumAfterEntry,
  sumBeforeEntry,
} from '../repositories/account.repository';
import { insertAuditEvent } from '../repositories/audit.repository';
import { type CustomerRow, findCustomerById } from '../repositories/customer.repository';
import { type Handlers, requireUser } from '../router/handler.types';
import { balancesAfter, ledgerPage } from './account-ledger-page';
import { buildAuditEvent } from './audit-event';

type AccountHandlers = Pick<
  Handlers,
  'customers.ledger' | 'customers.purchases' | 'accounts.recordPayment' | 'accounts.adjust'
>;

function toEntry(row: AccountEntryWithUser, balanceAfter: number): AccountEntry {
  return {
    id: row.id,
    customerId: row.customer_id,
    kind: row.kind,
    amount: row.amount,
    balanceAfter,
    method: row.method,
    reference: row.reference,
    saleId: row.sale_id,
    repairOrderId: row.repair_order_id,
    note: row.note,
    userName: row.user_name ?? '',
    createdAt: row.created_at,
  };
}

interface NewEntry {
  entryId: string;
  customerId: string;
  effect: BalanceEntry;
  method: AccountPaymentMethod | null;
  reference: string | null;
  note: string;
}

/**
 * The cuenta corriente: payments on account, managers' adjustments and the statement. The balance is always
 * the ledger's sum (shared/account-balance.ts), over every store's entries: the ledger is replicated globally.
 */
export function createAccountHandlers(ctx: CoreContext): AccountHandlers {
  async function requireCustomer(id: string, db: LocalDb = ctx.db): Promise<CustomerRow> {
    const row = await findCustomerById(db, id);
    if (!row)
      throw new CoreError('NOT_FOUND', 'no customer with that id', [{ path: 'customerId', message: 'not found' }]);
    return row;
  }

  /** A repeated entry id is the same entry (a retry after a lost answer), unless it says something else. */
  function replayOf(existing: AccountEntryWithUser, entry: NewEntry): AccountEntryWithUser {
    if (
      existing.customer_id !== entry.customerId ||
      existing.kind !== entry.effect.kind ||
      existing.amount !== entry.effect.amount
    ) {
      throw new CoreError('CONFLICT', 'an account entry with that id already exists with other values');
    }
    noteAlreadySaved('customer_account_entries', existing.id);
    return existing;
  }

  /** The entry and the customer's balance as `db` holds them: the write transaction when it answers the write. */
  async function movementOf(db: LocalDb, row: AccountEntryWithUser) {
    const customer = await requireCustomer(row.customer_id, db);
    const balance = await balanceOf(db, customer.id);
    // The balance right after this entry, in ledger order: entries newer than it may exist (a replay).
    const newer = await sumAfterEntry(db, customer.id, row);
    return {
      entry: toEntry(row, balance - newer),
      balance,
      availableCredit: availableCredit(balance, customer.credit_limit),
    };
  }

  /** Writes one entry (and, for an adjustment, its audit event) with one outbox mutation. */
  async function record(userId: string, customer: CustomerRow, entry: NewEntry, kind: string, audited: boolean) {
    const earlier = await findAccountEntry(ctx.db, entry.entryId);
    if (earlier) return movementOf(ctx.db, replayOf(earlier, entry));
    const { identity } = ctx.requireTerminal();
    const stamp = await ctx.nextHlc();
    const now = ctx.nowIso();
    const row = {
      id: entry.entryId,
      customer_id: customer.id,
      kind: entry.effect.kind,
      amount: entry.effect.amount,
      method: entry.method,
      reference: entry.reference,
      sale_id: null,
      repair_order_id: null,
      note: entry.note,
      user_id: userId,
      store_id: identity.storeId,
      terminal_id: identity.terminalId,
      created_at: now,
      hlc: stamp,
    };
    // The answer is read inside the transaction that wrote the entry: if it cannot be built, nothing is written.
    return writeTransaction(ctx.db, async (trx) => {
      const raced = await findAccountEntry(trx, entry.entryId);
      if (raced) return movementOf(trx, replayOf(raced, entry));
      // The balance under the write lock: a payment racing this one is either in it or waits for this commit.
      const before = await balanceOf(trx, customer.id);
      assertSumWithinBound(before, before + row.amount, 'accountBalance', 'amount', "the customer's balance");
      await insertAccountEntry(trx, row);
      const audit = audited
        ? buildAuditEvent(ctx, {
            userId,
            action: kind,
            entityType: 'customer',
            entityId: customer.id,
            details: {
              entryId: row.id,
              amount: row.amount,
              note: row.note,
              balanceBefore: before,
              balanceAfter: before + row.amount,
            },
            hlc: stamp,
          })
        : null;
      if (audit) await insertAuditEvent(trx, audit);
      await ctx.recordMutation(
        trx,
        kind,
        audit ? { customer_account_entries: [row], audit_events: [audit] } : { customer_account_entries: [row] },
        stamp,
      );
      const saved = await findAccountEntry(trx, row.id);
      if (!saved) throw new Error(`account entry ${row.id} was not written`);
      return movementOf(trx, saved);
    });
  }

  return {
    async 'customers.ledger'(input) {
      const before = input.before ? { created_at: input.before.createdAt, id: input.before.id } : null;
      // One snapshot: an entry the sync worker commits meanwhile would otherwise be in the older-entries sum and
      // not in the balance (or the other way round), and the page's running balances would disagree with it.
      const { customer, balance, total, page, opening } = await readTransaction(ctx.db, async (trx) => {
        const customer = await requireCustomer(input.customerId, trx);
        const [balance, total, read] = await Promise.all([
          balanceOf(trx, customer.id),
          countAccountEntries(trx, customer.id),
          accountEntriesPage(trx, customer.id, input.limit + 1, before),
        ]);
        const page = ledgerPage(read, input.limit);
        // Running balances from the true sum of everything older than the page, however deep the page is.
        const oldest = page.rows.at(-1);
        const opening = oldest ? await sumBeforeEntry(trx, customer.id, oldest) : 0;
        return { customer, balance, total, page, opening };
      });
      const after = balancesAfter(page.rows, opening);
      return {
        customerId: customer.id,
        balance,
        availableCredit: availableCredit(balance, customer.credit_limit),
        entries: {
          items: page.rows.map((row, i) => toEntry(row, after[i] ?? opening)),
          total,
          nextCursor: page.next ? { createdAt: page.next.created_at, id: page.next.id } : null,
        },
      };
    },

    async 'customers.purchases'(input) {
      const { items, total } = await readTransaction(ctx.db, async (trx) => {
        const customer = await requireCustomer(input.customerId, trx);
        const [items, total] = await Promise.all([
          customerPurchases(trx, customer.id, input.limit, input.offset),
          countCustomerPurchases(trx, customer.id),
        ]);
        return { items, total };
      });
      return {
        items: items.map((s) => ({ id: s.id, number: s.number, createdAt: s.created_at, total: s.total })),
        total,
      };
    },

    async 'accounts.recordPayment'(input, call) {
      const user = requireUser(call);
      const customer = await requireCustomer(input.customerId);
      return record(
        user.id,
        customer,
        {
          entryId: input.entryId,
          customerId: customer.id,
          effect: paymentEntry(input.amount),
          method: input.method,
          reference: input.reference,
          note: input.note,
        },
        'account.payment',
        false,
      );
    },

    async 'accounts.adjust'(input, call) {
      const user = requireUser(call);
      const customer = await requireCustomer(input.customerId);
      return record(
        user.id,
        customer,
        {
          entryId: input.entryId,
          customerId: customer.id,
          effect: adjustmentEntry(input.amount),
          method: null,
          reference: null,
          note: input.note,
        },
        'account.adjust',
        true,
      );
    },
  };
}
