import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { adminFeature } from '../../server/admin/admin-feature.js';
import { keepScreenshot, launchBrowser } from '../helpers/browser.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { TOKENS } from '../helpers/test-config.js';
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

describe('administration console: English names and announced zones', () => {
  it("a manager gives the hall, a zone and a department English names and has 一楼 announce 二楼's calls", async () => {
    app = await buildTestApp({ features: [adminFeature], publicDir: inject('publicDir') });
    const a = app;
    const hallNow = async () => (await a.http('GET', '/api/halls/main', { token: TOKENS.kiosk })).body;
    const dept = (await hallNow()).departments[0];
    const page = await openAdmin(browser, app, 'manager');
    await page.locator('[data-tab="hall"]').click();

    const hallForm = page.locator('form[data-form="hall"]');
    await hallForm.locator('input[name="hallNameEn"]').fill('City Government Service Center');
    await hallForm.locator('button[type="submit"]').click();
    await expect.poll(async () => (await hallNow()).nameEn).toBe('City Government Service Center');

    const f2 = page.locator('tr[data-row-zone="f2"]');
    await f2.locator('input[name="nameEn"]').fill('2nd floor');
    await f2.locator('[data-admin-action="save-zone"]').click();
    await expect.poll(async () => (await hallNow()).zones.find((z: { id: string }) => z.id === 'f2').nameEn).toBe('2nd floor');

    const f1 = page.locator('tr[data-row-zone="f1"]');
    await f1.locator('input[name="announceFrom"][value="f2"]').check();
    await f1.locator('[data-admin-action="save-zone"]').click();
    await expect.poll(async () => (await hallNow()).zones.find((z: { id: string }) => z.id === 'f1').announceFrom).toEqual(['f2']);

    const deptRow = page.locator(`tr[data-row-department="${dept.id}"]`);
    await deptRow.locator('input[name="nameEn"]').fill('Taxation Bureau');
    await deptRow.locator('[data-admin-action="save-department"]').click();
    await expect.poll(async () => (await hallNow()).departments.find((d: { id: string }) => d.id === dept.id).nameEn).toBe('Taxation Bureau');

    // what was saved is what the console shows after a reload
    await page.reload();
    await page.locator('[data-tab="services"]').waitFor();
    await page.locator('[data-tab="hall"]').click();
    // the tab fills its form from the hall it loads: wait for the saved value rather than read the first render
    await expect.poll(() => page.locator('input[name="hallNameEn"]').inputValue()).toBe('City Government Service Center');
    expect(await page.locator('tr[data-row-zone="f2"] input[name="nameEn"]').inputValue()).toBe('2nd floor');
    expect(await page.locator('tr[data-row-zone="f1"] input[name="announceFrom"][value="f2"]').isChecked()).toBe(true);
    await keepScreenshot(page, 'admin-english-names');
    await page.close();
  });
});
