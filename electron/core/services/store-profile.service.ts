import type { Updateable } from 'kysely';
import type { LocalDatabase } from '../../../db/local/local-schema';
import { DEFAULT_WARRANTY_DAYS, type StoreHeader, type StoreProfile } from '../../../shared/contract/store.contract';
import { formatCuit, isValidCuit } from '../../../shared/tax-id';
import type { CoreContext } from '../core-context';
import { type LocalDb, writeTransaction } from '../database/write-transaction';
import { insertAuditEvent } from '../repositories/audit.repository';
import {
  findStoreProfile,
  insertStoreProfile,
  type StoreProfileRow,
  updateStoreProfile,
} from '../repositories/store-profile.repository';
import { type Handlers, requireUser } from '../router/handler.types';
import { columnClocks, newRowClocks } from '../sync/column-clocks';
import { buildAuditEvent } from './audit-event';

type StoreProfileColumns = Updateable<LocalDatabase['store_profiles']>;

/**
 * The store's profile row as a new store starts it: its setup name and the defaults. Setup writes it; a terminal
 * that joined a chain copies its store's row from central instead (0009_store_profiles makes one per store).
 */
export function newStoreProfileRow(storeId: string, name: string, now: string, hlc: string) {
  return {
    id: storeId,
    store_id: storeId,
    name,
    address: '',
    phone: '',
    email: '',
    tax_id: '',
    repair_terms: '',
    warranty_days: DEFAULT_WARRANTY_DAYS,
    archived: 0 as const,
    created_at: now,
    updated_at: now,
    row_version: 1,
    hlc,
    col_hlc: newRowClocks('store_profiles', hlc),
  };
}

function toStoreProfile(row: StoreProfileRow): StoreProfile {
  return {
    storeId: row.id,
    name: row.name,
    address: row.address,
    phone: row.phone,
    email: row.email,
    taxId: isValidCuit(row.tax_id) ? formatCuit(row.tax_id) : '',
    repairTerms: row.repair_terms,
    warrantyDays: row.warranty_days,
  };
}

/**
 * The profile of this terminal's store. Until its row arrives (a store created before profiles existed, a join
 * still copying) the terminal's own setup name and the defaults stand in, so papers always have a header.
 */
export async function readStoreProfile(ctx: CoreContext, db: LocalDb = ctx.db): Promise<StoreProfile> {
  const { identity } = ctx.requireTerminal();
  const row = await findStoreProfile(db, identity.storeId);
  if (row) return toStoreProfile(row);
  return {
    storeId: identity.storeId,
    name: identity.storeName,
    address: '',
    phone: '',
    email: '',
    taxId: '',
    repairTerms: '',
    warrantyDays: DEFAULT_WARRANTY_DAYS,
  };
}

export async function readStoreHeader(ctx: CoreContext, db: LocalDb = ctx.db): Promise<StoreHeader> {
  const { name, address, phone, taxId } = await readStoreProfile(ctx, db);
  return { name, address, phone, taxId };
}

export function createStoreProfileHandlers(ctx: CoreContext): Pick<Handlers, 'store.profile' | 'store.updateProfile'> {
  return {
    async 'store.profile'() {
      return readStoreProfile(ctx);
    },

    async 'store.updateProfile'(input, call) {
      const user = requireUser(call);
      const { identity } = ctx.requireTerminal();
      const requested: StoreProfileColumns = {
        name: input.name,
        address: input.address,
        phone: input.phone,
        email: input.email,
        tax_id: input.taxId,
        repair_terms: input.repairTerms,
        warranty_days: input.warrantyDays,
      };
      const stamp = await ctx.nextHlc();
      const now = ctx.nowIso();
      // The answer is read inside the transaction that wrote the profile.
      return writeTransaction(ctx.db, async (trx) => {
        // Read under the write lock, so the columns compared are the ones this write replaces.
        const current = await findStoreProfile(trx, identity.storeId);
        const base = current ?? newStoreProfileRow(identity.storeId, identity.storeName, now, stamp);
        // Only the columns whose value really changes: the per-column merge must not see untouched ones.
        const columns = Object.fromEntries(
          Object.entries(requested).filter(
            ([key, value]) => value !== undefined && base[key as keyof typeof base] !== value,
          ),
        ) satisfies StoreProfileColumns;
        if (Object.keys(columns).length === 0) return readStoreProfile(ctx, trx);
        const audit = buildAuditEvent(ctx, {
          userId: user.id,
          action: 'store.updateProfile',
          entityType: 'store',
          entityId: identity.storeId,
          details: { columns: Object.keys(columns) },
          hlc: stamp,
        });
        await insertAuditEvent(trx, audit);
        if (current) {
          await updateStoreProfile(trx, identity.storeId, { ...columns, updated_at: now, hlc: stamp });
          await ctx.recordMutation(
            trx,
            'store.updateProfile',
            {
              changes: [{ table: 'store_profiles', id: identity.storeId, columns: { ...columns, updated_at: now } }],
              audit_events: [audit],
            },
            stamp,
          );
          return readStoreProfile(ctx, trx);
        }
        // No row here yet (see readStoreProfile), but central has one for every store (0009_store_profiles): the
        // defaults filled in locally carry no clock, so central's values win them on the next pull, and only the
        // edited columns travel. Sending the whole row would stamp defaults over a sibling terminal's edits.
        const edited = { ...columns, updated_at: now };
        await insertStoreProfile(trx, { ...base, ...edited, col_hlc: columnClocks(Object.keys(edited), stamp) });
        await ctx.recordMutation(
          trx,
          'store.updateProfile',
          { changes: [{ table: 'store_profiles', id: identity.storeId, columns: edited }], audit_events: [audit] },
          stamp,
        );
        return readStoreProfile(ctx, trx);
      });
    },
  };
}
