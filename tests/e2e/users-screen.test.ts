import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { HostApi } from '../support/e2e-api';
import { msg, screenChecks } from '../support/e2e-expect';
import { setUpStoreOnScreen } from '../support/e2e-first-run';
import { artifact, stepsOn } from '../support/e2e-step';
import { useE2eWorld } from '../support/e2e-world';

/**
 * A store gives its cashier a login, through real Chromium against browser mode and walked by the screen's
 * visible Spanish labels: the admin adds a cashier on "Usuarios" (a taken name is refused next to the field), the
 * cashier logs in by the PIN pad and changes their PIN, the admin deactivates them, and the pad no longer lists
 * them.
 */

const STEP_TIMEOUT_MS = 120_000;
const UI_TIMEOUT_MS = 15_000;

const STORE = 'TechStore Belgrano';
const ADMIN = 'Lucía Fernández';
const ADMIN_PIN = '4826';
const CASHIER = 'Carla Gómez';
const CASHIER_PIN = '3141';
const CASHIER_NEW_PIN = '2718';

const { poll, expectText } = screenChecks(UI_TIMEOUT_MS);

const button = (scope: Page | Locator, name: string) => scope.getByRole('button', { name });
const dialog = (page: Page) => page.getByRole('dialog');
const userRow = (page: Page, name: string) => page.getByRole('row').filter({ hasText: name });

async function expectInView(page: Page, locator: Locator): Promise<void> {
  await locator.waitFor();
  const box = await locator.boundingBox();
  const viewport = page.viewportSize();
  if (!box || !viewport) throw new Error('no box or viewport to compare');
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
}

async function logInByPad(page: Page, name: string, pin: string): Promise<void> {
  await page.getByTestId('login-screen').waitFor();
  await page.getByRole('button').filter({ hasText: name }).click();
  await expectText(page.locator('[data-testid="login-screen"] h1'), msg('login.enterPin', { name }));
  for (const digit of pin) await button(page, msg('pin.digit', { digit })).click();
  await button(page, msg('pin.ok')).click();
  await page.getByTestId('pos-screen').waitFor();
  await expectText(page.getByTestId('top-bar-user'), new RegExp(`^${name}`));
}

async function logOut(page: Page): Promise<void> {
  await button(page, msg('topbar.logout')).click();
  await page.getByTestId('login-screen').waitFor();
}

async function padNames(page: Page): Promise<string[]> {
  return page.locator('[data-testid="login-user"] .user-name').allTextContents();
}

