import { CoreError } from '../../../shared/errors';
import { HlcClock } from '../../../shared/hlc';
import { newId } from '../../../shared/ids';
import { hashPin } from '../auth/pin-hash';
import type { CoreContext, TerminalIdentity } from '../core-context';
import { writeTransaction } from '../database/write-transaction';
import { insertAuditEvent } from '../repositories/audit.repository';
import { insertStoreProfile } from '../repositories/store-profile.repository';
import { countUsers, insertUser } from '../repositories/user.repository';
import type { Handlers } from '../router/handler.types';
import { newRowClocks } from '../sync/column-clocks';
import { forgetPendingJoin, holdsReplicatedRows, readPendingJoin } from './join-pending';
import { newStoreProfileRow, readStoreProfile } from './store-profile.service';
import { activateTerminal, saveTerminalIdentity } from './terminal-identity';

export function createAppHandlers(ctx: CoreContext): Pick<Handlers, 'app.status' | 'setup.initialize'> {
  return {
    async 'app.status'() {
      const identity = ctx.identity;
      return {
        setupRequired: identity === null,
        // The profile's name: a manager may rename the store after setup (Tienda screen).
        storeName: identity ? (await readStoreProfile(ctx)).name : null,
        terminalCode: identity?.terminalCode ?? null,
      };
    },

    async 'setup.initialize'(input) {
      if (ctx.isSetUp) throw new CoreError('CONFLICT', 'this terminal is already set up');
      const pinHash = await hashPin(input.pin);
      const identity: TerminalIdentity = {
        storeId: newId(),
        storeName: input.storeName,
        terminalId: newId(),
        terminalCode: input.terminalCode,
      };
      const hlc = new HlcClock(identity.terminalId, () => ctx.clock.now().getTime()).now();
      const now = ctx.nowIso();
      const admin = {
        id: newId(),
        name: input.adminName,
        role: 'admin' as const,
        pin_hash: pinHash,
        store_id: identity.storeId,
        archived: 0 as const,
        created_at: now,
        updated_at: now,
        row_version: 1,
        hlc,
        col_hlc: newRowClocks('users', hlc),
      };
      const audit = {
        id: newId(),
        user_id: admin.id,
        action: 'setup.initialize',
        entity_type: 'terminal',
        entity_id: identity.terminalId,
        details: JSON.stringify({ storeName: identity.storeName, terminalCode: identity.terminalCode }),
        terminal_id: identity.terminalId,
        created_at: now,
        hlc,
      };
      const profile = newStoreProfileRow(identity.storeId, identity.storeName, now, hlc);
      await writeTransaction(ctx.db, async (trx) => {
        // Checked again under the write lock: two first-run screens racing must not make two stores.
        if ((await countUsers(trx)) > 0) throw new CoreError('CONFLICT', 'this terminal is already set up');
        // A join that copied anything owns this folder: half of a chain's data must not become a new store. One
        // that never reached central (a mistyped address) is forgotten.
        if (await readPendingJoin(trx)) {
          if (await holdsReplicatedRows(trx)) {
            throw new CoreError('CONFLICT', 'this terminal is joining a chain; continue the join instead');
          }
          await forgetPendingJoin(trx);
        }
        await saveTerminalIdentity(trx, identity, now);
        await insertUser(trx, admin);
        await insertStoreProfile(trx, profile);
        await insertAuditEvent(trx, audit);
        await ctx.recordMutation(
          trx,
          'terminal.setup',
          {
            store: { id: identity.storeId, name: identity.storeName },
            terminal: { id: identity.terminalId, code: identity.terminalCode, store_id: identity.storeId },
            users: [admin],
            store_profiles: [profile],
            audit_events: [audit],
          },
          hlc,
        );
      });
      await activateTerminal(ctx, identity);
      ctx.log.info(`terminal ${identity.terminalCode} set up for store "${identity.storeName}"`);
      const user = { id: admin.id, name: admin.name, role: admin.role };
      return { token: ctx.sessions.open(user), user };
    },
  };
}
