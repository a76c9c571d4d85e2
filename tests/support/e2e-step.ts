import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './host-process';

/** Where the e2e tests leave their screenshots: test-artifacts/e2e, next to each other. */
export const E2E_ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts', 'e2e');

/** A file in the e2e artifacts folder. */
export const artifact = (file: string): string => path.join(E2E_ARTIFACTS, file);

export type Step = (name: string, body: () => Promise<void>) => Promise<void>;

/**
 * The steps of one journey on one page. Each names itself in the error, so a failure in a long journey says
 * where it happened, and keeps a full-page screenshot of the moment as `failureScreenshot` next to the others;
 * a screenshot that cannot be taken (page already gone) must not hide the failure itself.
 */
export function stepsOn(page: Page, failureScreenshot: string): Step {
  return async (name, body) => {
    try {
      await body();
    } catch (error) {
      await page.screenshot({ path: artifact(failureScreenshot), fullPage: true }).catch(() => undefined);
      if (error instanceof Error)
        error.message = `[${name}] ${error.message} (screenshot: test-artifacts/e2e/${failureScreenshot})`;
      throw error;
    }
  };
}
