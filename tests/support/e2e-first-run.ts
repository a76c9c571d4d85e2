import type { Page } from 'playwright-core';

export interface FirstRun {
  url: string;
  storeName: string;
  terminalCode?: string;
  adminName: string;
  pin: string;
}

/**
 * The first-run screen filled in as a new store's admin does it ("Tienda nueva"), ending on the till. Tests that
 * check the setup screen itself (first-sale.test.ts) walk it on their own.
 */
export async function setUpStoreOnScreen(page: Page, run: FirstRun): Promise<void> {
  await page.goto(run.url);
  await page.getByTestId('setup-form').waitFor();
  await page.getByTestId('setup-store-name').fill(run.storeName);
  await page.getByTestId('setup-terminal-code').fill(run.terminalCode ?? 'T01');
  await page.getByTestId('setup-admin-name').fill(run.adminName);
  await page.getByTestId('setup-pin').fill(run.pin);
  await page.getByTestId('setup-pin-repeat').fill(run.pin);
  await page.getByTestId('setup-submit').click();
  await page.getByTestId('pos-screen').waitFor();
}
