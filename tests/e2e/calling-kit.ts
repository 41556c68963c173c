import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { TestApp } from '../helpers/test-app.js';
import { PASSWORD, TOKENS } from '../helpers/test-config.js';
import { DEADLINE_MS } from '../helpers/wait-for.js';

/** Shared steps of the calling browser tests (console + boards). */
export async function issue(app: TestApp, serviceId: string, count = 1): Promise<string[]> {
  const numbers: string[] = [];
  // the kiosk is rate-limited (30 a minute); a manager issuing on visitors' behalf is not
  const token = count > 20 ? await app.login('manager') : TOKENS.kiosk;
  for (let i = 0; i < count; i++) {
    const res = await app.http('POST', '/api/tickets', { token, body: { serviceId } });
    expect(res.status).toBe(201);
    numbers.push(res.body.number);
  }
  return numbers;
}

const errors = new WeakMap<Page, Error[]>();

/** Uncaught script errors a page has had (a test ends by asserting there were none). */
export function pageErrors(page: Page): string[] {
  return (errors.get(page) ?? []).map((e) => e.message);
}

export async function openPage(browser: Browser, url: string, viewport = { width: 1440, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.setDefaultTimeout(DEADLINE_MS);
  errors.set(page, []);
  page.on('pageerror', (err) => errors.get(page)!.push(err));
  await page.goto(url);
  return page;
}

/** Logs in on the console page and goes to the window (or stays on the picker). */
export async function consoleLogin(browser: Browser, app: TestApp, username: string, windowId?: string): Promise<Page> {
  const page = await openPage(browser, `${app.url}/staff/${windowId ? `?window=${windowId}` : ''}`);
  await page.fill('input[name="username"]', username);
  await page.fill('input[name="password"]', PASSWORD);
  await page.click('button[type="submit"]');
  await page.waitForSelector(windowId ? `.console[data-window-id="${windowId}"]` : '.picker');
  return page;
}

export const hallBoardUrl = (app: TestApp, extra = '') => `${app.url}/display/hall/?hall=main&zone=f1&token=${TOKENS.display}${extra}`;
export const windowBoardUrl = (app: TestApp, windowId: string) => `${app.url}/display/window/?window=${windowId}&token=${TOKENS.display}`;

/** The selector of a call shown on a board. */
export const callOnBoard = (number: string, windowNumber: number) => `[data-call-number="${number}"][data-window-number="${windowNumber}"]`;

export async function clickAction(page: Page, action: string): Promise<void> {
  await page.click(`[data-action="${action}"]:not([disabled])`);
}
