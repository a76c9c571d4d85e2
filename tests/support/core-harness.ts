import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Clock, Core, CoreOptions } from '../../electron/core/core.types';
import { createCore } from '../../electron/core/create-core';
import type { ProductInput } from '../../shared/contract/catalog.contract';
import type { ChannelName, RequestOf, ResponseOf } from '../../shared/contract/index';
import type { Failure, Result } from '../../shared/errors';

export function makeTempDir(prefix = 'techstore-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** A real core on a real SQLite file in a temporary folder, with typed helpers for tests. */
export class CoreHarness {
  session: string | null = null;

  private constructor(
    readonly core: Core,
    readonly dataDir: string,
  ) {}

  static async open(
    dataDir = makeTempDir(),
    clock?: Clock,
    options: Pick<CoreOptions, 'log' | 'afterCommit'> = {},
  ): Promise<CoreHarness> {
    return new CoreHarness(await createCore({ dataDir, clock, ...options }), dataDir);
  }

  async call<C extends ChannelName>(
    channel: C,
    input: RequestOf<C>,
    session = this.session,
  ): Promise<Result<ResponseOf<C>>> {
    return (await this.core.call(channel, { session, input })) as Result<ResponseOf<C>>;
  }

  /** Calls and expects success; a failure throws with its code so a test shows why. */
  async ok<C extends ChannelName>(channel: C, input: RequestOf<C>, session = this.session): Promise<ResponseOf<C>> {
    const result = await this.call(channel, input, session);
    if (!result.ok)
      throw new Error(`${channel} failed: ${result.code} ${result.message} ${JSON.stringify(result.issues ?? [])}`);
    return result.value;
  }

  async fails<C extends ChannelName>(channel: C, input: unknown, session = this.session): Promise<Failure> {
    const result = await this.core.call(channel, { session, input });
    if (result.ok) throw new Error(`${channel} unexpectedly succeeded`);
    return result;
  }

  /** First-run setup as the screen does it; leaves the admin logged in. */
  async setUp(pin = '1234', terminalCode = 'T01'): Promise<void> {
    const session = await this.ok('setup.initialize', {
      storeName: 'TechStore Palermo',
      terminalCode,
      adminName: 'Ana Admin',
      pin,
    });
    this.session = session.token;
  }

  async createProduct(overrides: Partial<ProductInput> = {}): Promise<ResponseOf<'catalog.create'>> {
    return this.ok('catalog.create', {
      sku: `SKU-${Math.random().toString(36).slice(2, 10)}`,
      name: 'Cargador USB-C 20W',
      brand: 'Samsung',
      category: 'Accesorios',
      price: 1_500_000,
      cost: 900_000,
      ivaRateBp: 2100,
      minStock: 2,
      serialTracked: false,
      barcodes: [],
      ...overrides,
    });
  }

  /** A separate writable connection, to put the file in a state no channel makes (an older terminal's data). */
  writable(): Database.Database {
    const db = new Database(this.core.databaseFile);
    db.pragma('busy_timeout = 5000');
    return db;
  }

  /** A separate read-only connection, to look at the file the way a crash-recovery check would. */
  inspect(): Database.Database {
    return new Database(this.core.databaseFile, { readonly: true });
  }

  async close(removeDir = true): Promise<void> {
    await this.core.close();
    if (removeDir) rmSync(this.dataDir, { recursive: true, force: true });
  }
}
