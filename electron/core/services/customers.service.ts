import type { Updateable } from 'kysely';
import type { LocalDatabase } from '../../../db/local/local-schema';
import type { UserSummary } from '../../../shared/contract/common.schemas';
import type { TaxIdInput } from '../../../shared/contract/customers.contract';
import { CoreError } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import { dniFromCuit, formatCuit, formatDni } from '../../../shared/tax-id';
import type { CoreContext } from '../core-context';
import { type LocalDb, writeTransaction } from '../database/write-transaction';
import { balanceOf, balancesOf } from '../repositories/account.repository';
import { insertAuditEvent } from '../repositories/audit.repository';
import {
  type CustomerRow,
  findCustomerById,
  findLiveCustomersByTaxIdentity,
  insertCustomer,
  listCustomersByName,
  searchCustomerCandidates,
  updateCustomer,
} from '../repositories/customer.repository';
import { type Handlers, requireUser } from '../router/handler.types';
import { newRowClocks } from '../sync/column-clocks';
import { buildAuditEvent } from './audit-event';
import { rankCustomers, toCustomerFtsQuery } from './customer-search';
import { taxIdDisplay, toCustomer, toCustomerSummary } from './customer-view';

type CustomerHandlers = Pick<
  Handlers,
  'customers.create' | 'customers.update' | 'customers.archive' | 'customers.get' | 'customers.search'
>;

type CustomerColumns = Updateable<LocalDatabase['customers']>;

/** As for catalog search: enough candidates to rank well, few enough for a one-letter query to stay fast. */
const SEARCH_CANDIDATES = 200;

/** Giving credit is a manager's decision (DOMAIN.md: sensitive actions need a manager). */
const CREDIT_ROLES: readonly UserSummary['role'][] = ['admin', 'manager'];

function requireCreditRole(user: UserSummary): void {
  if (!CREDIT_ROLES.includes(user.role)) {
    throw new CoreError('FORBIDDEN', 'only a manager may set or change a credit limit', [
      { path: 'creditLimit', message: 'only a manager may set or change it' },
    ]);
  }
}

function taxIdLabel(taxId: TaxIdInput): string {
  return taxId.kind === 'dni' ? `DNI ${formatDni(taxId.number)}` : `CUIT ${formatCuit(taxId.number)}`;
}

