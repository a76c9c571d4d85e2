import type { Locator } from 'playwright-core';
import { expect } from 'vitest';
import { esAR, type MessageKey } from '../../renderer/i18n/es-AR';

/** An es-AR catalog text with its `{params}` filled in: what the screen must show, from the same source. */
export function msg(key: MessageKey, params: Readonly<Record<string, string | number>> = {}): string {
  return esAR[key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** One read of an element gives up quickly when it is not there yet; the poll keeps the overall deadline. */
const READ_TIMEOUT_MS = 1_000;

/**
 * Polling checks of the screen with a test's own deadline: the UI renders asynchronously (debounced search, API
 * round trips), and how long one element may take to appear or change depends on what the test waits for.
 */
export function screenChecks(uiTimeoutMs: number) {
  const poll = <T>(read: () => Promise<T>, timeout = uiTimeoutMs) => expect.poll(read, { timeout, interval: 100 });

  async function expectText(locator: Locator, expected: string | RegExp, timeout = uiTimeoutMs): Promise<void> {
    const read = () => locator.textContent({ timeout: READ_TIMEOUT_MS }).catch(() => null);
    if (typeof expected === 'string') await poll(read, timeout).toBe(expected);
    else await poll(read, timeout).toMatch(expected);
  }

  async function expectAttribute(
    locator: Locator,
    name: string,
    expected: string,
    timeout = uiTimeoutMs,
  ): Promise<void> {
    const read = () => locator.getAttribute(name, { timeout: READ_TIMEOUT_MS }).catch(() => null);
    await poll(read, timeout).toBe(expected);
  }

  return { poll, expectText, expectAttribute };
}
