import type { ManagerOverride } from '../../../shared/contract/sales.contract';
import { CoreError } from '../../../shared/errors';
import { verifyPin } from '../auth/pin-hash';
import type { CoreContext } from '../core-context';
import { findUserById, isOfStore, type UserRow } from '../repositories/user.repository';

const MANAGER_ROLES: readonly string[] = ['admin', 'manager'];

/**
 * Checks a manager's PIN typed on another user's screen (DOMAIN.md: sensitive actions need a manager). A wrong
 * PIN counts against that manager in the login throttle, so the override is no faster a way to guess a PIN than
 * the login pad. Refusals are FORBIDDEN, never UNAUTHORIZED: the cashier's own session is fine.
 */
export async function verifyManagerOverride(ctx: CoreContext, override: ManagerOverride): Promise<UserRow> {
  const waitMs = ctx.throttle.waitFor(override.managerId);
  if (waitMs > 0) {
    throw new CoreError('RATE_LIMITED', `too many wrong PINs; try again in ${Math.ceil(waitMs / 1000)} s`, [
      { path: 'managerOverride.pin', message: 'too many wrong PINs' },
    ]);
  }
  const manager = await findUserById(ctx.db, override.managerId);
  // Only this store's managers and the chain's admins: a terminal may still hold another store's people it pulled
  // before users had a home store (central 0011), and they approve nothing here.
  const valid =
    manager !== undefined &&
    manager.archived === 0 &&
    MANAGER_ROLES.includes(manager.role) &&
    isOfStore(manager, ctx.requireTerminal().identity.storeId) &&
    (await verifyPin(override.pin, manager.pin_hash));
  if (!manager || !valid) {
    ctx.throttle.recordFailure(override.managerId);
    throw new CoreError('FORBIDDEN', "a manager's PIN is needed: wrong PIN, or not a manager", [
      { path: 'managerOverride.pin', message: 'wrong PIN or not a manager' },
    ]);
  }
  ctx.throttle.recordSuccess(manager.id);
  return manager;
}
