import { z } from 'zod';
import { HlcClock } from '../../../shared/hlc';
import type { CoreContext, TerminalIdentity } from '../core-context';
import type { LocalDb } from '../database/write-transaction';
import { latestOutboxHlc } from '../repositories/outbox.repository';
import { readSetting, writeSetting } from '../repositories/settings.repository';

const storeSettingSchema = z.object({ id: z.string(), name: z.string() });
const terminalSettingSchema = z.object({ id: z.string(), code: z.string() });

export async function loadTerminalIdentity(db: LocalDb): Promise<TerminalIdentity | null> {
  const store = await readSetting(db, 'store', storeSettingSchema);
  const terminal = await readSetting(db, 'terminal', terminalSettingSchema);
  if (!store || !terminal) return null;
  return { storeId: store.id, storeName: store.name, terminalId: terminal.id, terminalCode: terminal.code };
}

export async function saveTerminalIdentity(trx: LocalDb, identity: TerminalIdentity, updatedAt: string): Promise<void> {
  await writeSetting(trx, 'store', { id: identity.storeId, name: identity.storeName }, updatedAt);
  await writeSetting(trx, 'terminal', { id: identity.terminalId, code: identity.terminalCode }, updatedAt);
}

/**
 * Makes the core ready for an identity. The clock resumes after the last timestamp this terminal wrote, so a
 * wall clock set back after a restart can never issue an older HLC than one already in the outbox.
 */
export async function activateTerminal(ctx: CoreContext, identity: TerminalIdentity): Promise<void> {
  const fromOutbox = await latestOutboxHlc(ctx.db);
  const fromCentral =
    (await ctx.db.selectFrom('sync_state').select('central_hlc').executeTakeFirst())?.central_hlc ?? null;
  // Past both its own last write and the last central clock it heard, whichever is later.
  const resumeFrom =
    [fromOutbox, fromCentral]
      .filter((h): h is string => h !== null)
      .sort()
      .at(-1) ?? null;
  ctx.becomeReady({
    identity,
    hlc: new HlcClock(identity.terminalId, () => ctx.clock.now().getTime(), resumeFrom),
  });
}
