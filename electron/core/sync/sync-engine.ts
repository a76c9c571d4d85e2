import type Database from 'better-sqlite3';
import type pg from 'pg';
import { z } from 'zod';
import { decodeHlc } from '../../../shared/hlc';
import { type ApplyOutcome, applyCentralRows, type CentralRow } from './apply-central-rows';
import { writeLocally } from './local-write';

/** What the terminal knows of itself, from its settings. */
export interface SyncIdentity {
  terminalId: string;
  /** Null for a fresh terminal joining the chain: it takes the code and store of its login. */
  terminalCode: string | null;
  storeId: string | null;
}

export interface SyncHooks {
  /** Central's HLC from every response: the terminal's clock must never fall behind it (property 6). */
  onCentralHlc?(hlc: string): void;
  /** Rows that could not be stored locally; they are not lost from central, the digest check retries them. */
  onApplyFailures?(failures: ApplyOutcome['failed']): void;
  nowMs?(): number;
}

const pushResponseSchema = z.object({
  acked_seq: z.coerce.number(),
  quarantined: z.array(z.object({ mutation_id: z.string(), seq: z.coerce.number(), error: z.string() })),
  central_hlc: z.string(),
});

const pullResponseSchema = z.object({
  rows: z.array(z.object({ table: z.string(), row: z.record(z.string(), z.unknown()) })),
  more: z.boolean(),
  cursor: z.object({ txid: z.string(), seq: z.coerce.number() }),
  central_hlc: z.string(),
});

const registerResponseSchema = z.object({
  store_id: z.string(),
  store_code: z.string(),
  store_name: z.string(),
  terminal_code: z.string(),
  acked_seq: z.coerce.number(),
  central_hlc: z.string(),
});
export type Registration = z.infer<typeof registerResponseSchema>;

interface OutboxRow {
  seq: number;
  mutation_id: string;
  kind: string;
  payload: string;
  hlc: string;
}

/**
 * The batch as push takes it. A payload is already JSON (the outbox checks it with json_valid), so it goes in as
 * written instead of being parsed and printed again.
 */
function mutationsJson(rows: readonly OutboxRow[]): string {
  const parts = rows.map(
    (r) =>
      `{"seq":${Number(r.seq)},"mutation_id":${JSON.stringify(r.mutation_id)},"kind":${JSON.stringify(r.kind)},"hlc":${JSON.stringify(r.hlc)},"payload":${r.payload}}`,
  );
  return `[${parts.join(',')}]`;
}

export interface SyncCycleResult {
  pushed: number;
  quarantined: number;
  pulled: number;
}

/**
 * The terminal's half of the protocol, on its own SQLite connection and a pg client logged in as the
 * terminal's role. It never holds a local write lock while waiting on the network: it reads, talks to central,
 * then writes what came back in one short local transaction (cursor or fence together with the rows), which takes
 * the write lock up front (`writeLocally`) so that a till in the middle of a sale is waited for, not failed on.
 */
export class SyncEngine {
  constructor(
    private readonly sqlite: Database.Database,
    private readonly central: pg.Client,
    private readonly identity: SyncIdentity,
    private readonly hooks: SyncHooks = {},
  ) {
    // This connection only writes what central already holds, in feed order, which is not dependency order
    // (a sale line can arrive before its product). Central is the arbiter; the terminal's own writes keep
    // their foreign keys on their own connection.
    sqlite.pragma('foreign_keys = OFF');
  }

  private nowIso(): string {
    return new Date(this.hooks.nowMs?.() ?? Date.now()).toISOString();
  }

  private heard(centralHlc: string): void {
    this.sqlite.prepare('UPDATE sync_state SET central_hlc = ? WHERE only_row = 1').run(centralHlc);
    this.hooks.onCentralHlc?.(centralHlc);
  }

  async register(): Promise<Registration> {
    const result = await this.central.query('SELECT sync_api.register($1, $2, $3) AS r', [
      this.identity.terminalId,
      this.identity.terminalCode,
      this.identity.storeId,
    ]);
    const registration = registerResponseSchema.parse(result.rows[0]?.r);
    // Central restored from a backup, or a crash that lost its last commits (asynchronous commit): it has
    // applied less than this terminal was told. Push again from central's fence; mutation ids keep it exactly
    // once. Call register on every (re)connection for this reason.
    // Quarantine marks past central's fence were lost with it too: those mutations go again and central
    // quarantines them again (or applies them, if what broke them has been fixed).
    writeLocally(this.sqlite, () => {
      const reset = this.sqlite
        .prepare('UPDATE sync_state SET acked_seq = ? WHERE only_row = 1 AND acked_seq > ?')
        .run(registration.acked_seq, registration.acked_seq);
      if (reset.changes > 0) {
        this.sqlite.prepare('UPDATE outbox SET quarantined = 0 WHERE seq > ?').run(registration.acked_seq);
      }
    });
    this.heard(registration.central_hlc);
    return registration;
  }

