import type { Updateable } from 'kysely';
import type { LocalDatabase } from '../../../db/local/local-schema';
import type { Role } from '../../../shared/contract/common.schemas';
import type { ManagedUser } from '../../../shared/contract/users.contract';
import { newId } from '../../../shared/ids';
import { manageRefusal, roleRefusal } from '../../../shared/user-management';
import { hashPin } from '../auth/pin-hash';
import type { CoreContext } from '../core-context';
import { type LocalDb, writeTransaction } from '../database/write-transaction';
import { insertAuditEvent } from '../repositories/audit.repository';
import {
  countActiveAdminsBesides,
  insertUser,
  listStoreUsers,
  type UserRow,
  updateUser,
} from '../repositories/user.repository';
import type { CallContext, Handlers } from '../router/handler.types';
import { newRowClocks } from '../sync/column-clocks';
import { buildAuditEvent } from './audit-event';
import { assertNameFree, belongsToChain, refuse, requireActor, requireStoreUser, toManagedUser } from './user-rules';

type UserAdminHandlers = Pick<
  Handlers,
  'users.list' | 'users.create' | 'users.update' | 'users.deactivate' | 'users.reactivate' | 'users.resetPin'
>;

type UserColumns = Pick<Updateable<LocalDatabase['users']>, 'name' | 'role' | 'archived' | 'pin_hash'>;

/** One decided change of one user: what to write, how to audit it, and what it does to open sessions. */
interface UserChange {
  action: string;
  kind: string;
  /** Only the columns whose value changes: the per-column merge must not see untouched ones. */
  columns: UserColumns;
  details: Record<string, unknown>;
  /** After commit: end the user's sessions on this terminal (their rights or their PIN changed). */
  endSessions: boolean;
}

interface ChangeFacts {
  trx: LocalDb;
  actor: UserRow;
  target: UserRow;
  inChain: boolean;
}

/**
 * The Usuarios screen's channels. Every rule is checked inside the write transaction, under the write lock,
 * against the rows as stored (the caller included), so two managers at two screens cannot slip a change between
 * a check and its write; a refused call writes nothing.
 */
