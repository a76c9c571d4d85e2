import type Database from 'better-sqlite3';
import type pg from 'pg';
import { z } from 'zod';
import { writeLocally } from './local-write';

/** An alert as sync_api returns it (db/central/migrations/0004_alerts.ts). */
const centralAlertSchema = z.object({
  id: z.coerce.number().int().positive(),
  kind: z.string(),
  entity_table: z.string().nullable(),
  entity_id: z.string().nullable(),
  details: z.unknown(),
  created_at: z.string(),
  acknowledged_at: z.string().nullable(),
  acknowledged_by: z.string().nullable(),
  acknowledged_terminal: z.string().nullable(),
  acknowledgement_note: z.string().nullable(),
});
type CentralAlertImage = z.infer<typeof centralAlertSchema>;

const alertsResponseSchema = z.object({ alerts: z.array(centralAlertSchema), central_time: z.string() });
const acknowledgeResponseSchema = z.union([
  centralAlertSchema.extend({ found: z.literal(true) }),
  z.object({ id: z.coerce.number(), found: z.literal(false) }),
]);

interface PendingAck {
  id: number;
  ack_requested_at: string;
  ack_requested_by: string | null;
  ack_note: string | null;
}

export interface AlertSyncResult {
  /** Acknowledgements central took (or already had). */
  sent: number;
  /** Alerts now cached: the store's open ones and the recently acknowledged. */
  cached: number;
}

/**
 * The sync worker's alert step, after push and pull: first the acknowledgements managers recorded here (each
 * idempotent on central, so a retry after a lost answer or a crash is harmless), then central's list of the
 * store's alerts replaces the cache in one local transaction. Like the SyncEngine it never holds a local write
 * lock while waiting on the network.
 */
export class CentralAlertSync {
  constructor(
    private readonly sqlite: Database.Database,
    private readonly central: pg.Client,
    private readonly hooks: { nowMs?(): number } = {},
  ) {}

  private nowMs(): number {
    return this.hooks.nowMs?.() ?? Date.now();
  }

  async syncOnce(): Promise<AlertSyncResult> {
    const sent = await this.sendAcknowledgements();
    const cached = await this.refresh();
    return { sent, cached };
  }

  async sendAcknowledgements(): Promise<number> {
    const pending = this.sqlite
      .prepare(
        `SELECT id, ack_requested_at, ack_requested_by, ack_note FROM central_alerts
          WHERE ack_requested_at IS NOT NULL AND acknowledged_at IS NULL ORDER BY id`,
      )
      .all() as PendingAck[];
    let sent = 0;
    for (const ack of pending) {
      const result = await this.central.query('SELECT sync_api.acknowledge_alert($1, $2, $3, $4) AS r', [
        ack.id,
        ack.ack_requested_by ?? '?',
        ack.ack_requested_at,
        ack.ack_note,
      ]);
      const answer = acknowledgeResponseSchema.parse(result.rows[0]?.r);
      if (answer.found) {
        this.store([answer], false);
        sent += 1;
      } else {
        // Not this store's alert on this central (or gone with a restore): nothing left to acknowledge.
        this.sqlite.prepare('DELETE FROM central_alerts WHERE id = ?').run(ack.id);
      }
    }
    return sent;
  }

  /** Also tells central this terminal's wall clock: a clock off by more than 5 minutes raises an alert there. */
  async refresh(): Promise<number> {
    const result = await this.central.query('SELECT sync_api.alerts($1) AS r', [Math.round(this.nowMs())]);
    const answer = alertsResponseSchema.parse(result.rows[0]?.r);
    this.store(answer.alerts, true);
    return answer.alerts.length;
  }

  /** Central's images over the cached rows; a manager's acknowledgement not yet confirmed is kept. */
  private store(alerts: readonly CentralAlertImage[], complete: boolean): void {
    const upsert = this.sqlite.prepare(
      `INSERT INTO central_alerts (id, kind, entity_table, entity_id, details, created_at, acknowledged_at,
                                   acknowledged_by, acknowledged_terminal, acknowledgement_note)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, entity_table = excluded.entity_table,
         entity_id = excluded.entity_id, details = excluded.details, created_at = excluded.created_at,
         acknowledged_at = excluded.acknowledged_at, acknowledged_by = excluded.acknowledged_by,
         acknowledged_terminal = excluded.acknowledged_terminal, acknowledgement_note = excluded.acknowledgement_note`,
    );
    writeLocally(this.sqlite, () => {
      for (const a of alerts) {
        const details = a.details !== null && typeof a.details === 'object' ? JSON.stringify(a.details) : '{}';
        upsert.run(
          a.id,
          a.kind,
          a.entity_table,
          a.entity_id,
          details,
          a.created_at,
          a.acknowledged_at,
          a.acknowledged_by,
          a.acknowledged_terminal,
          a.acknowledgement_note,
        );
      }
      if (complete) {
        // Central's list is the whole truth for this store: what it no longer lists was acknowledged long ago.
        this.sqlite
          .prepare('DELETE FROM central_alerts WHERE id NOT IN (SELECT value FROM json_each(?))')
          .run(JSON.stringify(alerts.map((a) => a.id)));
        this.sqlite
          .prepare('UPDATE sync_state SET alerts_fetched_at = ? WHERE only_row = 1')
          .run(new Date(this.nowMs()).toISOString());
      }
    });
  }
}