  /** Sends pending outbox mutations in order, `batch` at a time, until none is left. */
  async push(batch = 500): Promise<{ pushed: number; quarantined: number }> {
    let pushed = 0;
    let quarantined = 0;
    const pending = this.sqlite.prepare(
      `SELECT seq, mutation_id, kind, payload, hlc FROM outbox
        WHERE seq > (SELECT acked_seq FROM sync_state WHERE only_row = 1) AND quarantined = 0
        ORDER BY seq LIMIT ?`,
    );
    for (;;) {
      const rows = pending.all(batch) as OutboxRow[];
      if (rows.length === 0) return { pushed, quarantined };
      const terminalHlc = rows.at(-1)?.hlc ?? '';
      const result = await this.central.query('SELECT sync_api.push($1::jsonb, $2) AS r', [
        mutationsJson(rows),
        terminalHlc,
      ]);
      const response = pushResponseSchema.parse(result.rows[0]?.r);
      const now = this.nowIso();
      const markQuarantined = this.sqlite.prepare(
        'UPDATE outbox SET quarantined = 1, last_error = ?, attempts = attempts + 1 WHERE mutation_id = ?',
      );
      writeLocally(this.sqlite, () => {
        for (const q of response.quarantined) markQuarantined.run(q.error, q.mutation_id);
        this.sqlite
          .prepare(
            'UPDATE sync_state SET acked_seq = max(acked_seq, ?), last_push_at = ?, last_error = NULL WHERE only_row = 1',
          )
          .run(response.acked_seq, now);
      });
      this.heard(response.central_hlc);
      pushed += rows.length;
      quarantined += response.quarantined.length;
      if (response.acked_seq < (rows.at(-1)?.seq ?? 0)) {
        throw new Error(`central acknowledged up to ${response.acked_seq}, short of ${rows.at(-1)?.seq}`);
      }
    }
  }

  /** Pulls the change feed from the stored cursor until caught up; each page commits with its cursor. */
  async pull(limit = 1000): Promise<number> {
    let pulled = 0;
    for (;;) {
      const cursor = this.sqlite.prepare('SELECT cursor_txid, cursor_seq FROM sync_state WHERE only_row = 1').get() as {
        cursor_txid: string;
        cursor_seq: number;
      };
      await this.central.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      let page: z.infer<typeof pullResponseSchema>;
      try {
        const result = await this.central.query('SELECT sync_api.pull($1, $2, $3) AS r', [
          cursor.cursor_txid,
          cursor.cursor_seq,
          limit,
        ]);
        page = pullResponseSchema.parse(result.rows[0]?.r);
      } finally {
        await this.central.query('COMMIT');
      }
      this.applyPage(page.rows, page.cursor);
      this.heard(page.central_hlc);
      pulled += page.rows.length;
      if (!page.more) return pulled;
    }
  }

  private applyPage(rows: CentralRow[], cursor: { txid: string; seq: number }): void {
    const outcome = writeLocally(this.sqlite, () => {
      const applied = applyCentralRows(this.sqlite, rows);
      this.sqlite
        .prepare('UPDATE sync_state SET cursor_txid = ?, cursor_seq = ?, last_pull_at = ? WHERE only_row = 1')
        .run(cursor.txid, cursor.seq, this.nowIso());
      return applied;
    });
    if (outcome.failed.length > 0) this.hooks.onApplyFailures?.(outcome.failed);
  }

  /** Push, then pull: what this terminal did reaches central before it takes central's view. */
  async syncOnce(): Promise<SyncCycleResult> {
    const { pushed, quarantined } = await this.push();
    const pulled = await this.pull();
    return { pushed, quarantined, pulled };
  }

  /** How far this terminal's wall clock is from central's, in ms (positive: ahead), from the last response. */
  clockSkewMs(): number | null {
    const row = this.sqlite.prepare('SELECT central_hlc FROM sync_state WHERE only_row = 1').get() as
      | { central_hlc: string | null }
      | undefined;
    const central = row?.central_hlc ? decodeHlc(row.central_hlc) : null;
    return central ? (this.hooks.nowMs?.() ?? Date.now()) - central.wallMs : null;
  }
}
