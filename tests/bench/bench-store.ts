import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Core } from '../../electron/core/core.types';
import { createCore } from '../../electron/core/create-core';
import type { ChannelName, RequestOf, ResponseOf } from '../../shared/contract/index';
import { generateCatalog, type LoadedProduct, loadCatalogFast } from '../support/catalog-generator';

export interface BenchStore {
  core: Core;
  /** A second connection to the same file with the core's pragmas: where the baselines run. */
  raw: Database.Database;
  /** A cashier's session token, as the POS screen holds it. */
  session: string;
  identity: { storeId: string; terminalId: string; terminalCode: string; userId: string };
  products: LoadedProduct[];
  close(): Promise<void>;
}

async function ok<C extends ChannelName>(
  core: Core,
  channel: C,
  input: RequestOf<C>,
  session: string | null,
): Promise<ResponseOf<C>> {
  // The router answers with the response of the channel it was given; the contract types that pairing.
  const result = (await core.call(channel, { session, input })) as
    | { ok: true; value: ResponseOf<C> }
    | { ok: false; code: string; message: string };
  if (!result.ok) throw new Error(`${channel} failed: ${result.code} ${result.message}`);
  return result.value;
}

function setting(raw: Database.Database, key: string): Record<string, unknown> {
  const row: unknown = raw.prepare('SELECT value FROM settings WHERE key = ?').get(key);
  const value = typeof row === 'object' && row !== null && 'value' in row ? row.value : null;
  if (typeof value !== 'string') throw new Error(`setting ${key} missing after setup`);
  return JSON.parse(value) as Record<string, unknown>;
}

/**
 * A terminal as a store with a large catalog has it: set up and logged in through the core, the catalog bulk
 * loaded underneath (see loadCatalogFast), on a real file in a temporary folder (TECHSTORE_BENCH_DIR or the OS's).
 */
export async function openBenchStore(count: number, seed: number): Promise<BenchStore> {
  const dataDir = mkdtempSync(path.join(process.env.TECHSTORE_BENCH_DIR ?? tmpdir(), 'techstore-bench-'));
  const core = await createCore({ dataDir });
  const raw = new Database(core.databaseFile);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  try {
    const admin = await ok(
      core,
      'setup.initialize',
      { storeName: 'TechStore Bench', terminalCode: 'T01', adminName: 'Admin', pin: '1234' },
      null,
    );
    const cashier = await ok(
      core,
      'users.create',
      { name: 'Carlos Cajero', role: 'cashier', pin: '3333' },
      admin.token,
    );
    const login = await ok(core, 'users.login', { userId: cashier.id, pin: '3333' }, null);
    const store = setting(raw, 'store');
    const terminal = setting(raw, 'terminal');
    const identity = {
      storeId: String(store.id),
      terminalId: String(terminal.id),
      terminalCode: String(terminal.code),
      userId: cashier.id,
    };
    const products = loadCatalogFast(raw, generateCatalog({ count, seed }), {
      storeId: identity.storeId,
      terminalId: identity.terminalId,
      userId: admin.user.id,
    });
    return {
      core,
      raw,
      session: login.token,
      identity,
      products,
      async close() {
        raw.close();
        await core.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    raw.close();
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
