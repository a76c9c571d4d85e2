import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RequestOf } from '../../shared/contract/index';
import { newId } from '../../shared/ids';
import { HostApi } from '../support/e2e-api';
import { msg, screenChecks } from '../support/e2e-expect';
import { setUpStoreOnScreen } from '../support/e2e-first-run';
import { artifact, stepsOn } from '../support/e2e-step';
import { useE2eWorld } from '../support/e2e-world';

/**
 * Issue 4, the repair counter after the bench, in real Chromium against browser mode and logged in as a cashier:
 * a delivery whose balance on cuenta corriente takes the customer over the credit limit goes through only with a
 * manager's right PIN; a delivery whose señas exceed the final price says the difference goes to the customer's
 * account and credits it; and the cashier's Clientes screen shows both balances without the manager-only actions.
 * One world and one page for the three, to keep the e2e suite short; the orders reach "Listo para retirar"
 * through the API, since repair-journey.test.ts walks the bench screen by screen.
 */

const STEP_TIMEOUT_MS = 120_000;
const UI_TIMEOUT_MS = 15_000;

const STORE_NAME = 'TechStore Palermo';
const ADMIN = 'Lucía Fernández';
const ADMIN_PIN = '4826';
const CASHIER = 'Martín Sosa';
const CASHIER_PIN = '7391';

const ANA = 'Ana Rodríguez';
const ANA_LIMIT = 2_000_000;
const ANA_ESTIMATE = 5_000_000;
const ANA_DEPOSIT = 500_000;
const ANA_CASH = 1_000_000;
const ANA_ON_ACCOUNT = ANA_ESTIMATE - ANA_DEPOSIT - ANA_CASH;

const CARLOS = 'Carlos Díaz';
const CARLOS_DEPOSIT = 3_000_000;
const CARLOS_PRICE = 1_800_000;
const CARLOS_CREDIT = CARLOS_DEPOSIT - CARLOS_PRICE;

const ARS = new Intl.NumberFormat('es-AR', { style: 'currency', currency: 'ARS' });
const money = (centavos: number): string => ARS.format(centavos / 100);

const { poll, expectText, expectAttribute } = screenChecks(UI_TIMEOUT_MS);
const byTestId = (page: Page, id: string) => page.getByTestId(id);

async function expectFocusedTestId(page: Page, expected: string): Promise<void> {
  await poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null)).toBe(expected);
}

/** An order taken in with a seña in cash and walked to "Listo para retirar" as the bench would. */
async function readyForPickup(
  api: HostApi,
  order: { customerId: string; serial: string; estimate: number; deposit: number; finalPrice?: number },
): Promise<string> {
  const intake = {
    orderId: newId(),
    customerId: order.customerId,
    device: { type: 'Celular', brand: 'Motorola', model: 'Moto G54', imei: null, serial: order.serial },
    reportedFault: 'No carga',
    estimate: order.estimate,
    estimatePreApproved: true,
    deposit: { amount: order.deposit, method: 'cash', reference: '' },
  } satisfies RequestOf<'repairs.intake'>;
  const { id, number } = await api.ok('repairs.intake', intake);
  await api.ok('repairs.transition', { orderId: id, to: 'diagnosing' });
  await api.ok('repairs.transition', { orderId: id, to: 'in_repair' });
  if (order.finalPrice !== undefined)
    await api.ok('repairs.setFinalPrice', { orderId: id, finalPrice: order.finalPrice });
  await api.ok('repairs.transition', { orderId: id, to: 'repaired' });
  await api.ok('repairs.transition', { orderId: id, to: 'ready_for_pickup' });
  return number;
}

