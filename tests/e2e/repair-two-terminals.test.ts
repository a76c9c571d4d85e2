import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RepairStatus } from '../../shared/repair-status';
import { HostApi } from '../support/e2e-api';
import { msg, screenChecks } from '../support/e2e-expect';
import { setUpStoreOnScreen } from '../support/e2e-first-run';
import { artifact, stepsOn } from '../support/e2e-step';
import { useE2eWorld } from '../support/e2e-world';
import { connectionTextOf, newTerminalText } from '../support/join-chain-fixture';
import { CentralRelay } from '../support/sync-worker-chain';

/**
 * Issue 4's "done means", across a store's two terminals in real Chromium, each a browser-mode host with its own
 * data folder and sync worker connected to a real central: T01 (the counter) set up on its first-run screen and
 * adopted by central, T02 (the bench) joined from its own first-run screen. With central unreachable, T02 takes a
 * phone in for a customer with a credit limit (a seña in cash) and walks it to "Listo para retirar" with a final
 * price; once central is back, T01 finds the order by its typed number and delivers it, half in cash and half on
 * the customer's cuenta corriente; and T02's Clientes and Taller then show the balance on account and "Entregado".
 */

const TEST_TIMEOUT_MS = 240_000;
const UI_TIMEOUT_MS = 15_000;
/** The workers back off with jitter while central is away (up to 60 s); coming back may take that long. */
const RECOVERY_TIMEOUT_MS = 75_000;

const STORE_NAME = 'TechStore Palermo';
/** newTerminalText enrols terminals in store PAL. */
const STORE_CODE = 'PAL';
const ADMIN = 'Lucía Fernández';
const PIN = '4826';

const CUSTOMER = 'Juan Pérez';
const CREDIT_LIMIT = 5_000_000;
const DEPOSIT = 500_000;
const ESTIMATE = 4_000_000;
const FINAL_PRICE = 4_500_000;
const DUE = FINAL_PRICE - DEPOSIT;
const CASH = DUE / 2;
const ON_ACCOUNT = DUE - CASH;
/** T02's first order: numbers carry the terminal's code, so two terminals offline never issue the same one. */
const NUMBER = 'R-T02-000001';

const ARS = new Intl.NumberFormat('es-AR', { style: 'currency', currency: 'ARS' });
const money = (centavos: number): string => ARS.format(centavos / 100);

const { poll, expectText, expectAttribute } = screenChecks(UI_TIMEOUT_MS);

async function logInOnPad(page: Page, name: string, pin: string): Promise<void> {
  await page.getByTestId('login-screen').waitFor();
  await page.locator('[data-testid="login-user"]', { hasText: name }).click();
  for (const digit of pin) await page.getByTestId(`pin-key-${digit}`).click();
  await page.getByTestId('pin-key-ok').click();
  await page.getByTestId('pos-screen').waitFor();
}

async function expectStatus(page: Page, status: RepairStatus): Promise<void> {
  await expectAttribute(page.getByTestId('repair-detail'), 'data-status', status);
  await expectText(page.getByTestId('repair-status'), msg(`repair.status.${status}`));
}

/** A move on the bench: the button, then the detail in its new status. */
async function moveTo(page: Page, status: RepairStatus): Promise<void> {
  await page.getByTestId(`repair-to-${status}`).click();
  await expectStatus(page, status);
}

/** Waits for the terminal's worker to have central's answer and nothing left to push, as its indicator says. */
async function expectSynced(page: Page, timeout = UI_TIMEOUT_MS): Promise<void> {
  await expectAttribute(page.getByTestId('sync-indicator'), 'data-state', 'online', timeout);
  await poll(() => page.getByTestId('sync-pending-count').count(), timeout).toBe(0);
}

