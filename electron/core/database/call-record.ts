import { AsyncLocalStorage } from 'node:async_hooks';
import type { CommittedRecord, CommittedWrite } from '../../../shared/errors';

interface OpenTransaction {
  mutationIds: string[];
  record: CommittedRecord | null;
  attemptOnly: boolean;
}

/**
 * What one router call has committed so far. The router opens one per call; writeTransaction fills it at COMMIT
 * with the outbox mutations the transaction appended (through CoreContext.recordMutation) and the record they are
 * about, and forgets them on ROLLBACK. So when something throws after a commit, the router knows the call was
 * saved and answers so, with what was saved, instead of "not completed".
 */
export class CallRecord {
  private open: OpenTransaction | null = null;
  private readonly mutationIds: string[] = [];
  private record: CommittedRecord | null = null;
  private saved = false;

  /** `afterCommit` runs after each commit that saved something: the fault-injection seam of CoreOptions. */
  constructor(private readonly afterCommit?: () => void) {}

  begin(attemptOnly: boolean): void {
    this.open = { mutationIds: [], record: null, attemptOnly };
  }

  noteMutation(mutationId: string, record: CommittedRecord | null): void {
    if (!this.open) return;
    this.open.mutationIds.push(mutationId);
    this.open.record ??= record;
  }

  /** `wrote`: the transaction changed at least one row. Runs the seam last, so a throw there is after a commit. */
  committed(wrote: boolean): void {
    const open = this.open;
    this.open = null;
    if (!open || !wrote || open.attemptOnly) return;
    this.saved = true;
    this.mutationIds.push(...open.mutationIds);
    this.record ??= open.record;
    this.afterCommit?.();
  }

  rolledBack(): void {
    this.open = null;
  }

  /**
   * The call is a retry of one already saved (the same sale id, entry id or event id): its operation is stored
   * whatever happens next, so a failure to build the answer must not say otherwise either.
   */
  alreadySaved(record: CommittedRecord): void {
    this.saved = true;
    this.record ??= record;
  }

  /**
   * What the call saved (or found saved, for a retry), or null when nothing it committed was more than the trace
   * of an attempt.
   */
  savedWrite(): CommittedWrite | null {
    return this.saved ? { record: this.record, mutationIds: [...this.mutationIds] } : null;
  }
}

const calls = new AsyncLocalStorage<CallRecord>();

export function runCall<T>(record: CallRecord, work: () => Promise<T>): Promise<T> {
  return calls.run(record, work);
}

/** The record of the call running now; undefined outside a router call (the sync worker, scripts). */
export function currentCall(): CallRecord | undefined {
  return calls.getStore();
}

/** Notes in the running call's record that its operation was saved by an earlier call (a retry). */
export function noteAlreadySaved(table: string, id: string): void {
  currentCall()?.alreadySaved({ table, id });
}
