import type { TerminalConnection } from '../../../db/central/cli/connection-text';
import type { CentralAlert, SyncStatus } from '../../../shared/contract/sync.contract';
import { quarantineReasonOf } from '../../../shared/sync/quarantine-reason';
import type { CoreContext, TerminalIdentity } from '../core-context';
import { type LocalDb, writeTransaction } from '../database/write-transaction';
import { insertAuditEvent } from '../repositories/audit.repository';
import { type Handlers, requireUser } from '../router/handler.types';
import {
  alertProducts,
  countOpenAlerts,
  findCachedAlert,
  listCachedAlerts,
  requestAcknowledgement,
} from '../sync/central-alert-cache';
import { type CentralAlertRow, toCentralAlert } from '../sync/central-alert-view';
import type { SyncIdentity } from '../sync/sync-engine';
import type { SyncSupervisor } from '../sync/sync-supervisor';
import { parseConnectionOrRefuse, registerWithCentral } from '../sync/sync-supervisor-connect';
import { describeCentral, parseTerminalConnection } from '../sync/sync-worker-connection';
import { buildAuditEvent } from './audit-event';

type SyncHandlers = Pick<
  Handlers,
  'sync.status' | 'sync.connect' | 'sync.quarantined' | 'sync.alerts' | 'sync.acknowledgeAlert'
>;

export interface SyncServiceDeps {
  supervisor: SyncSupervisor;
  databaseFile: string;
  nativeBinding?: string | undefined;
}

function syncIdentity(identity: TerminalIdentity): SyncIdentity {
  return { terminalId: identity.terminalId, terminalCode: identity.terminalCode, storeId: identity.storeId };
}

async function storedConnectionText(ctx: CoreContext): Promise<string | null> {
  const row = await ctx.db.selectFrom('sync_state').select('connection_text').executeTakeFirst();
  return row?.connection_text ?? null;
}

/** Central's own feed cursor means nothing to another central database; the fence is settled by register. */
function sameCentral(previousText: string | null, next: TerminalConnection): boolean {
  if (previousText === null) return true;
  try {
    return describeCentral(parseTerminalConnection(previousText)) === describeCentral(next);
  } catch {
    return false;
  }
}

/** Starts the sync worker at start-up when this terminal was connected to central before. */
export async function resumeSync(ctx: CoreContext, supervisor: SyncSupervisor): Promise<void> {
  const identity = ctx.identity;
  const text = await storedConnectionText(ctx);
  if (identity && text) supervisor.start(text, syncIdentity(identity));
}

export async function readSyncStatus(ctx: CoreContext, supervisor: SyncSupervisor): Promise<SyncStatus> {
  const state = await ctx.db.selectFrom('sync_state').selectAll().executeTakeFirst();
  const ackedSeq = state?.acked_seq ?? 0;
  const pending = await ctx.db
    .selectFrom('outbox')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min('created_at').as('oldest')])
    .where('seq', '>', ackedSeq)
    .where('quarantined', '=', 0)
    .executeTakeFirst();
  const quarantined = await ctx.db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('quarantined', '=', 1)
    .executeTakeFirst();
  const configured = Boolean(state?.connection_text);
  const live = supervisor.status;
  const oldest = pending?.oldest ? Date.parse(pending.oldest) : Number.NaN;
  return {
    configured,
    online: configured && live.running && live.online,
    pendingCount: Number(pending?.count ?? 0),
    oldestPendingAgeMs: Number.isNaN(oldest) ? null : Math.max(0, ctx.clock.now().getTime() - oldest),
    lastSyncAt: state?.last_pull_at ?? null,
    quarantinedCount: Number(quarantined?.count ?? 0),
    clockSkewMs: state?.clock_skew_ms ?? null,
    // The worker's word is fresher than the file's; before its first report the file says how the last run ended.
    lastError: live.lastReportAt !== null ? live.lastError : (state?.last_error ?? null),
    openAlertCount: await countOpenAlerts(ctx.db),
  };
}

async function describeAlerts(
  ctx: CoreContext,
  rows: CentralAlertRow[],
  db: LocalDb = ctx.db,
): Promise<CentralAlert[]> {
  const products = await alertProducts(db, rows);
  const code = ctx.requireTerminal().identity.terminalCode;
  return rows.map((row) => toCentralAlert(row, products.get(row.entity_id ?? '') ?? null, code));
}

