import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addStore, addTerminal } from '../../db/central/central-admin';
import { formatConnectionText } from '../../db/central/cli/connection-text';
import { initCentral } from '../../db/central/migrate-central';
import { esAR, type MessageKey } from '../../renderer/i18n/es-AR';
import { newId } from '../../shared/ids';
import { launchChromium } from '../support/browser-chromium';
import { HostApi } from '../support/e2e-api';
import { assertRendererBuilt, type HostProcess, REPO_ROOT, startHost } from '../support/host-process';
import { createTestDatabase, type TestDatabase } from '../support/pg-database';

/**
 * SYNC.md property 3 on screen, in real Chromium against browser mode and a real central: two units sold of a
 * cable with one in stock; central raises a negative-stock alert; the manager sees the badge, finds the alert in
 * the Sincronización panel in Spanish (kind, product, stock), marks it as seen, and central records who did.
 */

const TEST_TIMEOUT_MS = 180_000;
const UI_TIMEOUT_MS = 20_000;
const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts', 'e2e');

const STORE_NAME = 'TechStore Núñez';
const STORE_CODE = 'NUN';
const TERMINAL = 'T01';
const ADMIN = 'Martina Gómez';
const ADMIN_PIN = '5931';
const MANAGER = 'Lucía Encargada';
const MANAGER_PIN = '2468';