async function openDelivery(page: Page, number: string): Promise<void> {
  await byTestId(page, 'nav-repairs').click();
  await byTestId(page, 'repairs-screen').waitFor();
  await byTestId(page, 'repair-find').fill(number);
  await byTestId(page, 'repair-find').press('Enter');
  await expectText(byTestId(page, 'repair-number'), number);
  await expectAttribute(byTestId(page, 'repair-detail'), 'data-status', 'ready_for_pickup');
  await byTestId(page, 'repair-deliver').click();
  await byTestId(page, 'repair-deliver-dialog').waitFor();
}

describe('the repair counter: deliveries on account and with señas over the price, as a cashier', () => {
  const world = useE2eWorld({ name: 'repair-counter', timeoutMs: STEP_TIMEOUT_MS });

  it(
    'needs a manager PIN over the credit limit, credits señas over the price, and hides manager actions',
    async () => {
      const host = await world.startHost();
      const page = await world.newPage({ uiTimeoutMs: UI_TIMEOUT_MS, height: 900 });
      const step = stepsOn(page, 'repair-counter-failure.png');
      const api = new HostApi(host);
      let anaId = '';
      let carlosId = '';
      let anaOrder = '';
      let carlosOrder = '';

      await step('1. a store, a cashier, two customers and two orders ready for pickup', async () => {
        await setUpStoreOnScreen(page, { url: host.url, storeName: STORE_NAME, adminName: ADMIN, pin: ADMIN_PIN });
        await api.loginAs(ADMIN, ADMIN_PIN);
        await api.ok('users.create', { name: CASHIER, role: 'cashier', pin: CASHIER_PIN });
        anaId = (
          await api.ok('customers.create', {
            name: ANA,
            taxId: { kind: 'dni', number: '30.111.222' },
            phone: '11 4000-1111',
            creditLimit: ANA_LIMIT,
          })
        ).id;
        carlosId = (
          await api.ok('customers.create', {
            name: CARLOS,
            taxId: { kind: 'dni', number: '25.333.444' },
            phone: '11 4000-2222',
          })
        ).id;
        // Ana: $50.000 estimate, $5.000 seña. Carlos: a $30.000 seña, then the repair came out at $18.000.
        anaOrder = await readyForPickup(api, {
          customerId: anaId,
          serial: 'ZY22A',
          estimate: ANA_ESTIMATE,
          deposit: ANA_DEPOSIT,
        });
        carlosOrder = await readyForPickup(api, {
          customerId: carlosId,
          serial: 'ZY22B',
          estimate: 4_000_000,
          deposit: CARLOS_DEPOSIT,
          finalPrice: CARLOS_PRICE,
        });

        // The cashier takes the counter: log out, pick the name, PIN on the pad.
        await byTestId(page, 'logout-button').click();
        await byTestId(page, 'login-screen').waitFor();
        await page.locator('[data-testid="login-user"]', { hasText: CASHIER }).click();
        for (const digit of CASHIER_PIN) await byTestId(page, `pin-key-${digit}`).click();
        await byTestId(page, 'pin-key-ok').click();
        await byTestId(page, 'pos-screen').waitFor();
        await expectText(byTestId(page, 'top-bar-user'), new RegExp(CASHIER));
      });

      await step('2. over the credit limit: a wrong manager PIN is refused, the right one delivers', async () => {
        await openDelivery(page, anaOrder);
        await expectText(byTestId(page, 'repair-deliver-amount-due'), money(ANA_ESTIMATE - ANA_DEPOSIT));
        await expectText(byTestId(page, 'pay-total'), money(ANA_ESTIMATE - ANA_DEPOSIT));
        await expectFocusedTestId(page, 'tendered-input');
        await page.keyboard.type('10000', { delay: 10 });
        await page.keyboard.press('Enter');
        await expectText(byTestId(page, 'pay-remaining'), money(ANA_ON_ACCOUNT));
        // The rest on her account ($35.000) is over her $20.000 limit: the dialog asks for a manager.
        await page.keyboard.press('F5');
        await expectAttribute(byTestId(page, 'pay-method-customer_account'), 'aria-pressed', 'true');
        await page.keyboard.press('Enter');
        await byTestId(page, 'pay-manager').waitFor();
        await expectText(
          byTestId(page, 'pay-manager').locator('.notice'),
          msg('pay.overLimit', { name: ANA, limit: money(ANA_LIMIT) }),
        );
        await expectFocusedTestId(page, 'manager-pin');
        await expectText(byTestId(page, 'manager-select').locator('option:checked'), ADMIN);
        // The cashier's own PIN is not a manager's.
        await page.keyboard.type(CASHIER_PIN, { delay: 10 });
        await page.keyboard.press('Enter');
        await expectText(byTestId(page, 'pay-error'), msg('pay.managerWrong'));
        expect((await api.ok('repairs.findByNumber', { text: anaOrder })).status).toBe('ready_for_pickup');
        expect((await api.ok('customers.get', { id: anaId })).balance).toBe(0);
        await page.screenshot({ path: artifact('repair-counter-manager-pin.png') });

        await byTestId(page, 'manager-pin').fill(ADMIN_PIN);
        await byTestId(page, 'manager-pin').press('Enter');
        await byTestId(page, 'receipt').waitFor();
        await poll(() =>
          page
            .locator('[data-testid="receipt-payment"]')
            .evaluateAll((els) => els.map((e) => e.getAttribute('data-method'))),
        ).toEqual(['cash', 'customer_account']);
        await poll(() => page.locator('[data-testid="receipt-payment-amount"]').allTextContents()).toEqual([
          money(ANA_CASH),
          money(ANA_ON_ACCOUNT),
        ]);
        await expectText(
          byTestId(page, 'receipt-balance-after'),
          msg('receipt.balanceAfter', { balance: money(ANA_ON_ACCOUNT) }),
        );
        await expect(byTestId(page, 'receipt-account-credit').count()).resolves.toBe(0);
        expect((await api.ok('customers.get', { id: anaId })).balance).toBe(ANA_ON_ACCOUNT);
        await byTestId(page, 'receipt-new-sale').click();
        await expectAttribute(byTestId(page, 'repair-detail'), 'data-status', 'delivered');
      });

      await step(
        '3. señas over the price: the dialog says the excess is credited; the ticket and its reprint show it',
        async () => {
          await openDelivery(page, carlosOrder);
          await expectText(byTestId(page, 'repair-deliver-price'), money(CARLOS_PRICE));
          await expectText(byTestId(page, 'repair-deliver-deposits'), money(CARLOS_DEPOSIT));
          await expectText(byTestId(page, 'repair-deliver-amount-due'), money(0));
          await expectText(byTestId(page, 'repair-deliver-credit-due'), money(CARLOS_CREDIT));
          await expectText(
            byTestId(page, 'repair-deliver-credit-hint'),
            msg('repair.deliver.creditHint', { name: CARLOS }),
          );
          // Nothing is charged, so no payments editor; delivering waits for the credit to be accepted.
          await expect(byTestId(page, 'tendered-input').count()).resolves.toBe(0);
          expect(await byTestId(page, 'repair-deliver-confirm').isDisabled()).toBe(true);
          // A touch-sized checkbox, its words beside it and clickable (it used to be a bare 13 px box).
          const box = await byTestId(page, 'repair-deliver-credit').boundingBox();
          expect(box?.height).toBeGreaterThanOrEqual(20);
          await page.getByText(msg('repair.deliver.creditChoice')).click();
          await expect(byTestId(page, 'repair-deliver-credit').isChecked()).resolves.toBe(true);
          await page.screenshot({ path: artifact('repair-counter-credit.png') });
          await byTestId(page, 'repair-deliver-confirm').click();
          await byTestId(page, 'receipt').waitFor();
          await expectText(byTestId(page, 'receipt-total'), money(0));
          // The $0 ticket is the customer's paper for the credit: what went to the account and what they hold now.
          await expectText(
            byTestId(page, 'receipt-account-credit'),
            msg('receipt.accountCredit', { amount: money(CARLOS_CREDIT) }),
          );
          await expectText(
            byTestId(page, 'receipt-balance-after'),
            msg('receipt.balanceAfterInFavour', { balance: money(CARLOS_CREDIT) }),
          );
          await expectAttribute(byTestId(page, 'receipt-balance-after'), 'data-centavos', String(-CARLOS_CREDIT));
          expect((await api.ok('customers.get', { id: carlosId })).balance).toBe(-CARLOS_CREDIT);
          await page.screenshot({ path: artifact('repair-counter-credit-receipt.png'), fullPage: true });
          const saleId = await byTestId(page, 'receipt').getAttribute('data-sale-id');
          await byTestId(page, 'receipt-new-sale').click();
          await expectAttribute(byTestId(page, 'repair-detail'), 'data-status', 'delivered');

          // Reprinted from the POS's recent sales, the ticket says the same.
          await byTestId(page, 'nav-pos').click();
          await byTestId(page, 'scan-input').waitFor();
          await page.keyboard.press('F9');
          await byTestId(page, 'recent-sales').waitFor();
          await page
            .locator(`[data-testid="recent-sale"][data-sale-id="${saleId}"]`)
            .getByTestId('recent-sale-open')
            .click();
          await expectAttribute(byTestId(page, 'receipt'), 'data-sale-id', String(saleId));
          await expectText(
            byTestId(page, 'receipt-account-credit'),
            msg('receipt.accountCredit', { amount: money(CARLOS_CREDIT) }),
          );
          await expectText(
            byTestId(page, 'receipt-balance-after'),
            msg('receipt.balanceAfterInFavour', { balance: money(CARLOS_CREDIT) }),
          );
          await byTestId(page, 'receipt-new-sale').click();
          await byTestId(page, 'pos-screen').waitFor();
        },
      );

      await step(
        '4. Clientes for a cashier: balances on the list and the detail, no manager-only actions',
        async () => {
          await byTestId(page, 'nav-customers').click();
          await byTestId(page, 'customers-screen').waitFor();
          const balanceOf = (name: string) =>
            page.locator('[data-testid="customers-item"]', { hasText: name }).getByTestId('customers-item-balance');
          await expectText(balanceOf(ANA), money(ANA_ON_ACCOUNT));
          await expectText(balanceOf(CARLOS), money(-CARLOS_CREDIT));

          await page.locator('[data-testid="customers-item"]', { hasText: ANA }).click();
          await byTestId(page, 'customer-detail').waitFor();
          await expectText(byTestId(page, 'customer-balance'), money(ANA_ON_ACCOUNT));
          await expectText(
            byTestId(page, 'customer-credit'),
            msg('customers.limitAvailable', { limit: money(ANA_LIMIT), available: money(0) }),
          );
          await byTestId(page, 'customer-record-payment').waitFor();
          await byTestId(page, 'customer-statement').waitFor();
          // Adjusting the account and archiving the customer are a manager's; so is the credit limit.
          await expect(byTestId(page, 'customer-adjust').count()).resolves.toBe(0);
          await expect(byTestId(page, 'customer-archive').count()).resolves.toBe(0);
          await byTestId(page, 'customer-edit').click();
          await byTestId(page, 'customer-form').waitFor();
          await expect(byTestId(page, 'customer-form-creditLimit').count()).resolves.toBe(0);
          await page.screenshot({ path: artifact('repair-counter-cashier-customers.png'), fullPage: true });

          await page.locator('[data-testid="customers-item"]', { hasText: CARLOS }).click();
          await byTestId(page, 'customer-detail').waitFor();
          await expectText(byTestId(page, 'customer-balance'), money(-CARLOS_CREDIT));
        },
      );
    },
    STEP_TIMEOUT_MS * 3,
  );
});
