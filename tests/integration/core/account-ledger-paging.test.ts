import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountEntry, LedgerCursor } from '../../../shared/contract/customers.contract';
import { newId } from '../../../shared/ids';
import { CoreHarness } from '../../support/core-harness';

/**
 * Years of cuenta corriente on a real SQLite file, read a page at a time the way the Clientes screen reads it:
 * keyset pages newest first, each line with the balance after it as the whole ledger says.
 */

/** A second connection in its own thread: commits a charge dated 2020 (older than every page) in a loop. */
const WRITER = `
const { parentPort, workerData } = require('node:worker_threads');
const { randomUUID } = require('node:crypto');
const Database = require('better-sqlite3');
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = OFF');
const insert = db.prepare(
  \`INSERT INTO customer_account_entries (id, customer_id, kind, amount, note, user_id, store_id, terminal_id,
     created_at, hlc) VALUES (?, ?, 'charge', 1, 'sincronizado', ?, 's', 't', '2020-01-01T00:00:00.000Z', 'h')\`,
);
parentPort.postMessage('writing');
let n = 0;
while (Atomics.load(workerData.stop, 0) === 0) {
  insert.run(randomUUID(), workerData.customerId, workerData.user);
  n++;
}
db.close();
parentPort.postMessage(n);
`;

let h: CoreHarness;
let customerId: string;

const KINDS = [
  { kind: 'charge', sign: 1, method: null },
  { kind: 'payment', sign: -1, method: 'cash' },
  { kind: 'adjustment', sign: -1, method: null },
  { kind: 'charge', sign: 1, method: null },
  { kind: 'adjustment', sign: 1, method: null },
] as const;

/** Writes entries as central would apply them from other terminals: straight into the ledger. */
function bookEntries(rows: { amount: number; kind: string; method: string | null; createdAt: string }[]): void {
  const raw = new Database(h.core.databaseFile);
  const user = raw.prepare("SELECT id FROM users WHERE role = 'admin'").get() as { id: string };
  const insert = raw.prepare(
    `INSERT INTO customer_account_entries (id, customer_id, kind, amount, method, note, user_id, store_id, terminal_id,
       created_at, hlc) VALUES (?, ?, ?, ?, ?, 'histórico', ?, 's', 't', ?, 'h')`,
  );
  raw.transaction(() => {
    for (const r of rows) insert.run(newId(), customerId, r.kind, r.amount, r.method, user.id, r.createdAt);
  })();
  raw.close();
}

/** 130 entries over a year; groups of seven share one created_at, so page edges fall inside a group. */
function bookHistory(count: number): void {
  const start = Date.parse('2025-01-01T12:00:00.000Z');
  const rows = [];
  for (let i = 0; i < count; i++) {
    const k = KINDS[i % KINDS.length];
    if (!k) throw new Error('unreachable');
    rows.push({
      kind: k.kind,
      method: k.method,
      amount: k.sign * (10_000 + ((i * 7919) % 90_000)),
      createdAt: new Date(start + Math.floor(i / 7) * 2 * 86_400_000).toISOString(),
    });
  }
  // Inserted in a shuffled order: ledger order comes from (created_at, id), not from when a row arrived.
  rows.sort((a, b) => ((a.amount * 31) % 17) - ((b.amount * 31) % 17));
  bookEntries(rows);
}

/** The whole ledger recomputed from the file: newest first, with the balance after each entry. */
function recomputed(): { id: string; balanceAfter: number }[] {
  const raw = new Database(h.core.databaseFile, { readonly: true });
  const rows = raw
    .prepare('SELECT id, amount, created_at FROM customer_account_entries WHERE customer_id = ?')
    .all(customerId) as { id: string; amount: number; created_at: string }[];
  raw.close();
  rows.sort((a, b) => (a.created_at === b.created_at ? (a.id < b.id ? -1 : 1) : a.created_at < b.created_at ? -1 : 1));
  let balance = 0;
  const lines = [];
  for (const r of rows) {
    balance += r.amount;
    lines.push({ id: r.id, balanceAfter: balance });
  }
  return lines.reverse();
}

async function page(before: LedgerCursor | null) {
  return (await h.ok('customers.ledger', { customerId, limit: 50, before })).entries;
}

beforeEach(async () => {
  h = await CoreHarness.open();
  await h.setUp();
  customerId = (await h.ok('customers.create', { name: 'Rosa Giménez', creditLimit: null })).id;
});