export function createUserAdminHandlers(ctx: CoreContext): UserAdminHandlers {
  const storeId = () => ctx.requireTerminal().identity.storeId;

  /** The rules every change of an existing user obeys, whatever it changes. */
  function assertManageable({ actor, target }: ChangeFacts): void {
    const refusal = manageRefusal(
      { id: actor.id, role: actor.role },
      { ...target, chainAdmin: target.store_id === null },
    );
    if (refusal) refuse(refusal);
  }

  /** An admin stops being one (demoted or deactivated): never the last one who can log in at this store. */
  async function assertNotLastAdmin({ trx, target }: ChangeFacts, path: string): Promise<void> {
    if (
      target.role === 'admin' &&
      target.archived === 0 &&
      (await countActiveAdminsBesides(trx, storeId(), target.id)) === 0
    ) {
      refuse('lastAdmin', path);
    }
  }

  async function changeUser(
    call: CallContext,
    id: string,
    decide: (facts: ChangeFacts) => Promise<UserChange | null>,
  ): Promise<ManagedUser> {
    const stamp = await ctx.nextHlc();
    const now = ctx.nowIso();
    const { answer, change } = await writeTransaction(ctx.db, async (trx) => {
      const actor = await requireActor(ctx, trx, call);
      const current = await requireStoreUser(ctx, trx, id);
      const facts = { trx, actor, target: current, inChain: await belongsToChain(trx) };
      assertManageable(facts);
      const decided = await decide(facts);
      if (!decided || Object.keys(decided.columns).length === 0) {
        return { answer: toManagedUser(current), change: null };
      }
      const audit = buildAuditEvent(ctx, {
        userId: actor.id,
        action: decided.action,
        entityType: 'user',
        entityId: current.id,
        details: decided.details,
        hlc: stamp,
      });
      await updateUser(trx, current.id, { ...decided.columns, updated_at: now, hlc: stamp });
      await insertAuditEvent(trx, audit);
      await ctx.recordMutation(
        trx,
        decided.kind,
        {
          changes: [{ table: 'users', id: current.id, columns: { ...decided.columns, updated_at: now } }],
          audit_events: [audit],
        },
        stamp,
      );
      // The answer is the row as this transaction left it, read back under its write lock.
      return { answer: toManagedUser(await requireStoreUser(ctx, trx, current.id)), change: decided };
    });
    // In-memory only, after the commit (a rolled-back change must not log anyone out).
    if (change?.endSessions) ctx.sessions.closeUser(answer.id);
    else if (change?.columns.name !== undefined) ctx.sessions.rename(answer.id, answer.name);
    return answer;
  }

  function setActive(call: CallContext, id: string, active: boolean): Promise<ManagedUser> {
    return changeUser(call, id, async (facts) => {
      const { actor, target } = facts;
      if ((target.archived === 0) === active) return null;
      if (!active) {
        await assertNotLastAdmin(facts, 'id');
        if (target.id === actor.id) refuse('self', 'id');
      }
      return {
        action: active ? 'users.reactivate' : 'users.deactivate',
        kind: active ? 'user.reactivate' : 'user.deactivate',
        columns: { archived: active ? 0 : 1 },
        details: { name: target.name, role: target.role },
        endSessions: !active,
      };
    });
  }

  return {
    async 'users.list'(_input, call) {
      await requireActor(ctx, ctx.db, call);
      const rows = await listStoreUsers(ctx.db, storeId());
      return { inChain: await belongsToChain(ctx.db), users: rows.map(toManagedUser) };
    },

    async 'users.create'(input, call) {
      const pinHash = await hashPin(input.pin);
      const stamp = await ctx.nextHlc();
      const now = ctx.nowIso();
      const row = {
        id: newId(),
        name: input.name,
        role: input.role,
        pin_hash: pinHash,
        store_id: storeId(),
        archived: 0 as const,
        created_at: now,
        updated_at: now,
        row_version: 1,
        hlc: stamp,
        col_hlc: newRowClocks('users', stamp),
      };
      return writeTransaction(ctx.db, async (trx) => {
        const actor = await requireActor(ctx, trx, call);
        const refusal = roleRefusal(actor.role, await belongsToChain(trx), input.role, null);
        if (refusal) refuse(refusal, 'role');
        await assertNameFree(ctx, trx, input.name, null);
        const audit = buildAuditEvent(ctx, {
          userId: actor.id,
          action: 'users.create',
          entityType: 'user',
          entityId: row.id,
          details: { name: row.name, role: row.role },
          hlc: stamp,
        });
        await insertUser(trx, row);
        await insertAuditEvent(trx, audit);
        await ctx.recordMutation(trx, 'user.create', { users: [row], audit_events: [audit] }, stamp);
        // Answered from the row as this transaction stored it: nothing is left to fail after the commit.
        const stored = await requireStoreUser(ctx, trx, row.id);
        return { id: stored.id, name: stored.name, role: stored.role };
      });
    },

    async 'users.update'(input, call) {
      return changeUser(call, input.id, async (facts) => {
        const { trx, actor, target, inChain } = facts;
        const columns: UserColumns = {};
        if (input.role !== target.role) {
          const refusal = roleRefusal(actor.role, inChain, input.role, target.role);
          if (refusal) refuse(refusal, 'role');
          await assertNotLastAdmin(facts, 'role');
          if (target.id === actor.id) refuse('self', 'role');
          columns.role = input.role;
        }
        if (input.name !== target.name) {
          await assertNameFree(ctx, trx, input.name, target.id);
          columns.name = input.name;
        }
        const previous: { name?: string; role?: Role } = {};
        if (columns.name !== undefined) previous.name = target.name;
        if (columns.role !== undefined) previous.role = target.role;
        return {
          action: 'users.update',
          kind: 'user.update',
          columns,
          details: { columns: Object.keys(columns), previous, name: input.name, role: input.role },
          endSessions: columns.role !== undefined,
        };
      });
    },

    async 'users.deactivate'(input, call) {
      return setActive(call, input.id, false);
    },

    async 'users.reactivate'(input, call) {
      return setActive(call, input.id, true);
    },

    async 'users.resetPin'(input, call) {
      const pinHash = await hashPin(input.pin);
      const changed = await changeUser(call, input.id, async ({ actor, target }) => {
        if (target.id === actor.id) refuse('self', 'id');
        return {
          action: 'users.resetPin',
          kind: 'user.resetPin',
          columns: { pin_hash: pinHash },
          details: { name: target.name },
          endSessions: true,
        };
      });
      // Locked out after wrong PINs? The new PIN works at once.
      ctx.throttle.recordSuccess(changed.id);
      return changed;
    },
  };
}
