import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../shared/barcode';
import type { RequestOf } from '../../shared/contract/index';
import { HostApi } from '../support/e2e-api';
import { msg, screenChecks } from '../support/e2e-expect';
import { setUpStoreOnScreen } from '../support/e2e-first-run';
import { artifact, stepsOn } from '../support/e2e-step';
import { useE2eWorld } from '../support/e2e-world';
import { pdfPageSizesMm } from '../support/pdf-page-size';

/**
 * Issue 4 at the bench, in real Chromium against browser mode: a phone taken in for a customer created in the
 * picker, its seña paid by debit card (the seña's receipt names the card and the voucher), the ticket and the QR
 * label printed (PDFs of the print view), the order found by its typed number, by its QR text on the Taller and
 * from the POS scan field, and moved across the bench to "Listo para retirar" with a part scanned out of stock,
 * then delivered through the "Entregar" dialog: the balance (estimate minus the seña) paid half in cash and half
 * on the customer's cuenta corriente, with the delivery receipt printed.
 */

const STEP_TIMEOUT_MS = 120_000;
const UI_TIMEOUT_MS = 15_000;

const STORE_NAME = 'TechStore Palermo';
const ADMIN = 'Lucía Fernández';
const PIN = '4826';
const NUMBER = 'R-T01-000001';
const DEPOSIT_VOUCHER = '004512';
/** Typed wrong at intake and corrected from the detail (step 5b). */
const SERIAL = 'R58W10ABCDE';
const CORRECTION = `Datos del equipo corregidos: N.º de serie: vacío → ${SERIAL} · Accesorios: Cargador, Funda → Cargador, Funda, Caja`;

const SCREEN_BARCODE = withCheckDigit('779000400001');
const SCREEN = {
  sku: 'REP-PANT-A15',
  name: 'Módulo pantalla Galaxy A15',
  brand: 'Samsung',
  category: 'Repuestos',
  price: 3_000_000,
  cost: 1_800_000,
  ivaRateBp: 2100,
  minStock: 1,
  serialTracked: false,
  barcodes: [SCREEN_BARCODE],
} satisfies RequestOf<'catalog.create'>;

const ARS = new Intl.NumberFormat('es-AR', { style: 'currency', currency: 'ARS' });
const money = (centavos: number): string => ARS.format(centavos / 100);

const { poll, expectText, expectAttribute } = screenChecks(UI_TIMEOUT_MS);
const byTestId = (page: Page, id: string) => page.getByTestId(id);

async function expectFocusedTestId(page: Page, expected: string): Promise<void> {
  await poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null)).toBe(expected);
}

const timelineTexts = (page: Page) => page.locator('[data-testid="repair-timeline-text"]').allTextContents();

async function expectStatus(page: Page, status: string, label: string): Promise<void> {
  await expectAttribute(byTestId(page, 'repair-detail'), 'data-status', status);
  await expectText(byTestId(page, 'repair-status'), label);
}

