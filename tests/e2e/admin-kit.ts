import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '../helpers/test-app.js';
import { PASSWORD } from '../helpers/test-config.js';

/** Logs in on the configuration console and waits for its tabs. */
export async function openAdmin(browser: Browser, a: TestApp, username: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (err) => {
    throw err;
  });
  await page.goto(`${a.url}/staff/admin/`);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.locator('[data-tab="services"]').waitFor();
  return page;
}
