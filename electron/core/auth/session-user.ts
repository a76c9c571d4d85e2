import type { UserSummary } from '../../../shared/contract/common.schemas';
import type { CoreContext } from '../core-context';
import { findUserById, isOfStore } from '../repositories/user.repository';

/**
 * The user behind a session token, as the file holds them now. A session is opened for a user holding a role;
 * once they are deactivated, belong to another store or hold another role, it ends, whichever way the change came:
 * a Usuarios change on this terminal (which also ends it right after its commit), one from another terminal by
 * sync, or one whose answer failed after its commit. So the rights checked for every channel are the stored
 * ones, never those the user had at login.
 */
export async function resolveSessionUser(ctx: CoreContext, token: string | null): Promise<UserSummary | null> {
  const user = ctx.sessions.resolve(token);
  const identity = ctx.identity;
  if (!user || !token || !identity) return user;
  // Nothing was written since this session's last check: the row is as it was then, so the check stands.
  const stamp = ctx.fileStamp();
  if (ctx.sessions.checkedAt(token, stamp)) return user;
  const row = await findUserById(ctx.db, user.id);
  if (!(row?.archived === 0 && isOfStore(row, identity.storeId) && row.role === user.role)) {
    ctx.sessions.close(token);
    return null;
  }
  ctx.sessions.markChecked(token, stamp);
  if (row.name === user.name) return user;
  ctx.sessions.rename(user.id, row.name);
  return { ...user, name: row.name };
}