describe('people on screen, end to end in Chromium', () => {
  const world = useE2eWorld({ name: 'users', timeoutMs: STEP_TIMEOUT_MS });

  it(
    'adds a cashier who logs in by the PIN pad, and deactivates them off the pad',
    async () => {
      const host = await world.startHost();
      const page = await world.newPage({ uiTimeoutMs: UI_TIMEOUT_MS });
      const step = stepsOn(page, 'users-failure.png');
      const api = new HostApi(host);

      await step('1. a new store, its admin on the till', async () => {
        await setUpStoreOnScreen(page, { url: host.url, storeName: STORE, adminName: ADMIN, pin: ADMIN_PIN });
      });

      await step('2. "Usuarios" lists the admin', async () => {
        await button(page, msg('nav.users')).click();
        await page.getByRole('heading', { name: msg('users.title') }).waitFor();
        const admin = userRow(page, ADMIN);
        await expectText(admin.getByTestId('users-row-role'), msg('role.admin'));
        await expectText(admin.getByTestId('users-row-state'), msg('users.state.active'));
        // Their own row: no deactivating or resetting oneself.
        expect(await button(admin, msg('users.deactivate')).count()).toBe(0);
        expect(await button(admin, msg('users.resetPin')).count()).toBe(0);
      });

      await step(
        '3. adding a cashier: a taken name is refused next to the field, then the cashier is added',
        async () => {
          await button(page, msg('users.add')).click();
          const form = dialog(page);
          await expectText(form.getByRole('heading'), msg('users.form.addTitle'));
          // The dialog opens on the name, ready to type.
          await poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null)).toBe(
            'user-name',
          );
          await page.keyboard.type(ADMIN.toUpperCase());
          await form.getByLabel(msg('users.form.role')).selectOption({ label: msg('role.cashier') });
          await form.getByLabel(msg('users.form.pin')).fill(CASHIER_PIN);
          await form.getByLabel(msg('users.form.pinRepeat')).fill(CASHIER_PIN);
          await page.keyboard.press('Enter');
          const nameError = form.getByTestId('user-name-error');
          await expectText(nameError, msg('users.refusal.nameTaken'));
          await expectInView(page, nameError);
          await page.screenshot({ path: artifact('users-name-taken.png') });

          await form.getByLabel(msg('users.form.name')).fill(CASHIER);
          await button(form, msg('users.form.save')).click();
          await dialog(page).waitFor({ state: 'detached' });
          await expectText(page.getByTestId('users-notice'), msg('users.created', { name: CASHIER }));
          const row = userRow(page, CASHIER);
          await expectText(row.getByTestId('users-row-role'), msg('role.cashier'));
          await expectText(row.getByTestId('users-row-state'), msg('users.state.active'));
          await page.screenshot({ path: artifact('users-screen.png') });
        },
      );

      await step('4. the cashier logs in by the PIN pad, sees no "Usuarios", and changes their own PIN', async () => {
        await logOut(page);
        await poll(() => padNames(page)).toEqual([CASHIER, ADMIN].sort((a, b) => a.localeCompare(b)));
        await logInByPad(page, CASHIER, CASHIER_PIN);
        expect(await button(page, msg('nav.users')).count()).toBe(0);

        await button(page, msg('ownPin.open')).click();
        const form = dialog(page);
        await form.getByLabel(msg('users.pin.current')).waitFor();
        await form.getByLabel(msg('users.pin.current')).fill('0000');
        await form.getByLabel(msg('users.pin.new')).fill(CASHIER_NEW_PIN);
        await form.getByLabel(msg('users.pin.repeat')).fill(CASHIER_NEW_PIN);
        await page.keyboard.press('Enter');
        await expectText(form.getByTestId('own-pin-current-error'), msg('users.refusal.wrongPin'));
        await form.getByLabel(msg('users.pin.current')).fill(CASHIER_PIN);
        await page.keyboard.press('Enter');
        await expectText(form.getByRole('status'), msg('ownPin.done'));
        await button(form, msg('ownPin.close')).click();
        await dialog(page).waitFor({ state: 'detached' });
      });

      await step('5. back as the admin, the cashier is deactivated', async () => {
        await logOut(page);
        await logInByPad(page, ADMIN, ADMIN_PIN);
        await button(page, msg('nav.users')).click();
        const row = userRow(page, CASHIER);
        await button(row, msg('users.deactivate')).click();
        const confirm = dialog(page);
        await expectText(confirm.getByRole('heading'), msg('users.confirm.deactivateTitle', { name: CASHIER }));
        await button(confirm, msg('users.deactivate')).click();
        await dialog(page).waitFor({ state: 'detached' });
        await expectText(page.getByTestId('users-notice'), msg('users.deactivated', { name: CASHIER }));
        await expectText(row.getByTestId('users-row-state'), msg('users.state.inactive'));
        await button(row, msg('users.reactivate')).waitFor();
      });

      await step('6. the login pad no longer lists the cashier, and the core refuses their PIN', async () => {
        await logOut(page);
        await poll(() => padNames(page)).toEqual([ADMIN]);
        const { users } = await api.ok('users.listForLogin', {});
        expect(users.map((u) => u.name)).toEqual([ADMIN]);
        await api.loginAs(ADMIN, ADMIN_PIN);
        const carla = (await api.ok('users.list', {})).users.find((u) => u.name === CASHIER);
        expect(carla).toMatchObject({ role: 'cashier', active: false });
        if (!carla) throw new Error('the cashier is gone from the list');
        const refused = await api.call('users.login', { userId: carla.id, pin: CASHIER_NEW_PIN });
        expect(refused).toMatchObject({ ok: false, code: 'UNAUTHORIZED' });
      });
    },
    STEP_TIMEOUT_MS * 3,
  );
});