export function createSyncHandlers(ctx: CoreContext, deps: SyncServiceDeps): SyncHandlers {
  const { supervisor } = deps;

  async function describeAlert(db: LocalDb, id: number): Promise<CentralAlert> {
    const [item] = await describeAlerts(ctx, [await findCachedAlert(db, id)], db);
    if (!item) throw new Error(`alert ${id} could not be described`);
    return item;
  }
  // Connects are serialized: two admins pressing "connect" at once must not leave two workers behind.
  let connecting: Promise<unknown> = Promise.resolve();

  async function connect(connectionText: string): Promise<SyncStatus> {
    const { identity, hlc } = ctx.requireTerminal();
    const connection = parseConnectionOrRefuse(connectionText);
    const previous = await storedConnectionText(ctx);
    await supervisor.stop();
    try {
      await registerWithCentral(connection, {
        databaseFile: deps.databaseFile,
        nativeBinding: deps.nativeBinding,
        identity: syncIdentity(identity),
        onCentralHlc: (centralHlc) => hlc.receive(centralHlc),
      });
    } catch (error) {
      // A failed connect leaves the terminal as it was: still syncing with its previous central, if any.
      if (previous) supervisor.start(previous, syncIdentity(identity));
      throw error;
    }
    const text = connectionText.trim();
    const retarget = !sameCentral(previous, connection);
    await ctx.db
      .updateTable('sync_state')
      .set(
        retarget
          ? { connection_text: text, cursor_txid: '0', cursor_seq: 0, alerts_fetched_at: null }
          : { connection_text: text },
      )
      .where('only_row', '=', 1)
      .execute();
    // Alert ids are another central's: its alerts and acknowledgements mean nothing to the new one.
    if (retarget) await ctx.db.deleteFrom('central_alerts').execute();
    supervisor.start(text, syncIdentity(identity), true);
    ctx.log.info(`terminal ${identity.terminalCode} connected to central at ${describeCentral(connection)}`);
    return readSyncStatus(ctx, supervisor);
  }

  return {
    async 'sync.status'() {
      return readSyncStatus(ctx, supervisor);
    },

    async 'sync.connect'(input) {
      const next = connecting.then(() => connect(input.connectionText));
      connecting = next.catch(() => undefined);
      return next;
    },

    async 'sync.quarantined'() {
      const rows = await ctx.db
        .selectFrom('outbox')
        .select(['mutation_id', 'kind', 'created_at', 'last_error'])
        .where('quarantined', '=', 1)
        .orderBy('seq')
        .execute();
      return {
        items: rows.map((r) => ({
          mutationId: r.mutation_id,
          kind: r.kind,
          createdAt: r.created_at,
          error: r.last_error ?? 'quarantined by central',
          reason: quarantineReasonOf(r.last_error),
        })),
      };
    },

    async 'sync.alerts'() {
      const state = await ctx.db.selectFrom('sync_state').select('alerts_fetched_at').executeTakeFirst();
      return {
        asOf: state?.alerts_fetched_at ?? null,
        items: await describeAlerts(ctx, await listCachedAlerts(ctx.db)),
      };
    },

    // Offline first: the acknowledgement is recorded here and the sync worker takes it to central (woken by this
    // mutating call). Its audit event is the call's one outbox mutation, so central's history says who saw what.
    async 'sync.acknowledgeAlert'(input, call) {
      const user = requireUser(call);
      const alert = await findCachedAlert(ctx.db, input.id);
      if (alert.acknowledged_at === null && alert.ack_requested_at === null) {
        const stamp = await ctx.nextHlc();
        const note = input.note && input.note !== '' ? input.note : null;
        const audit = buildAuditEvent(ctx, {
          userId: user.id,
          action: 'alert.acknowledge',
          entityType: 'alert',
          entityId: String(alert.id),
          details: { kind: alert.kind, entity_table: alert.entity_table, entity_id: alert.entity_id, note },
          hlc: stamp,
        });
        // The answer is read inside the transaction that recorded the acknowledgement.
        return writeTransaction(ctx.db, async (trx) => {
          const ack = { id: alert.id, at: audit.created_at, byName: user.name, byUserId: user.id, note };
          // Another manager (or central's answer) may have got there first: the first acknowledgement stands.
          if (await requestAcknowledgement(trx, ack)) {
            await insertAuditEvent(trx, audit);
            await ctx.recordMutation(trx, 'audit.record', { audit_events: [audit] }, stamp);
          }
          return describeAlert(trx, input.id);
        });
      }
      return describeAlert(ctx.db, input.id);
    },
  };
}
