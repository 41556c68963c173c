import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { adminFeature } from '../../server/admin/admin-feature.js';
import { keepScreenshot, launchBrowser } from '../helpers/browser.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { TOKENS } from '../helpers/test-config.js';
import { openAdmin } from './admin-kit.js';
import { clickAction, consoleLogin, pageErrors } from './calling-kit.js';

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

describe('administration console', () => {
  it('an admin adds a service and a window; the kiosk shows the service without reload; the assigned staff opens the window in the console and calls', async () => {
    app = await buildTestApp({ features: [adminFeature], publicDir: inject('publicDir') });
    const kiosk = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    kiosk.on('pageerror', (err) => {
      throw err;
    });
    await kiosk.goto(`${app.url}/kiosk/?hall=main&token=${TOKENS.kiosk}`);
    await kiosk.locator('[data-service-id="tax-reg"]').waitFor();

    const page = await openAdmin(browser, app, 'admin');
    await page.locator('[data-row-service="tax-reg"]').waitFor();
    await page.locator('[data-admin-action="add-service"]').click();
    const form = page.locator('form[data-form="service"]');
    await form.locator('input[name="name"]').fill('社保登记');
    await form.locator('input[name="nameEn"]').fill('Social insurance');
    await form.locator('input[name="prefix"]').fill('s');
    await form.locator('select[name="departmentId"]').selectOption('market');
    await form.locator('input[name="avgServiceMinutes"]').fill('6');
    await form.locator('textarea[name="materials"]').fill('身份证原件及复印件');
    await form.locator('[data-admin-action="save"]').click();
    const row = page.locator('tr[data-row-service]', { hasText: '社保登记' });
    await row.waitFor();
    const serviceId = (await row.getAttribute('data-row-service'))!;
    expect(await row.locator('.prefix').textContent()).toBe('S');

    await kiosk.locator(`[data-service-id="${serviceId}"]`).waitFor();
    expect(await kiosk.locator(`[data-service-id="${serviceId}"]`).textContent()).toContain('社保登记');
    const facts = await app.http('GET', '/api/halls/main', { token: TOKENS.kiosk });
    expect(facts.body.services.find((s: { id: string }) => s.id === serviceId)).toMatchObject({ nameEn: 'Social insurance' });

    await page.locator('[data-tab="windows"]').click();
    await page.locator('[data-admin-action="add-window"]').click();
    const wform = page.locator('form[data-form="window"]');
    expect(await wform.locator('input[name="number"]').inputValue()).toBe('5');
    await wform.locator(`input[name="serviceIds"][value="${serviceId}"]`).check();
    await wform.locator('input[name="serviceIds"][value="license"]').check();
    await wform.locator('input[name="primaryStaffIds"][value="s4"]').check();
    await keepScreenshot(page, 'admin-window-form');
    await wform.locator('[data-admin-action="save"]').click();
    const wrow = page.locator('tr[data-row-window]', { hasText: '5号窗口' });
    await wrow.waitFor();
    expect(await wrow.textContent()).toContain('社保登记、营业执照');
    expect(await wrow.textContent()).toContain('陈静');
    await keepScreenshot(page, 'admin-windows');
    const windowId = (await wrow.getAttribute('data-row-window'))!;

    const ticket = await app.http('POST', '/api/tickets', { token: TOKENS.kiosk2, body: { serviceId } });
    expect(ticket.body.number).toBe('S001');
    const console_ = await consoleLogin(browser, app, 'chenjing', windowId);
    await clickAction(console_, 'open');
    await console_.waitForSelector('.console[data-window-status="open"]');
    await clickAction(console_, 'call-next');
    await console_.waitForSelector('[data-current-number="S001"]');
    expect(pageErrors(console_)).toEqual([]);
    await console_.close();

    await page.locator('[data-tab="services"]').click();
    await keepScreenshot(page, 'admin-services');
    await kiosk.close();
    await page.close();
  });
});
