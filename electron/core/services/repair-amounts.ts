import { assertSumWithinBound } from '../../../shared/money-bounds';
import type { LocalDb } from '../database/write-transaction';
import { repairEventDetails } from '../repositories/repair.repository';

/**
 * What an order adds up from its timeline: parts, labor and señas, each the sum of one detail of its events. The
 * order's screen (repair-view.ts) shows these sums, so the bound a new event is checked against is the sum the
 * screen will compute with it.
 */
export const SUMMED_DETAIL = { part: 'total', labor: 'amount', deposit: 'amount' } as const;
export type SummedEventKind = keyof typeof SUMMED_DETAIL;

const WHAT: Record<SummedEventKind, string> = {
  part: "the order's parts",
  labor: "the order's labor",
  deposit: "the order's señas",
};

function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** A detail amount written by this core is a safe integer; anything else (a bad synced row) counts as nothing. */
export function eventAmount(details: Record<string, unknown>, key: string): number {
  const value = details[key];
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : 0;
}

export async function orderSum(db: LocalDb, orderId: string, kind: SummedEventKind): Promise<number> {
  const details = await repairEventDetails(db, orderId, kind);
  return details.reduce((sum, text) => sum + eventAmount(parseObject(text), SUMMED_DETAIL[kind]), 0);
}

/**
 * Refuses an event that would take one of the order's sums past its bound (shared/money-bounds.ts). Call it
 * inside the write transaction, so a second bench adding to the same order waits for this one and sees its event.
 */
export async function assertOrderSumWithinBound(
  trx: LocalDb,
  orderId: string,
  kind: SummedEventKind,
  amount: number,
  path: string,
): Promise<void> {
  const before = await orderSum(trx, orderId, kind);
  assertSumWithinBound(before, before + amount, 'repairTotal', path, WHAT[kind]);
}
