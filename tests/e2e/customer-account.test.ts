import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import { HostApi, USB_C_CABLE } from '../support/e2e-api';
import { msg, screenChecks } from '../support/e2e-expect';
import { setUpStoreOnScreen } from '../support/e2e-first-run';
import { artifact, stepsOn } from '../support/e2e-step';
import { useE2eWorld } from '../support/e2e-world';
import { pdfPageSizesMm } from '../support/pdf-page-size';

/**
 * Issue 4, the Clientes screen in real Chromium against browser mode: a customer who bought on cuenta corriente
 * is found by DNI, their balance and ledger read right (running balance after each line), a cash payment and a
 * manager's adjustment lower it, and the A4 statement prints the same closing balance.
 */

const STEP_TIMEOUT_MS = 120_000;
const UI_TIMEOUT_MS = 15_000;

const STORE_NAME = 'TechStore Palermo';
const ADMIN = 'Lucía Fernández';
const PIN = '4826';
const CUSTOMER = 'María Gómez';

const ARS = new Intl.NumberFormat('es-AR', { style: 'currency', currency: 'ARS' });
const money = (centavos: number): string => ARS.format(centavos / 100);

const { poll, expectText } = screenChecks(UI_TIMEOUT_MS);
const byTestId = (page: Page, id: string) => page.getByTestId(id);

async function expectFocusedTestId(page: Page, expected: string): Promise<void> {
  await poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null)).toBe(expected);
}

/** The ledger as a person reads it: each row's concept, debit, credit and balance texts. */
async function ledgerRows(page: Page, tableTestId: string): Promise<string[][]> {
  return page
    .getByTestId(tableTestId)
    .locator('[data-testid="ledger-row"]')
    .evaluateAll((rows) =>
      rows.map((row) =>
        ['ledger-concept', 'ledger-debit', 'ledger-credit', 'ledger-balance'].map(
          (id) => row.querySelector(`[data-testid="${id}"]`)?.textContent ?? '',
        ),
      ),
    );
}