describe('a repair from intake to delivery, end to end in Chromium', () => {
  const world = useE2eWorld({ name: 'repair', timeoutMs: STEP_TIMEOUT_MS });

  it(
    'takes a phone in, prints ticket and QR label, finds it by number and QR, moves it across the bench, delivers it',
    async () => {
      const host = await world.startHost();
      const page = await world.newPage({ uiTimeoutMs: UI_TIMEOUT_MS, height: 900 });
      const step = stepsOn(page, 'repair-failure.png');
      const api = new HostApi(host);
      let productId = '';

      await step('1. setup and a spare part in stock', async () => {
        await setUpStoreOnScreen(page, { url: host.url, storeName: STORE_NAME, adminName: ADMIN, pin: PIN });
        await api.loginAs(ADMIN, PIN);
        productId = await api.createStocked(SCREEN, 5);
      });

      await step('2. intake: a new customer from the picker, the IMEI checked as typed', async () => {
        await byTestId(page, 'nav-repairs').click();
        await byTestId(page, 'repairs-screen').waitFor();
        await byTestId(page, 'repairs-tab-intake').click();
        await byTestId(page, 'repair-intake').waitFor();
        await byTestId(page, 'repair-intake-pick-customer').click();
        await byTestId(page, 'customer-picker').waitFor();
        await page.keyboard.type('Juan Pérez', { delay: 10 });
        await page.keyboard.press('F4');
        await byTestId(page, 'customer-create').waitFor();
        await byTestId(page, 'customer-tax-number').fill('20-12345678-6');
        await byTestId(page, 'customer-tax-kind').selectOption('cuit');
        await byTestId(page, 'customer-phone').fill('11 5555-0000');
        await byTestId(page, 'customer-create-submit').click();
        await byTestId(page, 'customer-create').waitFor({ state: 'detached' });
        await expectText(byTestId(page, 'repair-intake-customer'), 'Juan Pérez');

        await byTestId(page, 'repair-device-type').fill('Celular');
        await byTestId(page, 'repair-brand').fill('Samsung');
        await byTestId(page, 'repair-model').fill('Galaxy A15');
        // One digit wrong: the field says so before anything is sent.
        await byTestId(page, 'repair-imei').pressSequentially('352099001761482', { delay: 5 });
        await expectText(byTestId(page, 'repair-imei-status'), msg('repair.imei.checkDigit'));
        await byTestId(page, 'repair-imei').fill('');
        await byTestId(page, 'repair-imei').pressSequentially('35 209900 176148 1', { delay: 5 });
        await expectText(byTestId(page, 'repair-imei-status'), msg('repair.imei.ok'));
        await byTestId(page, 'repair-accessory-charger').check();
        await byTestId(page, 'repair-accessory-case').check();
        await byTestId(page, 'repair-condition-input').fill('Rayón en la tapa trasera');
        await byTestId(page, 'repair-fault-input').fill('Pantalla rota, no da imagen');
        await byTestId(page, 'repair-unlock-input').fill('1397');
        await byTestId(page, 'repair-promised-date').fill('2030-01-15');
        await byTestId(page, 'repair-intake-technician').selectOption({ label: ADMIN });
        // The seña by debit card, by keyboard: Tab past cash to the card, Space picks it, the voucher is next.
        await byTestId(page, 'repair-deposit').fill('5000');
        await expectAttribute(byTestId(page, 'repair-deposit-method-cash'), 'aria-pressed', 'true');
        await expect(byTestId(page, 'repair-deposit-reference').count()).resolves.toBe(0);
        await byTestId(page, 'repair-deposit').press('Tab');
        await page.keyboard.press('Tab');
        await page.keyboard.press('Space');
        await expectAttribute(byTestId(page, 'repair-deposit-method-debit_card'), 'aria-pressed', 'true');
        await expectFocusedTestId(page, 'repair-deposit-reference');
        // Without the voucher number the form says so on the field, and nothing is sent.
        await byTestId(page, 'repair-intake-submit').click();
        await expectText(byTestId(page, 'repair-deposit-reference-error'), msg('pay.referenceRequired'));
        await expect(api.ok('repairs.list', {}).then((r) => r.items.length)).resolves.toBe(0);
        await byTestId(page, 'repair-deposit-reference').fill(DEPOSIT_VOUCHER);
        await poll(() => byTestId(page, 'repair-deposit-reference-error').count()).toBe(0);
        await page.screenshot({ path: artifact('repair-intake.png'), fullPage: true });
        await byTestId(page, 'repair-intake-submit').click();
        await byTestId(page, 'repair-print-view').waitFor();
        await expectText(byTestId(page, 'repair-print-saved'), msg('repair.print.saved', { number: NUMBER }));
      });

      await step('3. the customer ticket and the QR label print (PDFs of the print view)', async () => {
        await expectText(byTestId(page, 'repair-ticket-number'), NUMBER);
        await expectText(byTestId(page, 'repair-ticket-store'), STORE_NAME);
        await expectText(byTestId(page, 'repair-ticket-device'), 'Celular Samsung Galaxy A15');
        await expectText(byTestId(page, 'repair-ticket-fault'), 'Pantalla rota, no da imagen');
        await expectText(byTestId(page, 'repair-ticket-estimate'), msg('repair.estimate.toDiagnose'));
        await expectText(byTestId(page, 'repair-ticket-deposit'), money(500_000));
        await page.screenshot({ path: artifact('repair-ticket.png'), fullPage: true });
        const ticketPdf = await page.pdf({
          path: artifact('repair-ticket.pdf'),
          preferCSSPageSize: true,
          printBackground: true,
        });
        // The thermal roll's page (print.css): 80 mm wide (226.77 pt), not Letter.
        expect(pdfPageSizesMm(ticketPdf)).toEqual([{ widthMm: 80, heightMm: 297 }]);

        await byTestId(page, 'repair-print-show-label').click();
        await expectAttribute(byTestId(page, 'repair-label'), 'data-qr-ready', 'true');
        await expectText(byTestId(page, 'repair-label-number'), NUMBER);
        const qr = await byTestId(page, 'repair-label-qr').getAttribute('src');
        expect(qr).toMatch(/^data:image\/svg\+xml/);
        await page.screenshot({ path: artifact('repair-label.png') });
        const labelPdf = await page.pdf({
          path: artifact('repair-label.pdf'),
          preferCSSPageSize: true,
          printBackground: true,
        });
        // The sticker's named page (app.css): one 62 × 29 mm page (175.75 pt wide).
        expect(pdfPageSizesMm(labelPdf)).toEqual([{ widthMm: 62, heightMm: 29 }]);
      });

      await step('3b. the seña is a sale paid by debit card: its receipt names the card and the voucher', async () => {
        await byTestId(page, 'nav-pos').click();
        await byTestId(page, 'scan-input').waitFor();
        await page.keyboard.press('F9');
        await byTestId(page, 'recent-sales').waitFor();
        await poll(() => page.locator('[data-testid="recent-sale"]').count()).toBe(1);
        await byTestId(page, 'recent-sale-open').click();
        await byTestId(page, 'receipt').waitFor();
        await expectText(
          byTestId(page, 'receipt-repair'),
          msg('receipt.repair.deposit', { number: NUMBER, device: 'Samsung Galaxy A15' }),
        );
        await expectAttribute(byTestId(page, 'receipt-payment'), 'data-method', 'debit_card');
        await expectText(byTestId(page, 'receipt-payment-method'), msg('receiptPay.debit_card'));
        await expectText(byTestId(page, 'receipt-payment-amount'), money(500_000));
        await expectText(
          byTestId(page, 'receipt-payment-reference'),
          msg('receipt.reference', { reference: DEPOSIT_VOUCHER }),
        );
        await expectText(byTestId(page, 'receipt-total'), money(500_000));
        await page.screenshot({ path: artifact('repair-deposit-receipt.png'), fullPage: true });
        await byTestId(page, 'receipt-new-sale').click();
        await byTestId(page, 'nav-repairs').click();
        await byTestId(page, 'repairs-screen').waitFor();
      });

      await step('4. found by its typed number, and by the QR text read by the scanner', async () => {
        await byTestId(page, 'repairs-tab-board').click();
        const received = page.locator('[data-testid="repair-column"][data-status="received"]');
        await expectText(received.getByTestId('repair-column-count'), '1');
        await expectText(received.getByTestId('repair-card-customer'), 'Juan Pérez');
        await expectText(received.getByTestId('repair-card-technician'), ADMIN);
        await page.screenshot({ path: artifact('repair-board.png'), fullPage: true });

        await byTestId(page, 'repair-find').fill('r t01 1');
        await byTestId(page, 'repair-find').press('Enter');
        await expectText(byTestId(page, 'repair-number'), NUMBER);
        await expectStatus(page, 'received', 'Recibido');

        // The scanner types the QR's text in a burst ending in Enter while focus is on a button.
        await byTestId(page, 'repair-back').click();
        await byTestId(page, 'repair-board').waitFor();
        await byTestId(page, 'repairs-tab-board').focus();
        await page.keyboard.type(NUMBER, { delay: 2 });
        await page.keyboard.press('Enter');
        await expectText(byTestId(page, 'repair-number'), NUMBER);

        // From the POS: the label's QR in the sale's scan field opens the order in the Taller.
        await byTestId(page, 'nav-pos').click();
        await byTestId(page, 'scan-input').waitFor();
        await byTestId(page, 'scan-input').fill(NUMBER);
        await byTestId(page, 'scan-input').press('Enter');
        await byTestId(page, 'repairs-screen').waitFor();
        await expectText(byTestId(page, 'repair-number'), NUMBER);
        await expect(page.locator('[data-testid="cart-line"]').count()).resolves.toBe(0);
      });

      await step('5. the detail: facts, the unlock code behind "Mostrar", only the allowed moves', async () => {
        await expectText(byTestId(page, 'repair-device'), 'Celular Samsung Galaxy A15');
        await expectText(byTestId(page, 'repair-imei'), '352099001761481');
        await expectText(byTestId(page, 'repair-accessories'), 'Cargador, Funda');
        await expect(byTestId(page, 'repair-unlock-secret').count()).resolves.toBe(0);
        await byTestId(page, 'repair-unlock-show').click();
        await expectText(byTestId(page, 'repair-unlock-secret'), '1397');
        await poll(() =>
          page
            .locator('[data-testid="repair-transitions"] button')
            .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid'))),
        ).toEqual(['repair-to-diagnosing', 'repair-to-cancelled']);
      });

      await step('5b. the device data corrected from the detail: IMEI checked as at intake, Enter saves', async () => {
        await byTestId(page, 'repair-correct-open').click();
        await expectFocusedTestId(page, 'repair-correct-model');
        // The unlock code is masked here too until "Mostrar".
        await expectAttribute(byTestId(page, 'repair-correct-unlock'), 'type', 'password');
        await byTestId(page, 'repair-correct-unlock-show').click();
        await expectAttribute(byTestId(page, 'repair-correct-unlock'), 'type', 'text');
        await poll(() => byTestId(page, 'repair-correct-unlock').inputValue()).toBe('1397');
        await byTestId(page, 'repair-correct-imei').fill('352099001761482');
        await expectText(byTestId(page, 'repair-correct-imei-status'), msg('repair.imei.checkDigit'));
        await byTestId(page, 'repair-correct-imei').fill('352099001761481');
        await byTestId(page, 'repair-correct-accessory-box').check();
        await byTestId(page, 'repair-correct-serial').fill(SERIAL);
        await page.screenshot({ path: artifact('repair-correct.png') });
        await byTestId(page, 'repair-correct-serial').press('Enter');
        await poll(() => byTestId(page, 'repair-correct').count()).toBe(0);
        await expectText(byTestId(page, 'repair-serial'), SERIAL);
        await expectText(byTestId(page, 'repair-accessories'), 'Cargador, Funda, Caja');
        await poll(async () => (await timelineTexts(page)).at(-1)).toBe(CORRECTION);
      });

      await step('6. diagnosing, an estimate, awaiting approval, approved by WhatsApp', async () => {
        await byTestId(page, 'repair-to-diagnosing').click();
        await expectStatus(page, 'diagnosing', 'Diagnosticando');
        await byTestId(page, 'repair-diagnosis-input').fill('Módulo de pantalla roto; el resto funciona');
        await byTestId(page, 'repair-estimate-input').fill('45.000');
        await byTestId(page, 'repair-diagnose-submit').click();
        await expectText(byTestId(page, 'repair-estimate'), money(4_500_000));
        await byTestId(page, 'repair-to-awaiting_approval').click();
        await expectStatus(page, 'awaiting_approval', 'Esperando aprobación');
        await byTestId(page, 'repair-via-whatsapp').click();
        await byTestId(page, 'repair-approve').click();
        await expectStatus(page, 'approved', 'Aprobado');
      });

      await step('7. in repair: the screen part scanned out of stock, labor, repaired, ready for pickup', async () => {
        await byTestId(page, 'repair-to-in_repair').click();
        await expectStatus(page, 'in_repair', 'En reparación');
        await byTestId(page, 'repair-part-code').fill(SCREEN_BARCODE);
        await byTestId(page, 'repair-part-code').press('Enter');
        await poll(() => page.locator('[data-testid="repair-part-row"]').count()).toBe(1);
        await expectText(byTestId(page, 'repair-total-parts'), money(3_000_000));
        expect((await api.ok('catalog.get', { id: productId })).stockOnHand).toBe(4);

        await byTestId(page, 'repair-labor-description').fill('Cambio de módulo');
        await byTestId(page, 'repair-labor-amount').fill('15000');
        await byTestId(page, 'repair-labor-submit').click();
        await expectText(byTestId(page, 'repair-total-labor'), money(1_500_000));
        await expectText(byTestId(page, 'repair-total-work'), money(4_500_000));
        await expectText(byTestId(page, 'repair-deposits'), money(500_000));
        await expectText(byTestId(page, 'repair-balance'), money(4_000_000));

        await byTestId(page, 'repair-to-repaired').click();
        await expectStatus(page, 'repaired', 'Reparado');
        await byTestId(page, 'repair-to-ready_for_pickup').click();
        await expectStatus(page, 'ready_for_pickup', 'Listo para retirar');
        await page.screenshot({ path: artifact('repair-detail.png'), fullPage: true });
      });

      await step('8. the timeline reads every step in words, and the board shows it ready for pickup', async () => {
        const texts = await timelineTexts(page);
        expect(texts).toEqual([
          msg('repair.timeline.intake', { number: NUMBER }),
          msg('repair.timeline.deposit', { amount: money(500_000) }),
          msg('repair.timeline.assigned', { name: ADMIN }),
          CORRECTION,
          msg('repair.timeline.status', { from: 'Recibido', to: 'Diagnosticando' }),
          msg('repair.timeline.diagnosis', { text: 'Módulo de pantalla roto; el resto funciona' }),
          msg('repair.timeline.estimate', { amount: money(4_500_000) }),
          msg('repair.timeline.status', { from: 'Diagnosticando', to: 'Esperando aprobación' }),
          msg('repair.timeline.approval', { by: 'Juan Pérez', via: 'WhatsApp' }),
          msg('repair.timeline.status', { from: 'Aprobado', to: 'En reparación' }),
          msg('repair.timeline.part', { quantity: 1, name: SCREEN.name, total: money(3_000_000) }),
          msg('repair.timeline.labor', { description: 'Cambio de módulo', amount: money(1_500_000) }),
          msg('repair.timeline.status', { from: 'En reparación', to: 'Reparado' }),
          msg('repair.timeline.status', { from: 'Reparado', to: 'Listo para retirar' }),
        ]);
        // Every line says who and when, on the 24-hour clock.
        const whens = await page.locator('.repair-timeline-when').allTextContents();
        for (const when of whens) expect(when).toMatch(/^\d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}$/);
        await expect(page.locator('.repair-timeline-who').allTextContents()).resolves.toEqual(whens.map(() => ADMIN));

        await byTestId(page, 'repair-back').click();
        const ready = page.locator('[data-testid="repair-column"][data-status="ready_for_pickup"]');
        await expectText(ready.getByTestId('repair-column-count'), '1');
        await expectAttribute(ready.getByTestId('repair-card'), 'data-number', NUMBER);
        await expectText(
          page.locator('[data-testid="repair-column"][data-status="received"]').getByTestId('repair-column-count'),
          '0',
        );
      });

      await step('9. delivered: half in cash, half on account, the delivery receipt printed', async () => {
        const juan = (await api.ok('customers.search', { query: 'juan perez' })).items[0];
        if (!juan) throw new Error('Juan Pérez not found');
        const balanceBefore = (await api.ok('customers.get', { id: juan.id })).balance;
        const price = 4_500_000;
        const due = price - 500_000;
        const half = due / 2;

        await byTestId(page, 'repair-find').fill(NUMBER);
        await byTestId(page, 'repair-find').press('Enter');
        await expectStatus(page, 'ready_for_pickup', 'Listo para retirar');
        await byTestId(page, 'repair-deliver').click();
        await byTestId(page, 'repair-deliver-dialog').waitFor();
        await expectText(byTestId(page, 'repair-deliver-price'), money(price));
        await expectText(byTestId(page, 'repair-deliver-deposits'), money(500_000));
        await expectText(byTestId(page, 'repair-deliver-amount-due'), money(due));
        await expectText(byTestId(page, 'pay-total'), money(due));
        await expectText(byTestId(page, 'pay-customer'), /Juan Pérez/);

        await byTestId(page, 'tendered-input').fill('20000');
        await byTestId(page, 'tendered-input').press('Enter');
        await expectText(byTestId(page, 'pay-remaining'), money(due - half));
        await byTestId(page, 'pay-method-customer_account').click();
        await expectAttribute(byTestId(page, 'pay-method-customer_account'), 'aria-pressed', 'true');
        await page.screenshot({ path: artifact('repair-delivery-payment.png') });
        await byTestId(page, 'tendered-input').press('Enter');

        await byTestId(page, 'receipt').waitFor();
        await expectText(
          byTestId(page, 'receipt-repair'),
          msg('receipt.repair.delivery', { number: NUMBER, device: 'Samsung Galaxy A15' }),
        );
        const rows = page.locator('[data-testid="receipt-payment"]');
        await poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-method')))).toEqual([
          'cash',
          'customer_account',
        ]);
        await poll(() => page.locator('[data-testid="receipt-payment-amount"]').allTextContents()).toEqual([
          money(half),
          money(half),
        ]);
        await expectText(byTestId(page, 'receipt-total'), money(due));
        await expectText(byTestId(page, 'receipt-customer-name'), msg('receipt.customer', { name: 'Juan Pérez' }));
        await page.screenshot({ path: artifact('repair-delivery-receipt.png'), fullPage: true });
        const receiptPdf = await page.pdf({
          path: artifact('repair-delivery-receipt.pdf'),
          preferCSSPageSize: true,
          printBackground: true,
        });
        expect(pdfPageSizesMm(receiptPdf)).toEqual([{ widthMm: 80, heightMm: 297 }]);

        expect((await api.ok('customers.get', { id: juan.id })).balance).toBe(balanceBefore + half);
        await expectText(
          byTestId(page, 'receipt-balance-after'),
          msg('receipt.balanceAfter', { balance: money(balanceBefore + half) }),
        );

        await byTestId(page, 'receipt-new-sale').click();
        await expectStatus(page, 'delivered', 'Entregado');
        await expect(byTestId(page, 'repair-deliver').count()).resolves.toBe(0);
        const texts = await timelineTexts(page);
        expect(texts.at(-1)).toBe(msg('repair.timeline.status', { from: 'Listo para retirar', to: 'Entregado' }));
        await page.screenshot({ path: artifact('repair-delivered.png'), fullPage: true });
      });
    },
    STEP_TIMEOUT_MS * 3,
  );
});
