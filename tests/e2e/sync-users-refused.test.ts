import { describe, expect, it } from 'vitest';
import { HostApi } from '../support/e2e-api';
import { msg, screenChecks } from '../support/e2e-expect';
import { setUpStoreOnScreen } from '../support/e2e-first-run';
import { artifact, stepsOn } from '../support/e2e-step';
import { useE2eWorld } from '../support/e2e-world';
import { connectionTextOf } from '../support/join-chain-fixture';

/**
 * Issue 9 on screen, in real Chromium against browser mode: a store joins a chain, central adopting its people
 * (`add-store --from`), so its own admin keeps working; an admin created on the terminal after that is refused by
 * central (admins come from central's CLI), and the Sincronización screen says why, in the staff's words, in
 * either language.
 */

const TEST_TIMEOUT_MS = 180_000;
const UI_TIMEOUT_MS = 15_000;

const STORE_NAME = 'TechStore Núñez';
const STORE_CODE = 'NUN';
const ADMIN = 'Lucía Fernández';
const PIN = '4826';

const { expectText, expectAttribute } = screenChecks(UI_TIMEOUT_MS);
const startsWith = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

describe('a change central refuses beyond the store, end to end in Chromium', () => {
  const world = useE2eWorld({ name: 'users-refused', central: 'e2e_users_refused', timeoutMs: TEST_TIMEOUT_MS });

  it(
    "shows the refused admin in Sincronización with central's reason, in Spanish and in English",
    async () => {
      const started = await world.startHost();
      const page = await world.newPage({ uiTimeoutMs: UI_TIMEOUT_MS });
      const step = stepsOn(page, 'users-refused-failure.png');
      const api = new HostApi(started);
      const byTestId = (id: string) => page.getByTestId(id);
      let newAdminId = '';

      await step(
        '1. a store set up on its own joins the chain with its people; then someone adds an admin',
        async () => {
          await setUpStoreOnScreen(page, {
            url: started.url,
            storeName: STORE_NAME,
            terminalCode: 'T01',
            adminName: ADMIN,
            pin: PIN,
          });
          const login = await world.enrolTerminal({ code: STORE_CODE, name: STORE_NAME }, 'T01');
          await api.loginAs(ADMIN, PIN);
          newAdminId = (await api.ok('users.create', { name: 'Otro Administrador', role: 'admin', pin: '1357' })).id;
          await byTestId('nav-sync').click();
          await byTestId('sync-screen').waitFor();
          const text = byTestId('sync-connect-text');
          await text.fill(connectionTextOf(world.chain.database.url, login));
          await text.press('Enter');
          await byTestId('sync-connect-ok').waitFor();
        },
      );

      await step("2. central took the store's own admin and refused the new one; the panel says why", async () => {
        const item = byTestId('sync-quarantine-item');
        await item.waitFor();
        expect(await item.count()).toBe(1);
        await expectText(item.getByTestId('sync-quarantine-kind'), msg('sync.kind.user.create'));
        const error = item.getByTestId('sync-quarantine-error');
        await expectAttribute(error, 'data-reason', 'central_only');
        await expectText(error, startsWith(msg('sync.quarantine.reason.central_only')));
        await expectText(item.getByTestId('sync-quarantine-detail'), /^Detalle de la central: central only: users /);
        const users = await world.chain.admin.query<{ id: string; name: string }>(
          'SELECT id, name FROM techstore.users ORDER BY name',
        );
        expect(users.rows.map((u) => u.name)).toEqual([ADMIN]);
        expect(users.rows.map((u) => u.id)).not.toContain(newAdminId);
        await page.setViewportSize({ width: 1366, height: 1000 });
        await page.screenshot({ path: artifact('sync-users-refused.png') });
      });

      await step('3. the same reason in English', async () => {
        await byTestId('language-en').click();
        await expectText(
          byTestId('sync-quarantine-error'),
          /^Central refused this change: a terminal cannot create admins or give the admin role/,
        );
        await byTestId('language-es-AR').click();
      });
    },
    TEST_TIMEOUT_MS,
  );
});
