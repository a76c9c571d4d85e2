import type { LocalDb } from '../database/write-transaction';

export interface OutboxMutation {
  mutationId: string;
  kind: string;
  payload: unknown;
  hlc: string;
  createdAt: string;
}

/** Must run inside the transaction that wrote the rows the mutation describes (SYNC.md: mutations, not rows). */
export async function appendMutation(trx: LocalDb, mutation: OutboxMutation): Promise<void> {
  await trx
    .insertInto('outbox')
    .values({
      mutation_id: mutation.mutationId,
      kind: mutation.kind,
      payload: JSON.stringify(mutation.payload),
      hlc: mutation.hlc,
      created_at: mutation.createdAt,
    })
    .execute();
}

export async function latestOutboxHlc(db: LocalDb): Promise<string | null> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.max('hlc').as('hlc'))
    .executeTakeFirst();
  return row?.hlc ?? null;
}
