import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../shared/barcode';
import type { RequestOf } from '../../shared/contract/index';
import { HostApi } from '../support/e2e-api';
import { msg, screenChecks } from '../support/e2e-expect';
import { setUpStoreOnScreen } from '../support/e2e-first-run';
import { artifact, stepsOn } from '../support/e2e-step';
import { useE2eWorld } from '../support/e2e-world';

/**
 * Issue 4 at the counter, in real Chromium against browser mode: a customer found or created from the POS
 * (F3), a ticket paid part in cash and part on cuenta corriente, a manager's PIN when the account would go over
 * its limit, and a receipt that lists both payments with the customer's balance after the sale.
 */

const STEP_TIMEOUT_MS = 120_000;
const UI_TIMEOUT_MS = 15_000;

const STORE_NAME = 'TechStore Palermo';
const ADMIN = 'Lucía Fernández';
const PIN = '4826';

const BARCODE = withCheckDigit('779000300001');
const CASE = {
  sku: 'FUN-A15-SIL',
  name: 'Funda silicona Galaxy A15',
  brand: 'Genérico',
  category: 'Accesorios',
  price: 1_500_000,
  cost: 700_000,
  ivaRateBp: 2100,
  minStock: 1,
  serialTracked: false,
  barcodes: [BARCODE],
} satisfies RequestOf<'catalog.create'>;

const ARS = new Intl.NumberFormat('es-AR', { style: 'currency', currency: 'ARS' });
const money = (centavos: number): string => ARS.format(centavos / 100);

const { poll, expectText, expectAttribute } = screenChecks(UI_TIMEOUT_MS);
const byTestId = (page: Page, id: string) => page.getByTestId(id);

async function expectFocusedTestId(page: Page, expected: string): Promise<void> {
  await poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null)).toBe(expected);
}

async function scan(page: Page, code: string): Promise<void> {
  await expectFocusedTestId(page, 'scan-input');
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="cart-line"]').first().waitFor();
}

