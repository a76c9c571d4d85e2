import pg from 'pg';
import type { TerminalConnection } from '../../../db/central/cli/connection-text';
import type { JoinStatus } from '../../../shared/contract/app.contract';
import { CoreError } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import type { CoreContext, TerminalIdentity } from '../core-context';
import { writeTransaction } from '../database/write-transaction';
import type { Handlers } from '../router/handler.types';
import { joinCentral } from '../sync/join-central';
import { joinFailureOf } from '../sync/join-failure';
import type { BootstrapProgress } from '../sync/snapshot-bootstrap';
import { countSnapshotRows } from '../sync/snapshot-count';
import type { SyncSupervisor } from '../sync/sync-supervisor';
import { parseConnectionOrRefuse } from '../sync/sync-supervisor-connect';
import { describeCentral, pgConfigFor } from '../sync/sync-worker-connection';
import {
  clearPendingJoin,
  holdsReplicatedRows,
  readPendingJoin,
  recordPendingJoin,
  storedConnectionText,
} from './join-pending';
import { activateTerminal } from './terminal-identity';

type JoinHandlers = Pick<Handlers, 'app.join' | 'app.joinStatus'>;

/** Rows per snapshot page: each page is one short local commit and one step of the progress bar. */
const JOIN_PAGE_SIZE = 1_000;

export interface JoinServiceDeps {
  supervisor: SyncSupervisor;
  dataDir: string;
  nativeBinding?: string | undefined;
}

const IDLE: JoinStatus = {
  phase: 'idle',
  step: null,
  table: null,
  tableRows: 0,
  tableTotal: null,
  rowsSoFar: 0,
  totalRows: null,
  interrupted: false,
  storeName: null,
  failure: null,
};

/**
 * First run, joining an existing chain (issue 3). `app.join` checks the connection text, records the join and
 * answers at once; the copy from central runs in the background on this process's event loop (pg is
 * asynchronous: nothing here waits on the network; each snapshot page is one short local commit), and
 * `app.joinStatus` reports it.
 *
 * Interruption: the terminal identity is written last (join-central.ts), so a join cut at any instant, by a
 * crash, a closed app or a lost network, leaves the terminal in setup-required with a pending-join record. The
 * next `app.join` (with no text: the recorded one) registers again with the same terminal id and copies the
 * snapshot again over what is already there; applying central's rows is idempotent (SYNC.md property 5), so
 * nothing is duplicated. Once the identity is written, the next start comes up set up and syncing.
 */
export class JoinService {
  private status: JoinStatus = IDLE;
  /** Set synchronously when a join starts, so two first-run screens cannot start two. */
  private busy = false;
  private task: Promise<void> | null = null;
  private client: pg.Client | null = null;
  private closing = false;

  constructor(
    private readonly ctx: CoreContext,
    private readonly deps: JoinServiceDeps,
  ) {}

  handlers(): JoinHandlers {
    return {
      'app.join': async (input) => this.start(input.connectionText),
      'app.joinStatus': async () => this.currentStatus(),
    };
  }

  /** Stops a join under way (its central connection is ended) and waits until it has let go of the file. */
  async close(): Promise<void> {
    this.closing = true;
    await this.client?.end().catch(() => undefined);
    await this.task;
  }

  private async currentStatus(): Promise<JoinStatus> {
    if (this.ctx.isSetUp) {
      return { ...IDLE, phase: this.status.phase === 'done' ? 'done' : 'idle', storeName: this.status.storeName };
    }
    if (this.status.phase === 'running') return this.status;
    const interrupted = !this.ctx.isSetUp && (await readPendingJoin(this.ctx.db)) !== null;
    return { ...this.status, interrupted };
  }

