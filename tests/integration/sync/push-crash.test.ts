import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { newId } from '../../../shared/ids';
import { type SimTerminal, SyncChain } from '../../support/sync-chain';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const CHILD = path.join(root, 'tests', 'support', 'sync-push-child.ts');
const ROUNDS = 6;
const SALES = 120;

let chain: SyncChain;
let t01: SimTerminal;

beforeAll(async () => {
  chain = await SyncChain.create(inject('pgAdminUrl'), 'sync_push_crash');
  t01 = await chain.standalone('PAL', 'T01');
  const product = await t01.harness.createProduct({ sku: 'VID-1', name: 'Vidrio templado', price: 800_000 });
  for (let i = 0; i < SALES; i++) {
    await t01.harness.ok('sales.complete', {
      saleId: newId(),
      lines: [{ productId: product.id, quantity: 1 }],
      payment: { method: 'cash', tendered: 800_000 },
    });
  }
}, 120_000);

afterAll(async () => {
  await chain?.close();
});

/** Starts the child, waits until it has acknowledged `pushesBeforeKill` more pushes, then kills it with SIGKILL. */
async function runAndKill(pushesBeforeKill: number): Promise<void> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', CHILD, t01.harness.core.databaseFile, t01.loginUrl],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  await new Promise<void>((resolve, reject) => {
    let pushes = 0;
    const timer = setTimeout(() => reject(new Error(`the push child made no progress: ${stderr}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      pushes += (chunk.toString().match(/^pushed /gm) ?? []).length;
      if (pushes >= pushesBeforeKill) {
        clearTimeout(timer);
        // Right after an acknowledged push the next one is already under way: the kill lands inside it, before
        // or after central's commit, and before its local acknowledgement at least some of the time.
        child.kill('SIGKILL');
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (pushes < pushesBeforeKill) reject(new Error(`the push child exited (${code}): ${stderr}`));
    });
  });
  await new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve),
  );
}

describe('kill -9 of the sync worker between central’s commit and the local acknowledgement', () => {
  it('applies nothing twice and loses nothing', async () => {
    for (let round = 0; round < ROUNDS; round++) await runAndKill(3 + ((round * 7) % 11));
    await t01.engine.push();

    const central = await chain.admin.query(
      `SELECT (SELECT count(*)::int FROM techstore.sales) AS sales,
              (SELECT count(*)::int FROM techstore.stock_movements WHERE reason = 'sale') AS movements,
              (SELECT count(*)::int FROM techstore.applied_mutations) AS applied,
              (SELECT count(*)::int FROM techstore.quarantined_mutations) AS quarantined`,
    );
    const local = t01.sqlite.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number };
    expect(central.rows[0]).toEqual({ sales: SALES, movements: SALES, applied: local.n, quarantined: 0 });
    const fence = t01.sqlite.prepare('SELECT acked_seq FROM sync_state').get() as { acked_seq: number };
    const last = t01.sqlite.prepare('SELECT max(seq) AS seq FROM outbox').get() as { seq: number };
    expect(fence.acked_seq).toBe(last.seq);
  }, 180_000);
});