function msg(key: MessageKey, params: Readonly<Record<string, string | number>> = {}): string {
  return esAR[key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

const poll = <T>(read: () => Promise<T>, timeout = UI_TIMEOUT_MS) => expect.poll(read, { timeout, interval: 100 });

async function expectText(locator: Locator, expected: string | RegExp): Promise<void> {
  const read = () => locator.textContent({ timeout: 1_000 }).catch(() => null);
  if (typeof expected === 'string') await poll(read).toBe(expected);
  else await poll(read).toMatch(expected);
}

async function expectAttribute(locator: Locator, name: string, expected: string): Promise<void> {
  await poll(() => locator.getAttribute(name, { timeout: 1_000 }).catch(() => null)).toBe(expected);
}

async function step(page: Page, name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    await page.screenshot({ path: path.join(ARTIFACTS, 'sync-alerts-failure.png'), fullPage: true }).catch(() => {});
    if (error instanceof Error)
      error.message = `[${name}] ${error.message} (test-artifacts/e2e/sync-alerts-failure.png)`;
    throw error;
  }
}

function readStoreId(databaseFile: string): string {
  const sqlite = new Database(databaseFile, { readonly: true });
  try {
    const row = sqlite.prepare("SELECT value FROM settings WHERE key = 'store'").get() as { value: string } | undefined;
    const id: unknown = row ? (JSON.parse(row.value) as { id?: unknown }).id : undefined;
    if (typeof id !== 'string') throw new Error('the terminal has no store setting');
    return id;
  } finally {
    sqlite.close();
  }
}

describe('central alerts in the sync panel, end to end in Chromium', () => {
  let dataDir = '';
  let host: HostProcess | null = null;
  let browser: Browser | null = null;
  let central: TestDatabase | null = null;
  let admin: pg.Client | null = null;

  beforeAll(async () => {
    assertRendererBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    dataDir = mkdtempSync(path.join(tmpdir(), 'techstore-e2e-alerts-'));
    browser = await launchChromium();
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    try {
      await browser?.close();
    } finally {
      try {
        await host?.stop();
      } finally {
        try {
          await admin?.end();
          await central?.drop();
        } finally {
          if (dataDir !== '') rmSync(dataDir, { recursive: true, force: true });
        }
      }
    }
  }, TEST_TIMEOUT_MS);

  it(
    'a manager sees a negative-stock alert in Spanish and marks it as seen',
    async () => {
      if (!browser) throw new Error('Chromium did not start');
      const started = await startHost({ dataDir });
      host = started;
      const api = new HostApi(started);
      const context = await browser.newContext({ locale: 'es-AR', viewport: { width: 1366, height: 900 } });
      const page = await context.newPage();
      page.setDefaultTimeout(UI_TIMEOUT_MS);
      const byTestId = (id: string) => page.getByTestId(id);
      let productId = '';

      await step(page, '1. a store with a cable in stock and a manager, connected to a real central', async () => {
        // The first-run screen has its own e2e test; here the store is set up the way a script would.
        api.session = (
          await api.ok('setup.initialize', {
            storeName: STORE_NAME,
            terminalCode: TERMINAL,
            adminName: ADMIN,
            pin: ADMIN_PIN,
          })
        ).token;
        await api.ok('users.create', { name: MANAGER, role: 'manager', pin: MANAGER_PIN });
        productId = (
          await api.ok('catalog.create', {
            sku: 'CAB-USB-C-1M',
            name: 'Cable USB-C 1 m',
            brand: 'Genérico',
            category: 'Accesorios',
            price: 1_250_000,
            cost: 600_000,
            ivaRateBp: 2100,
            minStock: 1,
            serialTracked: false,
            barcodes: [],
          })
        ).id;
        await api.ok('stock.adjust', { productId, quantity: 1, reason: 'receipt' });

        central = await createTestDatabase(inject('pgAdminUrl'), 'e2e_alerts');
        admin = new pg.Client({ connectionString: central.url });
        await admin.connect();
        await initCentral(admin);
        await addStore(admin, {
          code: STORE_CODE,
          name: STORE_NAME,
          id: readStoreId(path.join(dataDir, 'techstore.sqlite')),
        });
        const login = await addTerminal(admin, { storeCode: STORE_CODE, terminalCode: TERMINAL });
        const url = new URL(central.url);
        await api.ok('sync.connect', {
          connectionText: formatConnectionText({
            role: login.role,
            password: login.password,
            host: '127.0.0.1',
            port: Number(url.port),
            database: central.name,
          }),
        });
      });

      await step(page, '2. two units sold of one: central raises the alert, the manager sees a badge', async () => {
        for (let i = 0; i < 2; i++) {
          await api.ok('sales.complete', {
            saleId: newId(),
            lines: [{ productId, quantity: 1 }],
            payment: { method: 'cash', tendered: 2_000_000 },
          });
        }
        await page.goto(started.url);
        await byTestId('login-screen').waitFor();
        await page.locator('[data-testid="login-user"]', { hasText: MANAGER }).click();
        for (const digit of MANAGER_PIN) await byTestId(`pin-key-${digit}`).click();
        await byTestId('pin-key-ok').click();
        await byTestId('pos-screen').waitFor();
        const badge = byTestId('sync-alerts-badge');
        await expectAttribute(badge, 'data-count', '1');
        expect(await badge.getAttribute('title')).toBe(msg('sync.alertsBadge', { count: 1 }));
      });

      await step(
        page,
        '3. the panel lists it in Spanish: kind, product, stock, time; as of the last sync',
        async () => {
          await byTestId('sync-indicator').click();
          await byTestId('sync-screen').waitFor();
          const item = byTestId('sync-alert-item');
          await item.waitFor();
          expect(await item.count()).toBe(1);
          await expectAttribute(item, 'data-state', 'open');
          await expectText(item.getByTestId('sync-alert-kind'), msg('sync.alerts.kind.negative_stock'));
          await expectText(
            item.getByTestId('sync-alert-subject'),
            `Cable USB-C 1 m (CAB-USB-C-1M) · ${msg('sync.alerts.onHand', { count: -1 })}`,
          );
          await expectText(item.locator('td').nth(2), /^\d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}$/);
          await expectText(byTestId('sync-alerts-as-of'), /^Según la última sincronización: \d{2}:\d{2}\.$/);
          await page.screenshot({ path: path.join(ARTIFACTS, 'sync-alerts-open.png') });
        },
      );

      await step(page, '4. "Marcar como vista": central records who saw it, and the badge goes', async () => {
        const button = byTestId('sync-alert-acknowledge');
        await expectText(button, msg('sync.alerts.acknowledge'));
        await button.focus();
        await page.keyboard.press('Enter');
        const item = byTestId('sync-alert-item');
        await poll(() => item.getAttribute('data-state')).not.toBe('open');
        expect(await byTestId('sync-alert-acknowledge').count()).toBe(0);
        await poll(async () => {
          const row = await admin?.query(
            "SELECT acknowledged_by, acknowledged_terminal FROM techstore.alerts WHERE kind = 'negative_stock'",
          );
          return row?.rows[0];
        }).toEqual({ acknowledged_by: MANAGER, acknowledged_terminal: TERMINAL });
        // Once central confirms it, the row says so, and the unseen count is gone from the top bar.
        await expectAttribute(item, 'data-state', 'seen');
        await expectText(
          item.getByTestId('sync-alert-status'),
          new RegExp(`^Vista por ${MANAGER} \\(T01\\), \\d{2}:\\d{2}$`),
        );
        await poll(() => byTestId('sync-alerts-badge').count()).toBe(0);
        await page.screenshot({ path: path.join(ARTIFACTS, 'sync-alerts-seen.png') });
      });

      await step(page, '5. in English too', async () => {
        await byTestId('language-en').click();
        await expectText(byTestId('sync-alert-kind'), 'Negative stock');
        await expectText(byTestId('sync-alert-status'), new RegExp(`^Seen by ${MANAGER} \\(T01\\), \\d{2}:\\d{2}$`));
        await byTestId('language-es-AR').click();
      });

      await context.close();
    },
    TEST_TIMEOUT_MS,
  );
});
