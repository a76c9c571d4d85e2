import { CoreError } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import { hashPin, verifyPin } from '../auth/pin-hash';
import type { CoreContext } from '../core-context';
import { writeTransaction } from '../database/write-transaction';
import { insertAuditEvent } from '../repositories/audit.repository';
import { findUserById, insertUser, listActiveUsers } from '../repositories/user.repository';
import { type Handlers, requireUser } from '../router/handler.types';
import { newRowClocks } from '../sync/column-clocks';
import { buildAuditEvent } from './audit-event';

type UserHandlers = Pick<Handlers, 'users.listForLogin' | 'users.login' | 'users.logout' | 'users.create'>;

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
      return { users: await listActiveUsers(ctx.db) };
    },

    async 'users.login'(input) {
      ctx.requireTerminal();
      const waitMs = ctx.throttle.waitFor(input.userId);
      if (waitMs > 0) {
        throw new CoreError('RATE_LIMITED', `too many wrong PINs; try again in ${Math.ceil(waitMs / 1000)} s`);
      }
      const user = await findUserById(ctx.db, input.userId);
      const valid = user !== undefined && user.archived === 0 && (await verifyPin(input.pin, user.pin_hash));
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

    async 'users.create'(input, call) {
      const actor = requireUser(call);
      const pinHash = await hashPin(input.pin);
      const stamp = await ctx.nextHlc();
      const now = ctx.nowIso();
      const row = {
        id: newId(),
        name: input.name,
        role: input.role,
        pin_hash: pinHash,
        archived: 0 as const,
        created_at: now,
        updated_at: now,
        row_version: 1,
        hlc: stamp,
        col_hlc: newRowClocks('users', stamp),
      };
      const audit = buildAuditEvent(ctx, {
        userId: actor.id,
        action: 'users.create',
        entityType: 'user',
        entityId: row.id,
        details: { name: row.name, role: row.role },
        hlc: stamp,
      });
      await writeTransaction(ctx.db, async (trx) => {
        await insertUser(trx, row);
        await insertAuditEvent(trx, audit);
        await ctx.recordMutation(trx, 'user.create', { users: [row], audit_events: [audit] }, stamp);
      });
      return { id: row.id, name: row.name, role: row.role };
    },
  };
}
