import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { addTerminal, type TerminalLogin } from '../../db/central/central-admin';
import { adoptStandaloneStore } from '../../db/central/central-people';
import { launchChromium } from './browser-chromium';
import { E2E_ARTIFACTS } from './e2e-step';
import { assertRendererBuilt, type HostProcess, startHost } from './host-process';
import { SyncChain } from './sync-chain';

export interface E2eWorldOptions {
  /** Names the temporary data folder (`techstore-e2e-<name>-…`), so one left behind says which test made it. */
  name: string;
  /**
   * Prefix of a central database (migrated, with an admin client, no terminals) made before any host starts,
   * so every host is stopped before central is dropped.
   */
  central?: string;
  /** For set-up and teardown: Chromium and a host compiled on the fly take seconds on a slow box. */
  timeoutMs: number;
}

type Cleanup = () => unknown;

/**
 * What an end-to-end test runs against: a temporary data folder (more for a store of several terminals), Debian's
 * Chromium, browser-mode hosts on those folders and, when asked, a central database. Every part registers its
 * clean-up as it is made; teardown runs them all in reverse order, each even when another throws, so no host,
 * browser or database outlives the run.
 */
export class E2eWorld {
  private readonly cleanups: Cleanup[] = [];
  private parts: { name: string; dataDir: string; browser: Browser; chain: SyncChain | null } | null = null;

  get dataDir(): string {
    return this.ready().dataDir;
  }

  /** The terminal's SQLite file in the data folder, as the host opens it. */
  get databaseFile(): string {
    return path.join(this.dataDir, 'techstore.sqlite');
  }

  get browser(): Browser {
    return this.ready().browser;
  }

  get chain(): SyncChain {
    const { chain } = this.ready();
    if (!chain) throw new Error('this e2e world has no central: pass `central` to useE2eWorld');
    return chain;
  }

  /** Runs `cleanup` at teardown, before everything made earlier is cleaned up. */
  defer(cleanup: Cleanup): void {
    this.cleanups.push(cleanup);
  }

  /**
   * A data folder of its own, for another terminal of the store on this machine (`techstore-e2e-<name>-<label>-…`);
   * made before any host runs on it, so teardown stops that host before the folder goes.
   */
  newDataDir(label: string): string {
    const dataDir = mkdtempSync(path.join(tmpdir(), `techstore-e2e-${this.ready().name}-${label}-`));
    this.defer(() => rmSync(dataDir, { recursive: true, force: true }));
    return dataDir;
  }

  /**
   * A host on the world's data folder, or on one from `newDataDir`; teardown stops it unless the test already
   * did (stopping twice is harmless).
   */
  async startHost(dataDir: string = this.dataDir): Promise<HostProcess> {
    const host = await startHost({ dataDir });
    this.defer(() => host.stop());
    return host;
  }

  /** A page in its own es-AR context, the size of a store's screen; closing the browser closes it. */
  async newPage(options: { uiTimeoutMs: number; height?: number }): Promise<Page> {
    const context = await this.browser.newContext({
      locale: 'es-AR',
      viewport: { width: 1366, height: options.height ?? 768 },
    });
    const page = await context.newPage();
    page.setDefaultTimeout(options.uiTimeoutMs);
    return page;
  }

  /**
   * Central adopts the terminal's store and its people (`add-store --from` its data folder: the id its setup
   * stored, its admin's PIN), and gives the terminal a login of its own.
   */
  async enrolTerminal(store: { code: string; name: string }, terminalCode: string): Promise<TerminalLogin> {
    await adoptStandaloneStore(this.chain.admin, { code: store.code, name: store.name, from: this.dataDir });
    return addTerminal(this.chain.admin, { storeCode: store.code, terminalCode });
  }

  async setUp(options: E2eWorldOptions): Promise<void> {
    assertRendererBuilt();
    mkdirSync(E2E_ARTIFACTS, { recursive: true });
    const dataDir = mkdtempSync(path.join(tmpdir(), `techstore-e2e-${options.name}-`));
    this.defer(() => rmSync(dataDir, { recursive: true, force: true }));
    let chain: SyncChain | null = null;
    if (options.central !== undefined) {
      const made = await SyncChain.create(inject('pgAdminUrl'), options.central);
      this.defer(() => made.close());
      chain = made;
    }
    const browser = await launchChromium();
    this.defer(() => browser.close());
    this.parts = { name: options.name, dataDir, browser, chain };
  }

  async tearDown(): Promise<void> {
    const errors: unknown[] = [];
    for (let cleanup = this.cleanups.pop(); cleanup; cleanup = this.cleanups.pop()) {
      try {
        await cleanup();
      } catch (error) {
        errors.push(error);
      }
    }
    this.parts = null;
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `${errors.length} e2e clean-ups failed`);
  }

  private ready(): NonNullable<E2eWorld['parts']> {
    if (!this.parts) throw new Error('the e2e world did not start (Chromium, the data folder or central)');
    return this.parts;
  }
}

/** An E2eWorld set up before the file's tests and torn down after them. */
export function useE2eWorld(options: E2eWorldOptions): E2eWorld {
  const world = new E2eWorld();
  beforeAll(() => world.setUp(options), options.timeoutMs);
  afterAll(() => world.tearDown(), options.timeoutMs);
  return world;
}
