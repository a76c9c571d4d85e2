import { CoreError } from '../../../shared/errors';
import { hashPin, verifyPin } from '../auth/pin-hash';
import type { CoreContext } from '../core-context';
import { writeTransaction } from '../database/write-transaction';
import { insertAuditEvent } from '../repositories/audit.repository';
import { findUserById, isOfStore, listActiveUsers, updateUser } from '../repositories/user.repository';
import { type Handlers, requireUser } from '../router/handler.types';
import { buildAuditEvent } from './audit-event';
import { refuse, requireActor } from './user-rules';

type UserHandlers = Pick<
  Handlers,
  'users.listForLogin' | 'users.login' | 'users.logout' | 'users.me' | 'users.changeOwnPin'
>;

export function createUserHandlers(ctx: CoreContext): UserHandlers {
  /**
   * Login attempts are history too: each one leaves an audit event, synced like any other. The event is the trace
   * of an attempt, not the login itself (the session is), so a login refused after it is answered as refused.
   */
  async function auditLogin(userId: string, action: 'login' | 'login.failed'): Promise<void> {
    const stamp = await ctx.nextHlc();
    const event = buildAuditEvent(ctx, { userId, action, entityType: 'user', entityId: userId, hlc: stamp });
    await writeTransaction(
      ctx.db,
      async (trx) => {
        await insertAuditEvent(trx, event);
        await ctx.recordMutation(trx, 'audit.record', { audit_events: [event] }, stamp);
      },
      { attemptOnly: true },
    );
  }

  return {
    async 'users.listForLogin'() {
      if (!ctx.isSetUp) return { users: [] };
      return { users: await listActiveUsers(ctx.db, ctx.requireTerminal().identity.storeId) };
    },

    async 'users.login'(input) {
      ctx.requireTerminal();
      const waitMs = ctx.throttle.waitFor(input.userId);
      if (waitMs > 0) {
        throw new CoreError('RATE_LIMITED', `too many wrong PINs; try again in ${Math.ceil(waitMs / 1000)} s`);
      }
      const user = await findUserById(ctx.db, input.userId);
      const { storeId } = ctx.requireTerminal().identity;
      const canLogInHere = user !== undefined && user.archived === 0 && isOfStore(user, storeId);
      const valid = canLogInHere && (await verifyPin(input.pin, user.pin_hash));
      if (!user || !valid) {
        ctx.throttle.recordFailure(input.userId);
        if (user) await auditLogin(user.id, 'login.failed');
        throw new CoreError('UNAUTHORIZED', 'wrong PIN');
      }
      ctx.throttle.recordSuccess(user.id);
      await auditLogin(user.id, 'login');
      const summary = { id: user.id, name: user.name, role: user.role };
      return { token: ctx.sessions.open(summary), user: summary };
    },

    async 'users.logout'(_input, call) {
      if (call.session) ctx.sessions.close(call.session);
      return { loggedOut: true as const };
    },

    async 'users.me'(_input, call) {
      const actor = await requireActor(ctx, ctx.db, call);
      return { user: { id: actor.id, name: actor.name, role: actor.role }, chainAdmin: actor.store_id === null };
    },

    async 'users.changeOwnPin'(input, call) {
      const session = requireUser(call);
      const waitMs = ctx.throttle.waitFor(session.id);
      if (waitMs > 0) {
        throw new CoreError('RATE_LIMITED', `too many wrong PINs; try again in ${Math.ceil(waitMs / 1000)} s`);
      }
      const actor = await requireActor(ctx, ctx.db, call);
      if (actor.store_id === null) refuse('chainAdmin');
      // The current PIN guards an unattended, logged-in screen: wrong ones count like wrong logins.
      if (!(await verifyPin(input.currentPin, actor.pin_hash))) {
        ctx.throttle.recordFailure(actor.id);
        ctx.log.warn(`wrong current PIN for user ${actor.id} changing their PIN`);
        refuse('wrongPin', 'currentPin');
      }
      ctx.throttle.recordSuccess(actor.id);
      const pinHash = await hashPin(input.newPin);
      const stamp = await ctx.nextHlc();
      const now = ctx.nowIso();
      return writeTransaction(ctx.db, async (trx) => {
        const current = await requireActor(ctx, trx, call);
        // Someone reset this PIN between the check and now: the PIN just verified is no longer the one stored.
        if (current.pin_hash !== actor.pin_hash)
          throw new CoreError('CONFLICT', 'the PIN changed meanwhile; try again');
        const audit = buildAuditEvent(ctx, {
          userId: actor.id,
          action: 'users.changeOwnPin',
          entityType: 'user',
          entityId: actor.id,
          hlc: stamp,
        });
        await updateUser(trx, actor.id, { pin_hash: pinHash, updated_at: now, hlc: stamp });
        await insertAuditEvent(trx, audit);
        await ctx.recordMutation(
          trx,
          'user.changePin',
          {
            changes: [{ table: 'users', id: actor.id, columns: { pin_hash: pinHash, updated_at: now } }],
            audit_events: [audit],
          },
          stamp,
        );
        // The answer says only that this transaction wrote the new hash: nothing is left to do after its commit.
        return { changed: true as const };
      });
    },
  };
}
