import { describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import { HostApi, USB_C_CABLE } from '../support/e2e-api';
import { msg, screenChecks } from '../support/e2e-expect';
import { artifact, stepsOn } from '../support/e2e-step';
import { useE2eWorld } from '../support/e2e-world';
import { connectionTextOf } from '../support/join-chain-fixture';

/**
 * SYNC.md property 3 on screen, in real Chromium against browser mode and a real central: two units sold of a
 * cable with one in stock; central raises a negative-stock alert; the manager sees the badge, finds the alert in
 * the Sincronización panel in Spanish (kind, product, stock), marks it as seen, and central records who did.
 */

const TEST_TIMEOUT_MS = 180_000;
const UI_TIMEOUT_MS = 20_000;

const STORE_NAME = 'TechStore Núñez';
const STORE_CODE = 'NUN';
const TERMINAL = 'T01';
const ADMIN = 'Martina Gómez';
const ADMIN_PIN = '5931';
const MANAGER = 'Lucía Encargada';
const MANAGER_PIN = '2468';

const { poll, expectText, expectAttribute } = screenChecks(UI_TIMEOUT_MS);

describe('central alerts in the sync panel, end to end in Chromium', () => {
  const world = useE2eWorld({ name: 'alerts', central: 'e2e_alerts', timeoutMs: TEST_TIMEOUT_MS });

  it(
    'a manager sees a negative-stock alert in Spanish and marks it as seen',
    async () => {
      const started = await world.startHost();
      const api = new HostApi(started);
      const page = await world.newPage({ uiTimeoutMs: UI_TIMEOUT_MS, height: 900 });
      const step = stepsOn(page, 'sync-alerts-failure.png');
      const byTestId = (id: string) => page.getByTestId(id);
      let productId = '';

      await step('1. a store with a cable in stock and a manager, connected to a real central', async () => {
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
        productId = await api.createStocked(USB_C_CABLE, 1);

        const login = await world.enrolTerminal({ code: STORE_CODE, name: STORE_NAME }, TERMINAL);
        await api.ok('sync.connect', { connectionText: connectionTextOf(world.chain.database.url, login) });
      });

      await step('2. two units sold of one: central raises the alert, the manager sees a badge', async () => {
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

      await step('3. the panel lists it in Spanish: kind, product, stock, time; as of the last sync', async () => {
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
        await page.screenshot({ path: artifact('sync-alerts-open.png') });
      });

      await step('4. "Marcar como vista": central records who saw it, and the badge goes', async () => {
        const button = byTestId('sync-alert-acknowledge');
        await expectText(button, msg('sync.alerts.acknowledge'));
        await button.focus();
        await page.keyboard.press('Enter');
        const item = byTestId('sync-alert-item');
        await poll(() => item.getAttribute('data-state')).not.toBe('open');
        expect(await byTestId('sync-alert-acknowledge').count()).toBe(0);
        await poll(async () => {
          const row = await world.chain.admin.query(
            "SELECT acknowledged_by, acknowledged_terminal FROM techstore.alerts WHERE kind = 'negative_stock'",
          );
          return row.rows[0];
        }).toEqual({ acknowledged_by: MANAGER, acknowledged_terminal: TERMINAL });
        // Once central confirms it, the row says so, and the unseen count is gone from the top bar.
        await expectAttribute(item, 'data-state', 'seen');
        await expectText(
          item.getByTestId('sync-alert-status'),
          new RegExp(`^Vista por ${MANAGER} \\(T01\\), \\d{2}:\\d{2}$`),
        );
        await poll(() => byTestId('sync-alerts-badge').count()).toBe(0);
        await page.screenshot({ path: artifact('sync-alerts-seen.png') });
      });

      await step('5. in English too', async () => {
        await byTestId('language-en').click();
        await expectText(byTestId('sync-alert-kind'), 'Negative stock');
        await expectText(byTestId('sync-alert-status'), new RegExp(`^Seen by ${MANAGER} \\(T01\\), \\d{2}:\\d{2}$`));
        await byTestId('language-es-AR').click();
      });
    },
    TEST_TIMEOUT_MS,
  );
});