describe('a repair across the counter and the bench, through an outage of central, in Chromium', () => {
  const world = useE2eWorld({ name: 'repair-two', central: 'e2e_repair_two', timeoutMs: TEST_TIMEOUT_MS });

  it(
    'takes in and works an order on T02 offline, delivers it on T01 online, and both agree on the account',
    async () => {
      const t02Dir = world.newDataDir('t02');
      const [t01Host, t02Host] = await Promise.all([world.startHost(), world.startHost(t02Dir)]);
      const counter = await world.newPage({ uiTimeoutMs: UI_TIMEOUT_MS, height: 900 });
      const bench = await world.newPage({ uiTimeoutMs: UI_TIMEOUT_MS, height: 900 });
      const onCounter = stepsOn(counter, 'repair-two-t01-failure.png');
      const onBench = stepsOn(bench, 'repair-two-t02-failure.png');
      const t01 = new HostApi(t01Host);
      const t02 = new HostApi(t02Host);
      const relay = await CentralRelay.open(world.chain.database.url);
      world.defer(() => relay.cut());
      let customerId = '';

      await onCounter('1. T01 set up on its first-run screen, a customer with a credit limit, adopted', async () => {
        await setUpStoreOnScreen(counter, { url: t01Host.url, storeName: STORE_NAME, adminName: ADMIN, pin: PIN });
        await t01.loginAs(ADMIN, PIN);
        customerId = (
          await t01.ok('customers.create', {
            name: CUSTOMER,
            taxId: { kind: 'dni', number: '30.111.222' },
            phone: '11 4000-1111',
            creditLimit: CREDIT_LIMIT,
          })
        ).id;
        const login = await world.enrolTerminal({ code: STORE_CODE, name: STORE_NAME }, 'T01');
        await t01.ok('sync.connect', { connectionText: connectionTextOf(world.chain.database.url, login, relay) });
        await expectSynced(counter);
      });

      await onBench('2. T02 joins the chain on its first-run screen; the customer is there', async () => {
        const { text } = await newTerminalText(world.chain, 'T02', relay);
        await bench.goto(t02Host.url);
        await expectAttribute(bench.getByTestId('setup-screen'), 'data-ready', 'true');
        await bench.getByTestId('setup-mode-join').click();
        await bench.getByTestId('join-text').fill(text);
        await bench.getByTestId('join-submit').click();
        await logInOnPad(bench, ADMIN, PIN);
        await t02.loginAs(ADMIN, PIN);
        await expectSynced(bench);
        expect((await t02.ok('customers.get', { id: customerId })).creditLimit).toBe(CREDIT_LIMIT);
      });

      await onBench('3. central unreachable: both terminals say so', async () => {
        await relay.cut();
        await expectAttribute(bench.getByTestId('sync-indicator'), 'data-state', 'offline');
        await expectText(bench.getByTestId('sync-state-label'), msg('sync.state.offline'));
        await expectAttribute(counter.getByTestId('sync-indicator'), 'data-state', 'offline');
      });

      await onBench('4. offline on T02: the phone taken in for the customer, with a seña in cash', async () => {
        await bench.getByTestId('nav-repairs').click();
        await bench.getByTestId('repairs-tab-intake').click();
        await bench.getByTestId('repair-intake').waitFor();
        await bench.getByTestId('repair-intake-pick-customer').click();
        await bench.getByTestId('customer-search').fill('juan');
        await bench.locator('[data-testid="customer-result"]', { hasText: CUSTOMER }).click();
        await expectText(bench.getByTestId('repair-intake-customer'), CUSTOMER);
        await bench.getByTestId('repair-device-type').fill('Celular');
        await bench.getByTestId('repair-brand').fill('Motorola');
        await bench.getByTestId('repair-model').fill('Moto G54');
        await bench.getByTestId('repair-serial-input').fill('ZY22C4KX9P');
        await bench.getByTestId('repair-fault-input').fill('No carga');
        await bench.getByTestId('repair-deposit').fill('5000');
        await expectAttribute(bench.getByTestId('repair-deposit-method-cash'), 'aria-pressed', 'true');
        await bench.getByTestId('repair-intake-submit').click();
        await expectText(bench.getByTestId('repair-print-saved'), msg('repair.print.saved', { number: NUMBER }));
        await expectText(bench.getByTestId('repair-ticket-deposit'), money(DEPOSIT));
        // Taken in, not yet sent: the indicator counts what waits for central.
        await expectAttribute(bench.getByTestId('sync-indicator'), 'data-state', 'offline');
        await poll(async () =>
          Number(await bench.getByTestId('sync-pending-count').getAttribute('data-count')),
        ).toBeGreaterThan(0);
      });

      await onBench('5. offline on T02: diagnosed, repaired at a final price, ready for pickup', async () => {
        await bench.getByTestId('repair-print-open').click();
        await expectStatus(bench, 'received');
        await moveTo(bench, 'diagnosing');
        await bench.getByTestId('repair-diagnosis-input').fill('Pin de carga dañado');
        await bench.getByTestId('repair-estimate-input').fill('40.000');
        await bench.getByTestId('repair-preapproved-input').check();
        await bench.getByTestId('repair-diagnose-submit').click();
        await expectText(
          bench.getByTestId('repair-estimate'),
          `${money(ESTIMATE)} · ${msg('repair.estimate.preApproved')}`,
        );
        await moveTo(bench, 'in_repair');
        await bench.getByTestId('repair-final-price-input').fill('45.000');
        await bench.getByTestId('repair-final-price-submit').click();
        await expectText(bench.getByTestId('repair-final-price'), money(FINAL_PRICE));
        await moveTo(bench, 'repaired');
        await moveTo(bench, 'ready_for_pickup');
        await expectAttribute(bench.getByTestId('sync-indicator'), 'data-state', 'offline');
        await bench.screenshot({ path: artifact('repair-two-t02-offline.png'), fullPage: true });
      });

      await onBench('6. central back: T02 sends what it did offline', async () => {
        await relay.restore();
        await expectSynced(bench, RECOVERY_TIMEOUT_MS);
      });

      await onCounter('7. on T01: found by its typed number, delivered half in cash, half on account', async () => {
        await expectSynced(counter, RECOVERY_TIMEOUT_MS);
        // T01 may still be pulling T02's work when its indicator turns: the order is there once it has.
        await poll(async () => (await t01.call('repairs.findByNumber', { text: NUMBER })).ok, RECOVERY_TIMEOUT_MS).toBe(
          true,
        );
        await counter.getByTestId('nav-repairs').click();
        await counter.getByTestId('repairs-screen').waitFor();
        await counter.getByTestId('repair-find').fill('r t02 1');
        await counter.getByTestId('repair-find').press('Enter');
        await expectText(counter.getByTestId('repair-number'), NUMBER);
        await expectStatus(counter, 'ready_for_pickup');

        await counter.getByTestId('repair-deliver').click();
        await counter.getByTestId('repair-deliver-dialog').waitFor();
        await expectText(counter.getByTestId('repair-deliver-price'), money(FINAL_PRICE));
        await expectText(counter.getByTestId('repair-deliver-deposits'), money(DEPOSIT));
        await expectText(counter.getByTestId('repair-deliver-amount-due'), money(DUE));
        await expectText(counter.getByTestId('pay-customer'), new RegExp(CUSTOMER));
        await counter.getByTestId('tendered-input').fill('20000');
        await counter.getByTestId('tendered-input').press('Enter');
        await expectText(counter.getByTestId('pay-remaining'), money(ON_ACCOUNT));
        await counter.getByTestId('pay-method-customer_account').click();
        await expectAttribute(counter.getByTestId('pay-method-customer_account'), 'aria-pressed', 'true');
        await counter.getByTestId('tendered-input').press('Enter');

        await counter.getByTestId('receipt').waitFor();
        await poll(() =>
          counter
            .locator('[data-testid="receipt-payment"]')
            .evaluateAll((els) => els.map((e) => e.getAttribute('data-method'))),
        ).toEqual(['cash', 'customer_account']);
        await poll(() => counter.locator('[data-testid="receipt-payment-amount"]').allTextContents()).toEqual([
          money(CASH),
          money(ON_ACCOUNT),
        ]);
        await expectText(
          counter.getByTestId('receipt-balance-after'),
          msg('receipt.balanceAfter', { balance: money(ON_ACCOUNT) }),
        );
        await counter.screenshot({ path: artifact('repair-two-t01-receipt.png'), fullPage: true });
        expect((await t01.ok('customers.get', { id: customerId })).balance).toBe(ON_ACCOUNT);
        await counter.getByTestId('receipt-new-sale').click();
        await expectStatus(counter, 'delivered');
      });

      await onBench('8. on T02 after sync: the balance on account, and the order delivered', async () => {
        await expectSynced(counter, RECOVERY_TIMEOUT_MS);
        // T02 is listening to central again: the delivery arrives without anyone touching the bench.
        await poll(async () => (await t02.ok('customers.get', { id: customerId })).balance, RECOVERY_TIMEOUT_MS).toBe(
          ON_ACCOUNT,
        );
        await bench.getByTestId('nav-customers').click();
        await bench.getByTestId('customers-screen').waitFor();
        const item = bench.locator('[data-testid="customers-item"]', { hasText: CUSTOMER });
        await expectText(item.getByTestId('customers-item-balance'), money(ON_ACCOUNT));
        await item.click();
        await expectText(bench.getByTestId('customer-balance'), money(ON_ACCOUNT));
        await expectText(
          bench.getByTestId('customer-credit'),
          msg('customers.limitAvailable', { limit: money(CREDIT_LIMIT), available: money(CREDIT_LIMIT - ON_ACCOUNT) }),
        );

        await bench.getByTestId('nav-repairs').click();
        await bench.getByTestId('repairs-tab-list').click();
        const row = bench.locator(`[data-testid="repair-row"][data-number="${NUMBER}"]`);
        await expectText(row.locator('td').nth(1), msg('repair.status.delivered'));
        await row.getByRole('button', { name: NUMBER }).click();
        await expectStatus(bench, 'delivered');
        await poll(async () => (await bench.getByTestId('repair-timeline-text').allTextContents()).at(-1)).toBe(
          msg('repair.timeline.status', {
            from: msg('repair.status.ready_for_pickup'),
            to: msg('repair.status.delivered'),
          }),
        );
        await bench.screenshot({ path: artifact('repair-two-t02-delivered.png'), fullPage: true });
      });
    },
    TEST_TIMEOUT_MS,
  );
});
