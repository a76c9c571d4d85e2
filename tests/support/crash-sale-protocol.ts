/**
 * What the crash-test parent and its sale-loop child say to each other: one JSON argument in, one line per event
 * out on stdout. A line is written only after the event happened, so `done` means `sales.complete` resolved ok.
 */
export const crashChildConfigSchema = z.object({
  dataDir: z.string().min(1),
  userId: z.string(),
  pin: z.string(),
  productIds: z.array(z.string()).min(5),
  seed: z.int(),
  /** The child stops on its own after this long, so a lost parent never leaves it writing for ever. */
  maxRunMs: z.int().positive(),
});
export type CrashChildConfig = z.infer<typeof crashChildConfigSchema>;

import { z } from 'zod';

export interface SaleLineSpec {
  productIndex: number;
  quantity: number;
}

export type ChildEvent =
  | { type: 'ready' }
  | { type: 'begin'; saleId: string; lines: SaleLineSpec[] }
  | { type: 'done'; saleId: string; number: string }
  | { type: 'error'; message: string };

export function formatBegin(saleId: string, lines: readonly SaleLineSpec[]): string {
  return `begin ${saleId} ${lines.map((l) => `${l.productIndex}x${l.quantity}`).join(',')}\n`;
}

export function formatDone(saleId: string, number: string): string {
  return `done ${saleId} ${number}\n`;
}

function parseLines(text: string): SaleLineSpec[] | null {
  const specs: SaleLineSpec[] = [];
  for (const part of text.split(',')) {
    const match = /^(\d+)x(\d+)$/.exec(part);
    if (!match) return null;
    specs.push({ productIndex: Number(match[1]), quantity: Number(match[2]) });
  }
  return specs;
}

/** Null for a line that is not part of the protocol: the parent fails the round on it rather than guess. */
export function parseChildEvent(line: string): ChildEvent | null {
  if (line === 'ready') return { type: 'ready' };
  const [type, id, rest, ...extra] = line.split(' ');
  if (type === 'error') return { type: 'error', message: line.slice('error '.length) };
  if (id === undefined || rest === undefined || extra.length > 0) return null;
  if (type === 'done') return { type: 'done', saleId: id, number: rest };
  if (type === 'begin') {
    const lines = parseLines(rest);
    return lines ? { type: 'begin', saleId: id, lines } : null;
  }
  return null;
}
