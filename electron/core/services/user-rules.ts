import type { ManagedUser } from '../../../shared/contract/users.contract';
import { CoreError } from '../../../shared/errors';
import { USER_REFUSALS, type UserRefusal, userNameKey } from '../../../shared/user-management';
import type { CoreContext } from '../core-context';
import type { LocalDb } from '../database/write-transaction';
import {
  findUserById,
  holdsChainAdmins,
  isOfStore,
  listStoreUsers,
  type UserRow,
} from '../repositories/user.repository';
import { type CallContext, requireUser } from '../router/handler.types';
import { storedConnectionText } from './join-pending';

/** A typed refusal of a user change (shared/user-management.ts), with the field it concerns when there is one. */
export function refuse(reason: UserRefusal, path?: string): never {
  const { code, message } = USER_REFUSALS[reason];
  throw new CoreError(code, message, path === undefined ? undefined : [{ path, message }]);
}

export function toManagedUser(row: Pick<UserRow, 'id' | 'name' | 'role' | 'store_id' | 'archived'>): ManagedUser {
  return { id: row.id, name: row.name, role: row.role, active: row.archived === 0, chainAdmin: row.store_id === null };
}

/**
 * Whether this terminal is part of a chain: connected to a central (or joining one), or holding a chain admin,
 * which only central makes. Then admins come from central only. When in doubt, a chain.
 */
export async function belongsToChain(db: LocalDb): Promise<boolean> {
  return (await storedConnectionText(db)) !== null || (await holdsChainAdmins(db));
}

/**
 * The caller as stored now, not as their session remembers them: a role changed or a deactivation (here or by
 * sync) counts from the next call on. Someone who can no longer log in here has no session either.
 */
export async function requireActor(ctx: CoreContext, db: LocalDb, call: CallContext): Promise<UserRow> {
  const session = requireUser(call);
  const row = await findUserById(db, session.id);
  if (row?.archived === 0 && isOfStore(row, ctx.requireTerminal().identity.storeId)) return row;
  if (call.session) ctx.sessions.close(call.session);
  throw new CoreError('UNAUTHORIZED', 'log in first');
}

/** A user this terminal may show: one of its store's or a chain admin. Another store's user is not found. */
export async function requireStoreUser(ctx: CoreContext, db: LocalDb, id: string): Promise<UserRow> {
  const row = await findUserById(db, id);
  if (!row || !isOfStore(row, ctx.requireTerminal().identity.storeId)) {
    throw new CoreError('NOT_FOUND', 'no such user at this store', [{ path: 'id', message: 'no such user' }]);
  }
  return row;
}

/** Two people of one store must not share a name on the login pad (deactivated ones count: they may return). */
export async function assertNameFree(ctx: CoreContext, db: LocalDb, name: string, exceptId: string | null) {
  const key = userNameKey(name);
  const users = await listStoreUsers(db, ctx.requireTerminal().identity.storeId);
  if (users.some((u) => u.id !== exceptId && userNameKey(u.name) === key)) refuse('nameTaken', 'name');
}