export function createCustomerHandlers(ctx: CoreContext): CustomerHandlers {
  async function requireCustomer(db: LocalDb, id: string): Promise<CustomerRow> {
    const row = await findCustomerById(db, id);
    if (!row) throw new CoreError('NOT_FOUND', 'no customer with that id');
    return row;
  }

  /**
   * One live customer per person: the same tax id, or the same DNI under a DNI and a person's CUIT. Checked here
   * and not in the schema, because sync may bring two customers registered offline with one DNI (central keeps
   * both); those stay until someone archives one, and only new duplicates are refused.
   */
  async function assertTaxIdFree(db: LocalDb, taxId: TaxIdInput | null, exceptId: string | null): Promise<void> {
    if (!taxId) return;
    const dni = taxId.kind === 'dni' ? taxId.number : dniFromCuit(taxId.number);
    const owner = (await findLiveCustomersByTaxIdentity(db, taxId.number, dni)).find((c) => c.id !== exceptId);
    if (owner) {
      const theirs = taxIdDisplay(owner);
      const message = `${taxIdLabel(taxId)} is already registered for "${owner.name}"${theirs ? ` (${theirs})` : ''}`;
      throw new CoreError('CONFLICT', message, [{ path: 'taxId.number', message }]);
    }
  }

  /** The customer with its balance; `db` is the write transaction when the view answers the call that wrote it. */
  async function viewOf(id: string, db: LocalDb = ctx.db) {
    const row = await requireCustomer(db, id);
    return toCustomer(row, await balanceOf(db, row.id));
  }

  /** Writes the changed columns of one customer with its audit event and one mutation. */
  async function applyChanges(
    user: UserSummary,
    current: CustomerRow,
    columns: CustomerColumns,
    taxId: TaxIdInput | null | undefined,
    action: string,
  ) {
    const stamp = await ctx.nextHlc();
    const now = ctx.nowIso();
    return writeTransaction(ctx.db, async (trx) => {
      // Re-checked under the write lock, where no other writer can slip in between check and update.
      if (taxId !== undefined) await assertTaxIdFree(trx, taxId, current.id);
      await updateCustomer(trx, current.id, { ...columns, updated_at: now, hlc: stamp });
      const audit = buildAuditEvent(ctx, {
        userId: user.id,
        action,
        entityType: 'customer',
        entityId: current.id,
        details: { columns: Object.keys(columns), creditLimit: columns.credit_limit },
        hlc: stamp,
      });
      await insertAuditEvent(trx, audit);
      await ctx.recordMutation(
        trx,
        'customer.update',
        {
          // Exactly the columns stamped locally, updated_at included (see catalog.service's product.update).
          changes: [{ table: 'customers', id: current.id, columns: { ...columns, updated_at: now } }],
          audit_events: [audit],
        },
        stamp,
      );
      return viewOf(current.id, trx);
    });
  }

  return {
    async 'customers.create'(input, call) {
      const user = requireUser(call);
      if (input.creditLimit !== null) requireCreditRole(user);
      await assertTaxIdFree(ctx.db, input.taxId, null);
      const stamp = await ctx.nextHlc();
      const now = ctx.nowIso();
      const customer = {
        id: newId(),
        name: input.name,
        tax_id_kind: input.taxId?.kind ?? null,
        tax_id: input.taxId?.number ?? null,
        phone: input.phone,
        email: input.email,
        address: input.address,
        notes: input.notes,
        credit_limit: input.creditLimit,
        archived: 0 as const,
        created_at: now,
        updated_at: now,
        row_version: 1,
        hlc: stamp,
        col_hlc: newRowClocks('customers', stamp),
        central_version: 0,
      };
      const audit = buildAuditEvent(ctx, {
        userId: user.id,
        action: 'customers.create',
        entityType: 'customer',
        entityId: customer.id,
        details: { taxIdKind: customer.tax_id_kind, creditLimit: customer.credit_limit },
        hlc: stamp,
      });
      return writeTransaction(ctx.db, async (trx) => {
        await assertTaxIdFree(trx, input.taxId, null);
        await insertCustomer(trx, customer);
        await insertAuditEvent(trx, audit);
        await ctx.recordMutation(trx, 'customer.create', { customers: [customer], audit_events: [audit] }, stamp);
        return viewOf(customer.id, trx);
      });
    },

    async 'customers.update'(input, call) {
      const user = requireUser(call);
      const current = await requireCustomer(ctx.db, input.id);
      const { changes } = input;
      const requested: CustomerColumns = {
        name: changes.name,
        phone: changes.phone,
        email: changes.email,
        address: changes.address,
        notes: changes.notes,
        credit_limit: changes.creditLimit,
        ...(changes.taxId !== undefined
          ? { tax_id_kind: changes.taxId?.kind ?? null, tax_id: changes.taxId?.number ?? null }
          : {}),
      };
      // Only the columns whose value really changes: per-column merging in sync must not see untouched ones.
      const columns = Object.fromEntries(
        Object.entries(requested).filter(
          ([key, value]) => value !== undefined && current[key as keyof CustomerRow] !== value,
        ),
      ) satisfies CustomerColumns;
      if ('credit_limit' in columns) requireCreditRole(user);
      const taxIdChanged = 'tax_id' in columns || 'tax_id_kind' in columns;
      if (taxIdChanged) await assertTaxIdFree(ctx.db, changes.taxId ?? null, current.id);
      // Saving an unchanged form records nothing: no audit noise, no mutation for sync to carry.
      if (Object.keys(columns).length === 0) return toCustomer(current, await balanceOf(ctx.db, current.id));
      return applyChanges(
        user,
        current,
        columns,
        taxIdChanged ? (changes.taxId ?? null) : undefined,
        'customers.update',
      );
    },

    async 'customers.archive'(input, call) {
      const user = requireUser(call);
      const current = await requireCustomer(ctx.db, input.id);
      const archived = input.archived ? 1 : 0;
      if (current.archived === archived) return toCustomer(current, await balanceOf(ctx.db, current.id));
      // Bringing a customer back re-checks the tax id: another live customer may hold it by now.
      const taxId =
        archived === 0 && current.tax_id_kind !== null && current.tax_id !== null
          ? { kind: current.tax_id_kind, number: current.tax_id }
          : undefined;
      if (taxId) await assertTaxIdFree(ctx.db, taxId, current.id);
      return applyChanges(
        user,
        current,
        { archived },
        taxId,
        input.archived ? 'customers.archive' : 'customers.unarchive',
      );
    },

    async 'customers.get'(input) {
      return viewOf(input.id);
    },

    async 'customers.search'(input) {
      const ftsQuery = toCustomerFtsQuery(input.query);
      const rows = ftsQuery
        ? rankCustomers(
            input.query,
            await searchCustomerCandidates(ctx.db, ftsQuery, input.includeArchived, SEARCH_CANDIDATES),
          ).slice(0, input.limit)
        : await listCustomersByName(ctx.db, input.includeArchived, input.limit);
      const balances = await balancesOf(
        ctx.db,
        rows.map((r) => r.id),
      );
      return { items: rows.map((row) => toCustomerSummary(row, balances.get(row.id) ?? 0)) };
    },
  };
}