afterEach(async () => {
  await h.close();
});

describe('customers.ledger paged by cursor', () => {
  it('reads 130 entries as pages of 50, 50 and 30: none missing or doubled, every running balance true', async () => {
    bookHistory(130);
    const sizes: number[] = [];
    const read: AccountEntry[] = [];
    let before: LedgerCursor | null = null;
    do {
      const entries = await page(before);
      expect(entries.total).toBe(130);
      sizes.push(entries.items.length);
      read.push(...entries.items);
      before = entries.nextCursor;
      if (before) expect(before).toEqual({ createdAt: entries.items.at(-1)?.createdAt, id: entries.items.at(-1)?.id });
    } while (before !== null && sizes.length < 10);
    expect(sizes).toEqual([50, 50, 30]);
    expect(new Set(read.map((e) => e.id)).size).toBe(130);
    expect(read.map((e) => ({ id: e.id, balanceAfter: e.balanceAfter }))).toEqual(recomputed());
    // The newest line's balance is the account's balance; the oldest one's is its own amount.
    const first = await h.ok('customers.ledger', { customerId });
    expect(read[0]?.balanceAfter).toBe(first.balance);
    expect(read.at(-1)?.balanceAfter).toBe(read.at(-1)?.amount);
  });

  it('keeps its place when a new entry arrives between pages', async () => {
    bookHistory(130);
    const firstPage = await page(null);
    await h.ok('accounts.recordPayment', { entryId: newId(), customerId, amount: 5_000, method: 'cash' });
    const second = await page(firstPage.nextCursor);
    const third = await page(second.nextCursor);
    expect(third.nextCursor).toBeNull();
    const older = [...second.items, ...third.items].map((e) => ({ id: e.id, balanceAfter: e.balanceAfter }));
    // The payment is the newest entry: everything older than the first page is where it was, balances unchanged.
    expect(older).toEqual(recomputed().slice(51));
    expect(second.total).toBe(131);
  });

  it('reads a page in one snapshot while another connection books entries: its running balances agree with its balance', async () => {
    bookHistory(130);
    // The sync worker's connection, as it applies entries other terminals booked long ago: a thread of its own
    // that commits an old charge after another for as long as the pages are read.
    const stop = new Int32Array(new SharedArrayBuffer(4));
    const look = h.inspect();
    const user = (look.prepare("SELECT id FROM users WHERE role = 'admin'").get() as { id: string }).id;
    look.close();
    const writer = new Worker(WRITER, {
      eval: true,
      workerData: { file: h.core.databaseFile, customerId, user, stop },
    });
    const booked = new Promise<number>((resolve, reject) => {
      writer.on('message', (m) => typeof m === 'number' && resolve(m));
      writer.on('error', reject);
    });
    await new Promise((resolve) => writer.once('message', resolve)); // 'writing'
    let reads = 0;
    const disagreeing: { balance: number; newest: number | undefined }[] = [];
    const until = Date.now() + 1_500;
    while (Date.now() < until) {
      const read = await h.ok('customers.ledger', { customerId, limit: 5 });
      reads++;
      const newest = read.entries.items[0]?.balanceAfter;
      if (newest !== read.balance) disagreeing.push({ balance: read.balance, newest });
    }
    Atomics.store(stop, 0, 1);
    const writes = await booked;
    await writer.terminate();
    expect(writes).toBeGreaterThan(0);
    expect(reads).toBeGreaterThan(0);
    expect(disagreeing).toEqual([]);
  });

  it('answers an empty ledger and one exact page without a next cursor', async () => {
    expect(await page(null)).toEqual({ items: [], total: 0, nextCursor: null });
    bookHistory(50);
    const only = await page(null);
    expect(only.items).toHaveLength(50);
    expect(only.nextCursor).toBeNull();
  });

  it('refuses a malformed cursor as a VALIDATION error naming it', async () => {
    const id = newId();
    for (const before of [
      { createdAt: 'ayer', id },
      { createdAt: '2025-01-01T12:00:00.000Z', id: 'not-a-uuid' },
      { createdAt: '2025-01-01T12:00:00.000Z' },
      { createdAt: '2025-01-01T12:00:00.000Z', id, offset: 3 },
      '2025-01-01T12:00:00.000Z',
    ]) {
      const failure = await h.fails('customers.ledger', { customerId, before });
      expect(failure.code).toBe('VALIDATION');
      expect(failure.issues?.[0]?.path).toMatch(/^before/);
    }
  });
});
