import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { esAR, type MessageKey } from '../../renderer/i18n/es-AR';
import { launchChromium } from '../support/browser-chromium';
import { assertRendererBuilt, type HostProcess, REPO_ROOT, startHost } from '../support/host-process';
import { bulkProducts, newTerminalText, type SeededChain, SlowRelay, seedChain } from '../support/join-chain-fixture';
import { SyncChain } from '../support/sync-chain';

/**
 * Issue 3 on screen, in real Chromium against browser mode: a central with store PAL, whose T01 made a few
 * products and a cashier; a fresh T02 chooses "Unirse a una cadena" on its first-run screen, is told plainly
 * that a mangled text is not one, pastes the real text, watches the copy table by table (over a slowed link, so
 * the bar is seen moving), and lands on the login pad, where T01's cashier logs in with her PIN and scans a
 * phone T01 created.
 */

const TEST_TIMEOUT_MS = 240_000;
const UI_TIMEOUT_MS = 15_000;
const JOIN_TIMEOUT_MS = 90_000;
const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts', 'e2e');
/** Enough products that the copy takes several pages, each slowed by the relay. */
const BULK_PRODUCTS = 2_500;

function msg(key: MessageKey, params: Readonly<Record<string, string | number>> = {}): string {
  return esAR[key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

const READ_TIMEOUT_MS = 1_000;
const poll = <T>(read: () => Promise<T>, timeout = UI_TIMEOUT_MS) => expect.poll(read, { timeout, interval: 100 });

async function expectText(locator: Locator, expected: string | RegExp, timeout = UI_TIMEOUT_MS): Promise<void> {
  const read = () => locator.textContent({ timeout: READ_TIMEOUT_MS }).catch(() => null);
  if (typeof expected === 'string') await poll(read, timeout).toBe(expected);
  else await poll(read, timeout).toMatch(expected);
}

async function expectAttribute(locator: Locator, name: string, expected: string, timeout = UI_TIMEOUT_MS) {
  await poll(() => locator.getAttribute(name, { timeout: READ_TIMEOUT_MS }).catch(() => null), timeout).toBe(expected);
}

async function step(page: Page, name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    await page.screenshot({ path: path.join(ARTIFACTS, 'join-failure.png'), fullPage: true }).catch(() => undefined);
    if (error instanceof Error)
      error.message = `[${name}] ${error.message} (screenshot: test-artifacts/e2e/join-failure.png)`;
    throw error;
  }
}

describe('joining a chain from the first-run screen, end to end in Chromium', () => {
  let dataDir = '';
  let host: HostProcess | null = null;
  let browser: Browser | null = null;
  let chain: SyncChain | null = null;
  let relay: SlowRelay | null = null;
  let seeded: SeededChain;

  beforeAll(async () => {
    assertRendererBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    dataDir = mkdtempSync(path.join(tmpdir(), 'techstore-e2e-join-'));
    chain = await SyncChain.create(inject('pgAdminUrl'), 'e2e_join');
    seeded = await seedChain(chain);
    await bulkProducts(chain.admin, seeded.phoneId, BULK_PRODUCTS);
    relay = await SlowRelay.open(chain.database.url, 25);
    browser = await launchChromium();
  }, TEST_TIMEOUT_MS);

  // Each clean-up runs even when the one before it throws.
  afterAll(async () => {
    try {
      await browser?.close();
    } finally {
      try {
        await host?.stop();
      } finally {
        try {
          await relay?.close();
          await chain?.close();
        } finally {
          if (dataDir !== '') rmSync(dataDir, { recursive: true, force: true });
        }
      }
    }
  }, TEST_TIMEOUT_MS);

  it(
    'pastes the connection text, shows the copy, then T01’s cashier logs in and scans T01’s phone',
    async () => {
      if (!browser || !chain || !relay) throw new Error('the chain or Chromium did not start');
      const started = await startHost({ dataDir });
      host = started;
      const context = await browser.newContext({ locale: 'es-AR', viewport: { width: 1366, height: 768 } });
      const page = await context.newPage();
      page.setDefaultTimeout(UI_TIMEOUT_MS);
      const byTestId = (id: string) => page.getByTestId(id);
      const { text } = await newTerminalText(chain, 'T02', relay);

      await step(page, '1. the first-run screen offers a new store or joining a chain', async () => {
        await page.goto(started.url);
        await expectAttribute(byTestId('setup-screen'), 'data-ready', 'true');
        await expectText(byTestId('setup-mode-new'), msg('setup.mode.new'));
        await expectText(byTestId('setup-mode-join'), msg('setup.mode.join'));
        await byTestId('setup-form').waitFor();
        await byTestId('setup-mode-join').click();
        await byTestId('join-form').waitFor();
      });

      await step(page, '2. a text that is not a connection is refused in plain Spanish', async () => {
        await byTestId('join-text').fill('postgresql://ts_t02@127.0.0.1/techstore');
        await byTestId('join-text').press('Enter');
        const refused = byTestId('join-refused');
        await expectAttribute(refused, 'data-code', 'VALIDATION');
        await expectText(refused.locator('p').first(), msg('join.badText'));
      });

      await step(page, '3. the real text: the copy shows the table in words and a moving bar', async () => {
        await byTestId('join-text').fill(text);
        await byTestId('join-submit').click();
        const progress = byTestId('join-progress');
        await expectAttribute(progress, 'data-phase', 'running');
        await expectAttribute(byTestId('join-step'), 'data-table', 'products', JOIN_TIMEOUT_MS);
        await expectText(byTestId('join-step'), msg('join.step.copying', { table: msg('join.table.products') }));
        await expectText(byTestId('join-rows'), /^[\d.]+ de [\d.]+ registros · Productos: [\d.]+ de [\d.]+$/);
        await poll(async () => Number(await byTestId('join-bar').getAttribute('value')), UI_TIMEOUT_MS).toBeGreaterThan(
          0,
        );
        await page.screenshot({ path: path.join(ARTIFACTS, 'join-progress.png') });
        // Full speed for the rest: the test need not wait for the slow link.
        relay?.release();
      });

      await step(page, '4. done: the login pad lists the chain’s users', async () => {
        await byTestId('login-screen').waitFor({ timeout: JOIN_TIMEOUT_MS });
        await page.locator('[data-testid="login-user"]', { hasText: seeded.cashier.name }).waitFor();
        await page.locator('[data-testid="login-user"]', { hasText: 'Ana Admin' }).waitFor();
      });

      await step(page, '5. T01’s cashier logs in with her PIN and scans the phone T01 created', async () => {
        await page.locator('[data-testid="login-user"]', { hasText: seeded.cashier.name }).click();
        for (const digit of seeded.cashier.pin) await byTestId(`pin-key-${digit}`).click();
        await byTestId('pin-key-ok').click();
        await byTestId('pos-screen').waitFor();
        await byTestId('scan-input').focus();
        await page.keyboard.type(seeded.phoneBarcode, { delay: 5 });
        await page.keyboard.press('Enter');
        const line = page.locator(`[data-testid="cart-line"][data-product-id="${seeded.phoneId}"]`);
        await line.waitFor();
        await expectText(line.getByTestId('cart-line-description'), 'Samsung Galaxy A15');
        await page.screenshot({ path: path.join(ARTIFACTS, 'join-chain.png') });
      });
    },
    TEST_TIMEOUT_MS,
  );
});
