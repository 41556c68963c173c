import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { adminFeature } from '../../server/admin/admin-feature.js';
import { keepScreenshot, launchBrowser } from '../helpers/browser.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { PASSWORD, TOKENS } from '../helpers/test-config.js';
import { clickAction, consoleLogin, pageErrors } from './calling-kit.js';

let browser: Browser;
let app: TestApp | undefined;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });
afterEach(async () => { await app?.close(); app = undefined; });

async function openAdmin(a: TestApp, username: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (err) => { throw err; });
  await page.goto(`${a.url}/staff/admin/`);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.locator('[data-tab="services"]').waitFor();
  return page;
}

describe('administration console', () => {
  it('an admin adds a service and a window; the kiosk shows the service without reload; the assigned staff opens the window in the console and calls', async () => {
    app = await buildTestApp({ features: [adminFeature], publicDir: inject('publicDir') });
    const kiosk = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    kiosk.on('pageerror', (err) => { throw err; });
    await kiosk.goto(`${app.url}/kiosk/?hall=main&token=${TOKENS.kiosk}`);
    await kiosk.locator('[data-service-id="tax-reg"]').waitFor();

    const page = await openAdmin(app, 'admin');
    await page.locator('[data-row-service="tax-reg"]').waitFor();
    await page.locator('[data-admin-action="add-service"]').click();
    const form = page.locator('form[data-form="service"]');
    await form.locator('input[name="name"]').fill('社保登记');
    await form.locator('input[name="prefix"]').fill('s');
    await form.locator('select[name="departmentId"]').selectOption('market');
    await form.locator('input[name="avgServiceMinutes"]').fill('6');
    await form.locator('textarea[name="materials"]').fill('身份证原件及复印件');
    await form.locator('[data-admin-action="save"]').click();
    const row = page.locator('tr[data-row-service]', { hasText: '社保登记' });
    await row.waitFor();
    const serviceId = (await row.getAttribute('data-row-service'))!;
    expect(await row.locator('.prefix').textContent()).toBe('S');

    await kiosk.locator(`[data-service-id="${serviceId}"]`).waitFor({ timeout: 5000 });
    expect(await kiosk.locator(`[data-service-id="${serviceId}"]`).textContent()).toContain('社保登记');

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

  it('a refused change shows the reason, a manager sees only their hall and reorders the kiosk\'s services', async () => {
    app = await buildTestApp({ features: [adminFeature], publicDir: inject('publicDir') });
    const page = await openAdmin(app, 'manager');
    expect(await page.locator('select[name="hall"] option').allTextContents()).toEqual(['市政务服务中心']);
    expect(await page.locator('[data-tab="config"]').count()).toBe(0);
    await page.locator('[data-admin-action="add-service"]').click();
    const form = page.locator('form[data-form="service"]');
    await form.locator('input[name="name"]').fill('重复号段');
    await form.locator('input[name="prefix"]').fill('A');
    await form.locator('[data-admin-action="save"]').click();
    await expect.poll(() => page.locator('[role="alert"]').textContent()).toContain('"A" is already used');
    await page.locator('[data-row-service="tax-reg"] button[aria-label="下移"]').click();
    await page.locator('tbody tr:first-child[data-row-service="invoice"]').waitFor();
    const order = await app.http('GET', '/api/halls/main/services', { token: TOKENS.kiosk });
    expect(order.body.map((s: { id: string }) => s.id)).toEqual(['invoice', 'tax-reg', 'license']);
    await page.locator('[data-tab="hall"]').click();
    await page.locator('form[data-form="policy"]').waitFor();
    await keepScreenshot(page, 'admin-hall-settings');
    await page.close();
  });

  it('an import shows its diff first and applies only on confirm; a new device token is shown once', async () => {
    app = await buildTestApp({ features: [adminFeature], publicDir: inject('publicDir') });
    const admin = await app.login('admin');
    const file = (await app.http('GET', '/api/admin/config/export', { token: admin })).body;
    file.services.find((s: { id: string }) => s.id === 'invoice').name = '发票申领';
    const page = await openAdmin(app, 'admin');
    await page.locator('[data-tab="config"]').click();
    await page.locator('textarea[name="configFile"]').fill(JSON.stringify(file));
    await page.locator('[data-admin-action="preview-import"]').click();
    await page.locator('[data-import-diff="1"]').waitFor();
    expect(await page.locator('[data-import-diff] tbody').textContent()).toContain('invoice');
    await keepScreenshot(page, 'admin-import-diff');
    const before = await app.http('GET', '/api/halls/main/services', { token: TOKENS.kiosk });
    expect(before.body.find((s: { id: string }) => s.id === 'invoice').name).toBe('发票领用');
    await page.locator('[data-admin-action="apply-import"]').click();
    await expect.poll(async () => (await app!.http('GET', '/api/halls/main/services', { token: TOKENS.kiosk })).body.find((s: { id: string }) => s.id === 'invoice').name).toBe('发票申领');

    await page.locator('[data-tab="devices"]').click();
    await page.locator('[data-admin-action="add-device"]').click();
    await page.locator('form[data-form="device"] [data-admin-action="save"]').click();
    const token = await page.locator('[data-device-token]').textContent();
    expect((await app.http('GET', '/api/halls/main/services', { token: token! })).status).toBe(200);
    await keepScreenshot(page, 'admin-devices');
    await page.locator('[data-tab="staff"]').click();
    await page.locator('[data-row-staff="s1"]').waitFor();
    await keepScreenshot(page, 'admin-staff');
    await page.close();
  });
});
