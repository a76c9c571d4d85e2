import { beforeAll, describe, it } from 'vitest';
import { msg, screenChecks } from '../support/e2e-expect';
import { artifact, stepsOn } from '../support/e2e-step';
import { useE2eWorld } from '../support/e2e-world';
import { bulkProducts, newTerminalText, type SeededChain, SlowRelay, seedChain } from '../support/join-chain-fixture';

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
/** Enough products that the copy takes several pages, each slowed by the relay. */
const BULK_PRODUCTS = 2_500;

const { poll, expectText, expectAttribute } = screenChecks(UI_TIMEOUT_MS);

describe('joining a chain from the first-run screen, end to end in Chromium', () => {
  const world = useE2eWorld({ name: 'join', central: 'e2e_join', timeoutMs: TEST_TIMEOUT_MS });
  let relay: SlowRelay | null = null;
  let seeded: SeededChain;

  beforeAll(async () => {
    seeded = await seedChain(world.chain);
    await bulkProducts(world.chain.admin, seeded.phoneId, BULK_PRODUCTS);
    const opened = await SlowRelay.open(world.chain.database.url, 25);
    world.defer(() => opened.close());
    relay = opened;
  }, TEST_TIMEOUT_MS);

  it(
    'pastes the connection text, shows the copy, then T01’s cashier logs in and scans T01’s phone',
    async () => {
      if (!relay) throw new Error('the slow relay to central did not start');
      const started = await world.startHost();
      const page = await world.newPage({ uiTimeoutMs: UI_TIMEOUT_MS });
      const step = stepsOn(page, 'join-failure.png');
      const byTestId = (id: string) => page.getByTestId(id);
      const { text } = await newTerminalText(world.chain, 'T02', relay);

      await step('1. the first-run screen offers a new store or joining a chain', async () => {
        await page.goto(started.url);
        await expectAttribute(byTestId('setup-screen'), 'data-ready', 'true');
        await expectText(byTestId('setup-mode-new'), msg('setup.mode.new'));
        await expectText(byTestId('setup-mode-join'), msg('setup.mode.join'));
        await byTestId('setup-form').waitFor();
        await byTestId('setup-mode-join').click();
        await byTestId('join-form').waitFor();
      });

      await step('2. a text that is not a connection is refused in plain Spanish', async () => {
        await byTestId('join-text').fill('postgresql://ts_t02@127.0.0.1/techstore');
        await byTestId('join-text').press('Enter');
        const refused = byTestId('join-refused');
        await expectAttribute(refused, 'data-code', 'VALIDATION');
        await expectText(refused.locator('p').first(), msg('join.badText'));
      });

      await step('3. the real text: the copy shows the table in words and a moving bar', async () => {
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
        await page.screenshot({ path: artifact('join-progress.png') });
        // Full speed for the rest: the test need not wait for the slow link.
        relay?.release();
      });

      await step('4. done: the login pad lists the chain’s users', async () => {
        await byTestId('login-screen').waitFor({ timeout: JOIN_TIMEOUT_MS });
        await page.locator('[data-testid="login-user"]', { hasText: seeded.cashier.name }).waitFor();
        await page.locator('[data-testid="login-user"]', { hasText: 'Ana Admin' }).waitFor();
      });

      await step('5. T01’s cashier logs in with her PIN and scans the phone T01 created', async () => {
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
        await page.screenshot({ path: artifact('join-chain.png') });
      });
    },
    TEST_TIMEOUT_MS,
  );
});