  private async start(pastedText: string | undefined): Promise<JoinStatus> {
    if (this.busy || this.closing) throw new CoreError('CONFLICT', 'a join to a chain is already under way');
    this.busy = true;
    try {
      const pending = await readPendingJoin(this.ctx.db);
      const text = (pastedText ?? (pending ? await storedConnectionText(this.ctx.db) : null))?.trim();
      if (!text)
        throw new CoreError('VALIDATION', 'paste the connection text: there is no interrupted join to continue');
      const connection = parseConnectionOrRefuse(text);
      const central = describeCentral(connection);
      if (pending && pending.central !== central && (await holdsReplicatedRows(this.ctx.db))) {
        throw new CoreError(
          'CONFLICT',
          `this data folder holds part of a join to ${pending.central}; continue that join or start from an empty folder`,
        );
      }
      // Central bound the first attempt's id to that login: the same login must come back with it.
      const terminalId =
        pending && pending.central === central && pending.role === connection.role ? pending.terminalId : newId();
      const startedAt = this.ctx.nowIso();
      await writeTransaction(this.ctx.db, (trx) =>
        recordPendingJoin(trx, { terminalId, role: connection.role, central, startedAt }, text),
      );
      this.status = { ...IDLE, phase: 'running', step: 'connecting', interrupted: pending !== null };
      this.task = this.run(connection, text, terminalId);
      return this.status;
    } catch (error) {
      this.busy = false;
      throw error;
    }
  }

  private update(next: Partial<JoinStatus>): void {
    this.status = { ...this.status, ...next };
  }

  private async run(connection: TerminalConnection, text: string, terminalId: string): Promise<void> {
    const { ctx, deps } = this;
    const client = new pg.Client(pgConfigFor(connection, 'techstore join'));
    // A dropped connection surfaces as the failing query's error; without a listener it would crash the process.
    client.on('error', () => {});
    this.client = client;
    let failed: JoinStatus['failure'] = null;
    try {
      if (this.closing) throw new Error('the app is closing');
      await client.connect();
      this.update({ step: 'counting' });
      const totals = await this.count(client);
      this.update({ step: 'copying', totalRows: totals ? [...totals.values()].reduce((a, b) => a + b, 0) : null });
      const identity = await joinCentral(deps.dataDir, client, () => ctx.nowIso(), this.progress(totals), {
        terminalId,
        nativeBinding: deps.nativeBinding,
        pageSize: JOIN_PAGE_SIZE,
      });
      this.update({ step: 'finishing', storeName: identity.storeName });
      // Closing now leaves a set-up terminal whose connection text is stored: the next start syncs on its own.
      if (!this.closing) await this.becomeReady(identity, text);
    } catch (error) {
      const failure = this.closing
        ? { reason: 'interrupted' as const, code: 'INTERNAL' as const, message: 'the app closed during the join' }
        : joinFailureOf(error, connection);
      ctx.log.warn(`joining the chain at ${describeCentral(connection)} failed: ${failure.message}`);
      failed = failure;
    } finally {
      this.client = null;
      await client.end().catch(() => undefined);
      // Only now, with central let go of: a retry the screen sends on seeing `failed` must be accepted.
      this.busy = false;
      if (failed) this.update({ phase: 'failed', step: null, failure: failed, interrupted: true });
    }
  }

  /** Central's row counts for the bar; a central that cannot count still lets the terminal join. */
  private async count(client: pg.Client): Promise<Map<string, number> | null> {
    try {
      return await countSnapshotRows(client);
    } catch (error) {
      if (error instanceof pg.DatabaseError) {
        this.ctx.log.warn(`could not count central's rows for the join's progress: ${error.message}`);
        return null;
      }
      throw error;
    }
  }

  private progress(totals: Map<string, number> | null): (progress: BootstrapProgress) => void {
    let table: string | null = null;
    let before = 0;
    let last = 0;
    return ({ table: current, rowsSoFar }) => {
      if (current !== table) {
        table = current;
        before = last;
      }
      last = rowsSoFar;
      this.update({ table, rowsSoFar, tableRows: rowsSoFar - before, tableTotal: totals?.get(table) ?? null });
    };
  }

  private async becomeReady(identity: TerminalIdentity, text: string): Promise<void> {
    const { ctx, deps } = this;
    await clearPendingJoin(ctx.db);
    await activateTerminal(ctx, identity);
    deps.supervisor.start(
      text,
      { terminalId: identity.terminalId, terminalCode: identity.terminalCode, storeId: identity.storeId },
      true,
    );
    this.update({ phase: 'done', step: null, interrupted: false });
    ctx.log.info(`terminal ${identity.terminalCode} joined the chain as part of "${identity.storeName}"`);
  }
}