describe('the customer account screen, end to end in Chromium', () => {
  const world = useE2eWorld({ name: 'customer-account', timeoutMs: STEP_TIMEOUT_MS });

  it(
    'finds a customer, reads the ledger, takes a payment and an adjustment, and prints the statement',
    async () => {
      const host = await world.startHost();
      const page = await world.newPage({ uiTimeoutMs: UI_TIMEOUT_MS, height: 1000 });
      const step = stepsOn(page, 'customer-account-failure.png');
      const api = new HostApi(host);
      let saleNumber = '';

      await step('1. a store, a customer with a $100.000 limit and a sale paid partly on account', async () => {
        await setUpStoreOnScreen(page, { url: host.url, storeName: STORE_NAME, adminName: ADMIN, pin: PIN });
        await api.loginAs(ADMIN, PIN);
        const cable = await api.createStocked(USB_C_CABLE, 10);
        const maria = await api.ok('customers.create', {
          name: CUSTOMER,
          taxId: { kind: 'dni', number: '28.765.432' },
          phone: '11 4321-8765',
          creditLimit: 10_000_000,
        });
        // Two cables, $25.000: $5.000 in cash and $20.000 on her account.
        const receipt = await api.ok('sales.complete', {
          saleId: newId(),
          lines: [{ productId: cable, quantity: 2 }],
          payments: [
            { method: 'cash', amount: 500_000 },
            { method: 'customer_account', amount: 2_000_000 },
          ],
          customerId: maria.id,
        });
        expect(receipt.total).toBe(2_500_000);
        saleNumber = receipt.number;
      });

      await step('2. Clientes: typing her DNI finds her with what she owes; Enter opens her account', async () => {
        await byTestId(page, 'nav-customers').click();
        await byTestId(page, 'customers-screen').waitFor();
        await expectFocusedTestId(page, 'customers-search');
        await page.keyboard.type('28765432', { delay: 10 });
        const item = page.locator('[data-testid="customers-item"]');
        await poll(() => item.count()).toBe(1);
        await expectText(item.getByTestId('customers-item-name'), CUSTOMER);
        await expectText(item.getByTestId('customers-item-balance'), money(2_000_000));
        await expectText(item.getByTestId('customers-item-contact'), '28.765.432 · 11 4321-8765');
        await page.keyboard.press('Enter');
        await byTestId(page, 'customer-detail').waitFor();
        await expectText(byTestId(page, 'customer-detail-name'), CUSTOMER);
        await expectText(
          byTestId(page, 'customer-balance-words'),
          msg('account.balance.owes', { amount: money(2_000_000) }),
        );
        await expectText(
          byTestId(page, 'customer-credit'),
          msg('customers.limitAvailable', { limit: money(10_000_000), available: money(8_000_000) }),
        );
        await poll(() => ledgerRows(page, 'customer-ledger')).toEqual([
          [msg('account.concept.sale', { number: saleNumber }), money(2_000_000), '', money(2_000_000)],
        ]);
        await expectText(
          page.locator('[data-testid="customer-ledger"] [data-testid="ledger-date"]').first(),
          /^\d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}$/,
        );
        await expectText(byTestId(page, 'customer-purchase-number'), saleNumber);
        await expectText(byTestId(page, 'customer-purchase-total'), money(2_500_000));
      });

      await step('3. a card payment needs its voucher; a $7.500 cash payment lowers the balance', async () => {
        await byTestId(page, 'customer-record-payment').click();
        await byTestId(page, 'account-payment-dialog').waitFor();
        await expectFocusedTestId(page, 'account-pay-amount');
        await byTestId(page, 'account-pay-method-debit_card').click();
        await page.keyboard.type('7500', { delay: 10 });
        await page.keyboard.press('Enter');
        await expectText(byTestId(page, 'account-pay-error'), msg('pay.referenceRequired'));
        await byTestId(page, 'account-pay-method-cash').click();
        await expectFocusedTestId(page, 'account-pay-amount');
        await page.screenshot({ path: artifact('customer-account-payment.png') });
        await page.keyboard.press('Enter');
        await byTestId(page, 'account-payment-dialog').waitFor({ state: 'detached' });
        await expectText(
          byTestId(page, 'customer-balance-words'),
          msg('account.balance.owes', { amount: money(1_250_000) }),
        );
        await poll(() => ledgerRows(page, 'customer-ledger')).toEqual([
          [msg('account.concept.payment.cash'), '', money(750_000), money(1_250_000)],
          [msg('account.concept.sale', { number: saleNumber }), money(2_000_000), '', money(2_000_000)],
        ]);
        await expectText(
          byTestId(page, 'customer-credit'),
          msg('customers.limitAvailable', { limit: money(10_000_000), available: money(8_750_000) }),
        );
      });

      await step('4. the manager takes $500 off with a reason', async () => {
        await byTestId(page, 'customer-adjust').click();
        await byTestId(page, 'account-adjust-dialog').waitFor();
        await expectFocusedTestId(page, 'account-adjust-amount');
        await page.keyboard.type('500', { delay: 10 });
        await page.keyboard.press('Enter');
        await expectText(byTestId(page, 'account-adjust-error'), msg('accountAdjust.noteRequired'));
        await byTestId(page, 'account-adjust-note').fill('Redondeo a favor');
        await byTestId(page, 'account-adjust-note').press('Enter');
        await byTestId(page, 'account-adjust-dialog').waitFor({ state: 'detached' });
        await expectText(
          byTestId(page, 'customer-balance-words'),
          msg('account.balance.owes', { amount: money(1_200_000) }),
        );
        const rows = await ledgerRows(page, 'customer-ledger');
        expect(rows[0]).toEqual([
          msg('account.concept.adjustment', { note: 'Redondeo a favor' }),
          '',
          money(50_000),
          money(1_200_000),
        ]);
        await page.screenshot({ path: artifact('customer-account-detail.png'), fullPage: true });
      });

      await step('5. Esc goes back to the list, which shows the new balance; / searches again', async () => {
        await page.locator('body').click({ position: { x: 5, y: 300 } });
        await page.keyboard.press('Escape');
        await byTestId(page, 'customer-detail').waitFor({ state: 'detached' });
        await expectFocusedTestId(page, 'customers-search');
        await expectText(page.getByTestId('customers-item-balance').first(), money(1_200_000));
        await page.locator('body').click({ position: { x: 5, y: 300 } });
        await page.keyboard.press('/');
        await expectFocusedTestId(page, 'customers-search');
        await page.keyboard.press('Enter');
        await byTestId(page, 'customer-detail').waitFor();
      });

      await step(
        '6. the statement: store, customer, DNI, opening $0, three lines, closing $12.000, on A4',
        async () => {
          await byTestId(page, 'customer-statement').click();
          await byTestId(page, 'statement').waitFor();
          await expectText(byTestId(page, 'statement-store'), STORE_NAME);
          await expectText(byTestId(page, 'statement-customer'), CUSTOMER);
          await expectText(byTestId(page, 'statement-tax-id'), '28.765.432');
          await expectText(byTestId(page, 'statement-opening'), money(0));
          await expectText(byTestId(page, 'statement-closing'), money(1_200_000));
          await expectText(
            byTestId(page, 'statement-closing-words'),
            msg('account.balance.owes', { amount: money(1_200_000) }),
          );
          // Oldest first, as a statement is read.
          await poll(() => ledgerRows(page, 'statement-ledger')).toEqual([
            [msg('account.concept.sale', { number: saleNumber }), money(2_000_000), '', money(2_000_000)],
            [msg('account.concept.payment.cash'), '', money(750_000), money(1_250_000)],
            [msg('account.concept.adjustment', { note: 'Redondeo a favor' }), '', money(50_000), money(1_200_000)],
          ]);
          // The print button prints the page (the browser's dialog itself is not something a test can press).
          await page.evaluate(() => {
            const w = window as Window & { printCalls?: number };
            w.printCalls = 0;
            w.print = () => {
              w.printCalls = (w.printCalls ?? 0) + 1;
            };
          });
          await byTestId(page, 'statement-print').click();
          await poll(() => page.evaluate(() => (window as Window & { printCalls?: number }).printCalls)).toBe(1);

          const pdf = await page.pdf({
            path: artifact('customer-statement.pdf'),
            preferCSSPageSize: true,
            printBackground: true,
          });
          // Every page A4 (210 mm, 595.28 pt wide): the statement's named page, not the ticket's 80 mm one.
          const pages = pdfPageSizesMm(pdf);
          expect(pages.length).toBeGreaterThan(0);
          expect(pages).toEqual(pages.map(() => ({ widthMm: 210, heightMm: 297 })));
          await page.emulateMedia({ media: 'print' });
          await expect.poll(() => byTestId(page, 'statement-closing').isVisible()).toBe(true);
          expect(await byTestId(page, 'top-bar').isVisible()).toBe(false);
          expect(await byTestId(page, 'statement-print').isVisible()).toBe(false);
          await page.screenshot({ path: artifact('customer-statement-print.png'), fullPage: true });
          await page.emulateMedia({ media: 'screen' });
          await page.keyboard.press('Escape');
          await byTestId(page, 'customer-detail').waitFor();
        },
      );

      await step('7. the core agrees with what the screen read', async () => {
        const found = (await api.ok('customers.search', { query: '28765432' })).items[0];
        expect(found?.balance).toBe(1_200_000);
      });

      await step(
        '8. a new customer: a wrong CUIT check digit is said on the field before anything is sent',
        async () => {
          await page.keyboard.press('Escape');
          await byTestId(page, 'customer-detail').waitFor({ state: 'detached' });
          await byTestId(page, 'customers-new').click();
          await byTestId(page, 'customer-form').waitFor();
          await byTestId(page, 'customer-form-name').fill('Juan Pérez');
          await byTestId(page, 'customer-form-taxKind').selectOption('cuit');
          await byTestId(page, 'customer-form-taxNumber').fill('20-12345678-5');
          await expectText(byTestId(page, 'customer-form-taxNumber-error'), msg('customerForm.taxId.cuit.check_digit'));
          await byTestId(page, 'customer-form-taxNumber').fill('20-12345678-6');
          await byTestId(page, 'customer-form-taxNumber-error').waitFor({ state: 'detached' });
          await byTestId(page, 'customer-form-creditLimit').fill('50.000');
          await byTestId(page, 'customer-form-creditLimit').press('Enter');
          await byTestId(page, 'customer-detail').waitFor();
          await expectText(byTestId(page, 'customer-detail-name'), 'Juan Pérez');
          await expectText(byTestId(page, 'customer-balance-words'), msg('account.balance.settled'));
          await expectText(
            byTestId(page, 'customer-credit'),
            msg('customers.limitAvailable', { limit: money(5_000_000), available: money(5_000_000) }),
          );
          await byTestId(page, 'customer-ledger-empty').waitFor();
        },
      );

      await step(
        '9. a long history: 50 movements show, and "Ver más movimientos" from the keyboard appends the older ones',
        async () => {
          const juanId = await byTestId(page, 'customer-detail').getAttribute('data-customer-id');
          if (!juanId) throw new Error('no customer id on the detail');
          for (let i = 1; i <= 55; i++)
            await api.ok('accounts.adjust', {
              entryId: newId(),
              customerId: juanId,
              amount: 10_000,
              note: `Saldo histórico ${i}`,
            });
          await page.locator('body').click({ position: { x: 5, y: 300 } });
          await page.keyboard.press('Escape');
          await byTestId(page, 'customer-detail').waitFor({ state: 'detached' });
          await expectFocusedTestId(page, 'customers-search');
          await byTestId(page, 'customers-search').fill('Juan');
          await poll(() => page.getByTestId('customers-item-name').allTextContents()).toEqual(['Juan Pérez']);
          await page.keyboard.press('Enter');
          await expectText(byTestId(page, 'customer-detail-name'), 'Juan Pérez');
          await poll(async () => (await ledgerRows(page, 'customer-ledger')).length).toBe(50);
          await expectText(
            byTestId(page, 'customer-ledger-shown'),
            msg('customers.ledgerShown', { shown: 50, total: 55 }),
          );
          await byTestId(page, 'customer-ledger-more').focus();
          await page.keyboard.press('Enter');
          await poll(async () => (await ledgerRows(page, 'customer-ledger')).length).toBe(55);
          await byTestId(page, 'customer-ledger-more').waitFor({ state: 'detached' });
          const rows = await ledgerRows(page, 'customer-ledger');
          expect(rows[0]?.[3]).toBe(money(550_000));
          expect(rows[50]).toEqual([
            msg('account.concept.adjustment', { note: 'Saldo histórico 5' }),
            money(10_000),
            '',
            money(50_000),
          ]);
          expect(rows[54]?.[3]).toBe(money(10_000));
          // Focus moved to the first line appended, where the reader continues.
          const fifthOldest = await page
            .locator('[data-testid="customer-ledger"] [data-testid="ledger-row"]')
            .nth(50)
            .getAttribute('data-entry-id');
          await poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-entry-id') ?? null)).toBe(
            fifthOldest,
          );
        },
      );
    },
    STEP_TIMEOUT_MS * 3,
  );
});
