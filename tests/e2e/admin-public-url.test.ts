import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { adminFeature } from '../../server/admin/admin-feature.js';
import { printingFeature } from '../../server/printing/printing-feature.js';
import { launchBrowser } from '../helpers/browser.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { PASSWORD } from '../helpers/test-config.js';
import { openAdmin } from './admin-kit.js';

let browser: Browser;
let app: TestApp | undefined;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const hall = (publicUrl: string) => buildTestApp({ features: [adminFeature, printingFeature({ publicUrl, retryMs: 60_000 })], publicDir: inject('publicDir') });

describe('administration console: the public address', () => {
  it('warns on every tab, naming the LAN address the QR codes hold, while HALLQ_PUBLIC_URL is not set', async () => {
    app = await hall('');
    const lan = (await app.http('GET', '/api/admin/public-url', { token: await app.login('admin') })).body.publicUrl;
    const page = await openAdmin(browser, app, 'manager');
    const banner = page.locator('[data-public-url-warning]');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('HALLQ_PUBLIC_URL');
    expect(await banner.textContent()).toContain(lan);
    expect(await banner.textContent()).toContain('移动数据的手机无法打开');
    await page.locator('[data-tab="hardware"]').click();
    await expect.poll(() => banner.isVisible()).toBe(true);
    await page.close();
  });

  it('shows no warning once it is set', async () => {
    app = await hall('https://queue.example.gov.cn');
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const asked = page.waitForResponse((r) => r.url().endsWith('/api/admin/public-url'));
    await page.goto(`${app.url}/staff/admin/`);
    await page.locator('input[name="username"]').fill('manager');
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.locator('button[type="submit"]').click();
    expect(await (await asked).json()).toMatchObject({ configured: true });
    await page.locator('[data-tab="services"]').waitFor();
    expect(await page.locator('[data-public-url-warning]').count()).toBe(0);
    await page.close();
  });
});
