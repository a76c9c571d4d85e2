import type { Insertable } from 'kysely';
import type { LocalDatabase } from '../../../db/local/local-schema';
import type { LocalDb } from '../database/write-transaction';

export type AuditEventRow = Insertable<LocalDatabase['audit_events']>;

export async function insertAuditEvent(trx: LocalDb, row: AuditEventRow): Promise<void> {
  await trx.insertInto('audit_events').values(row).execute();
}
