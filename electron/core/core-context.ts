import { CoreError } from '../../shared/errors';
import type { HlcClock } from '../../shared/hlc';
import { newId } from '../../shared/ids';
import { LoginThrottle } from './auth/login-throttle';
import { SessionRegistry } from './auth/session-registry';
import type { Clock, Logger } from './core.types';
import { currentCall } from './database/call-record';
import type { LocalDb } from './database/write-transaction';
import { appendMutation } from './repositories/outbox.repository';
import { splitHistoryFromChanges } from './sync/history-first';
import { mutationSubject } from './sync/mutation-subject';

/** Who this terminal is. Written once by first-run setup, read from settings on every start. */
export interface TerminalIdentity {
  storeId: string;
  storeName: string;
  terminalId: string;
  terminalCode: string;
}

export interface ReadyTerminal {
  identity: TerminalIdentity;
  hlc: HlcClock;
}

/** Everything a service needs, owned by one core instance: no module-level state anywhere in the core. */
export class CoreContext {
  readonly sessions: SessionRegistry;
  readonly throttle: LoginThrottle;
  private terminal: ReadyTerminal | null = null;
  private mergedCentralHlc: string | null = null;

  constructor(
    readonly db: LocalDb,
    readonly clock: Clock,
    readonly log: Logger,
    /** Differs whenever the file may have changed since the last reading (auth/file-change-stamp.ts). */
    readonly fileStamp: () => string,
  ) {
    const nowMs = () => clock.now().getTime();
    this.sessions = new SessionRegistry(nowMs);
    this.throttle = new LoginThrottle(nowMs);
  }

  get isSetUp(): boolean {
    return this.terminal !== null;
  }

  get identity(): TerminalIdentity | null {
    return this.terminal?.identity ?? null;
  }

  becomeReady(terminal: ReadyTerminal): void {
    this.terminal = terminal;
  }

  requireTerminal(): ReadyTerminal {
    if (!this.terminal) throw new CoreError('SETUP_REQUIRED', 'this terminal has not been set up yet');
    return this.terminal;
  }

  /**
   * The HLC for a local write. First merges the last central HLC the sync worker stored (SYNC.md property 6:
   * the terminal's clock never falls behind central's), so a write made after a sync orders after everything
   * that sync brought, whatever this machine's wall clock says. The worker may be another thread or process:
   * the shared SQLite file is how its news arrives.
   */
  async nextHlc(): Promise<string> {
    const { hlc } = this.requireTerminal();
    const row = await this.db.selectFrom('sync_state').select('central_hlc').executeTakeFirst();
    if (row?.central_hlc && row.central_hlc !== this.mergedCentralHlc) {
      hlc.receive(row.central_hlc);
      this.mergedCentralHlc = row.central_hlc;
    }
    return hlc.now();
  }

  nowIso(): string {
    return this.clock.now().toISOString();
  }

  /**
   * Appends the outbox mutation of a service call. Call it inside the transaction that wrote the rows, last,
   * with the row images central needs to apply the same change. A call that writes money or stock history and
   * also changes mutable rows becomes two mutations, history first (see history-first.ts), so a quarantined
   * merge can never hold a sale back from central. The mutation ids go into the call's record (call-record.ts),
   * so an answer after the commit can name what was saved.
   */
  async recordMutation(trx: LocalDb, kind: string, payload: unknown, hlc: string): Promise<void> {
    const createdAt = this.nowIso();
    const call = currentCall();
    const subject = call ? mutationSubject(payload) : null;
    const parts = splitHistoryFromChanges(payload);
    for (const part of parts ? [parts.history, parts.changes] : [payload]) {
      const mutationId = newId();
      await appendMutation(trx, { mutationId, kind, payload: part, hlc, createdAt });
      call?.noteMutation(mutationId, subject);
    }
  }
}
