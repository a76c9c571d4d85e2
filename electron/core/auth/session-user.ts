import type { UserSummary } from '../../../shared/contract/common.schemas';
import type { CoreContext } from '../core-context';
import { findUserById, isOfStore } from '../repositories/user.repository';

/**
 * The user behind a session token as the file says they are now, or null. A session remembers who logged in,
 * but a user can be deactivated, given another role or moved to another store afterwards, on this terminal or on
 * another one of the store (the change arrives by sync). Every call re-reads the row (one point query), so such a
 * change ends the session at the next call instead of after its idle limit: a deactivated cashier cannot keep
 * selling, a demoted manager cannot keep approving.
 */
export async function resolveSessionUser(ctx: CoreContext, token: string | null): Promise<UserSummary | null> {
  const remembered = ctx.sessions.resolve(token);
  if (!remembered || !token) return null;
  const stored = await findUserById(ctx.db, remembered.id);
  const storeId = ctx.identity?.storeId;
  const stillHere =
    stored !== undefined && stored.archived === 0 && storeId !== undefined && isOfStore(stored, storeId);
  if (!stillHere || stored.role !== remembered.role) {
    ctx.sessions.closeUser(remembered.id);
    return null;
  }
  if (stored.name !== remembered.name) ctx.sessions.rename(stored.id, stored.name);
  return { id: stored.id, name: stored.name, role: stored.role };
}