describe('a sale on cuenta corriente, end to end in Chromium', () => {
  const world = useE2eWorld({ name: 'on-account', timeoutMs: STEP_TIMEOUT_MS });

  it(
    'picks and creates a customer in the POS, pays part cash part on account, and prints both payments',
    async () => {
      const host = await world.startHost();
      const page = await world.newPage({ uiTimeoutMs: UI_TIMEOUT_MS });
      const step = stepsOn(page, 'on-account-failure.png');
      const api = new HostApi(host);

      await step('1. setup, a product and an existing customer', async () => {
        await setUpStoreOnScreen(page, { url: host.url, storeName: STORE_NAME, adminName: ADMIN, pin: PIN });
        await api.loginAs(ADMIN, PIN);
        await api.createStocked(CASE, 10);
        await api.ok('customers.create', {
          name: 'María Gómez',
          taxId: { kind: 'dni', number: '28.765.432' },
          phone: '11 4321-8765',
          creditLimit: 10_000_000,
        });
      });

      await step('2. F3 finds a customer by DNI; the picked one shows on the ticket', async () => {
        await scan(page, BARCODE);
        await page.keyboard.press('F3');
        await byTestId(page, 'customer-picker').waitFor();
        await expectFocusedTestId(page, 'customer-search');
        await page.keyboard.type('28765432', { delay: 10 });
        await expectText(page.locator('[data-testid="customer-result"] .customer-result-name'), 'María Gómez');
        await page.keyboard.press('Enter');
        await byTestId(page, 'customer-picker').waitFor({ state: 'detached' });
        await expectText(
          byTestId(page, 'pos-customer').locator('span'),
          msg('customer.onTicket', { name: 'María Gómez' }),
        );
      });

      await step('3. a new customer created from the picker replaces her, without leaving the POS', async () => {
        await page.keyboard.press('F3');
        await byTestId(page, 'customer-picker').waitFor();
        await page.keyboard.type('Juan Pérez', { delay: 10 });
        await poll(() => page.locator('[data-testid="customer-result"]').count()).toBe(0);
        await page.keyboard.press('F4');
        await byTestId(page, 'customer-create').waitFor();
        await expectAttribute(byTestId(page, 'customer-name'), 'value', 'Juan Pérez');
        await byTestId(page, 'customer-tax-number').fill('20-12345678-6');
        await byTestId(page, 'customer-tax-kind').selectOption('cuit');
        await byTestId(page, 'customer-phone').fill('11 5555-0000');
        await byTestId(page, 'customer-create-submit').click();
        await byTestId(page, 'customer-create').waitFor({ state: 'detached' });
        await expectText(
          byTestId(page, 'pos-customer').locator('span'),
          msg('customer.onTicket', { name: 'Juan Pérez' }),
        );
        const found = await api.ok('customers.search', { query: '12345678' });
        expect(found.items.map((c) => c.name)).toEqual(['Juan Pérez']);
      });

      await step('4. $5.000 cash, then the rest on account; a card needs its reference', async () => {
        await page.keyboard.press('F2');
        await byTestId(page, 'payment-dialog').waitFor();
        await expectText(byTestId(page, 'pay-total'), money(CASE.price));
        await expectFocusedTestId(page, 'tendered-input');
        await page.keyboard.type('5000', { delay: 10 });
        await expectText(byTestId(page, 'pay-remaining'), money(CASE.price));
        await page.keyboard.press('Enter');
        await expectText(byTestId(page, 'pay-remaining'), money(CASE.price - 500_000));
        await poll(() => page.locator('[data-testid="pay-row"]').count()).toBe(1);
        // A card with no reference is refused on the spot; F8 would remove the last payment.
        await page.keyboard.press('F2');
        await expectAttribute(byTestId(page, 'pay-method-debit_card'), 'aria-pressed', 'true');
        await page.keyboard.press('Enter');
        await expectText(byTestId(page, 'pay-error'), msg('pay.referenceRequired'));
        await expectFocusedTestId(page, 'pay-reference');
        // Cuenta corriente (F5) for what remains: an empty amount means the rest.
        await page.keyboard.press('F5');
        await expectAttribute(byTestId(page, 'pay-method-customer_account'), 'aria-pressed', 'true');
        await expectFocusedTestId(page, 'tendered-input');
        await page.screenshot({ path: artifact('on-account-payment.png') });
        await page.keyboard.press('Enter');
        await byTestId(page, 'receipt').waitFor();
      });

      await step('5. the receipt shows both payments, the customer and the balance after the sale', async () => {
        const rows = page.locator('[data-testid="receipt-payment"]');
        await poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-method')))).toEqual([
          'cash',
          'customer_account',
        ]);
        await poll(() => page.locator('[data-testid="receipt-payment-method"]').allTextContents()).toEqual([
          msg('payMethod.cash'),
          msg('payMethod.customer_account'),
        ]);
        await poll(() => page.locator('[data-testid="receipt-payment-amount"]').allTextContents()).toEqual([
          money(500_000),
          money(1_000_000),
        ]);
        await expectText(byTestId(page, 'receipt-change'), money(0));
        await expectText(byTestId(page, 'receipt-customer-name'), msg('receipt.customer', { name: 'Juan Pérez' }));
        await expectText(
          byTestId(page, 'receipt-balance-after'),
          msg('receipt.balanceAfter', { balance: money(1_000_000) }),
        );
        await page.screenshot({ path: artifact('on-account-receipt.png'), fullPage: true });
      });

      await step('6. over the limit the dialog asks for a manager PIN, then completes', async () => {
        // The manager gives Juan a $15.000 limit; he owes $10.000, so another $10.000 goes over.
        const juan = (await api.ok('customers.search', { query: 'juan perez' })).items[0];
        if (!juan) throw new Error('Juan Pérez not found');
        await api.ok('customers.update', { id: juan.id, changes: { creditLimit: 1_500_000 } });
        await page.keyboard.press('Enter'); // new sale
        await scan(page, BARCODE);
        await page.keyboard.press('F3');
        await page.keyboard.type('Juan', { delay: 10 });
        await page.locator('[data-testid="customer-result"]').first().waitFor();
        await page.keyboard.press('Enter');
        await byTestId(page, 'pos-customer').waitFor();
        await page.keyboard.press('F2');
        await byTestId(page, 'payment-dialog').waitFor();
        await page.keyboard.type('5000', { delay: 10 });
        await page.keyboard.press('Enter');
        await page.keyboard.press('F5');
        await page.keyboard.press('Enter');
        await byTestId(page, 'pay-manager').waitFor();
        await expectFocusedTestId(page, 'manager-pin');
        await page.keyboard.type('1111', { delay: 10 });
        await page.keyboard.press('Enter');
        await expectText(byTestId(page, 'pay-error'), msg('pay.managerWrong'));
        await byTestId(page, 'manager-pin').fill(PIN);
        await byTestId(page, 'manager-pin').press('Enter');
        await byTestId(page, 'receipt').waitFor();
        await expectText(
          byTestId(page, 'receipt-balance-after'),
          msg('receipt.balanceAfter', { balance: money(2_000_000) }),
        );
        expect((await api.ok('customers.get', { id: juan.id })).balance).toBe(2_000_000);
      });
    },
    STEP_TIMEOUT_MS * 3,
  );
});
