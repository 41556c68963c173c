import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { adminFeature } from '../../server/admin/admin-feature.js';
import { keepScreenshot, launchBrowser } from '../helpers/browser.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { TOKENS } from '../helpers/test-config.js';
import { errorsZhCN } from '../../staff-ui/locales/errors.zh-CN.js';
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

describe('administration console: settings and import', () => {
  it("a refused change shows the reason, a manager sees only their hall and reorders the kiosk's services; the notice reaches the hall board live", async () => {
    app = await buildTestApp({ features: [adminFeature], publicDir: inject('publicDir') });
    const page = await openAdmin(browser, app, 'manager');
    expect(await page.locator('select[name="hall"] option').allTextContents()).toEqual(['市政务服务中心']);
    expect(await page.locator('[data-tab="config"]').count()).toBe(0);
    await page.locator('[data-admin-action="add-service"]').click();
    const form = page.locator('form[data-form="service"]');
    await form.locator('input[name="name"]').fill('重复号段');
    await form.locator('input[name="prefix"]').fill('A');
    await form.locator('[data-admin-action="save"]').click();
    await expect.poll(() => page.locator('[role="alert"]').textContent()).toBe(errorsZhCN.PREFIX_IN_USE);
    await page.locator('[data-row-service="tax-reg"] button[aria-label="下移"]').click();
    await page.locator('tbody tr:first-child[data-row-service="invoice"]').waitFor();
    const order = await app.http('GET', '/api/halls/main/services', { token: TOKENS.kiosk });
    expect(order.body.map((s: { id: string }) => s.id)).toEqual(['invoice', 'tax-reg', 'license']);
    const board = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await board.goto(`${app.url}/display/hall/?hall=main&zone=f1&token=${TOKENS.display}`);
    await board.locator('[data-notice]').waitFor();
    await page.locator('[data-tab="hall"]').click();
    const hallForm = page.locator('form[data-form="hall"]');
    await hallForm.locator('textarea[name="notice"]').fill('今日 16:00 起暂停办理营业执照业务');
    // the address the booking pages and messages give
    await hallForm.locator('input[name="hallAddress"]').fill('人民路 88 号市民中心');
    await hallForm.locator('button[type="submit"]').click();
    await expect.poll(() => board.locator('[data-notice]').textContent()).toContain('今日 16:00 起暂停办理营业执照业务');
    const address = async () => (await app!.server.store.halls.hall('main'))?.address;
    await expect.poll(address).toBe('人民路 88 号市民中心');
    await board.close();
    await keepScreenshot(page, 'admin-hall-settings');
    await page.close();
  });

  it('a notice changed while a board was still connecting reaches it: the board reads the hall again with its first snapshot', async () => {
    app = await buildTestApp({ features: [adminFeature], publicDir: inject('publicDir') });
    const board = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    // the board's live connection is held until the change has committed, so its config.changed
    // goes out before the board listens (as on a loaded machine, where the socket comes seconds after the page)
    let release!: () => void;
    const changed = new Promise<void>((resolve) => (release = resolve));
    await board.routeWebSocket(/\/socket\.io\//, async (ws) => {
      await changed;
      ws.connectToServer();
    });
    const factsRead = board.waitForResponse((r) => new URL(r.url()).pathname === '/api/halls/main');
    await board.goto(`${app.url}/display/hall/?hall=main&zone=f1&token=${TOKENS.display}`);
    expect(((await (await factsRead).json()) as { notice?: string }).notice ?? '').not.toContain('今日 16:00');
    const manager = await app.login('manager');
    const res = await app.http('PUT', '/api/admin/halls/main/notice', { token: manager, body: { notice: '今日 16:00 起暂停办理营业执照业务' } });
    expect(res.status, res.text).toBe(200);
    release();
    await expect.poll(() => board.locator('[data-notice]').textContent()).toContain('今日 16:00 起暂停办理营业执照业务');
    await board.close();
  });

  it('an import shows its diff first and applies only on confirm; a new device token is shown once', async () => {
    app = await buildTestApp({ features: [adminFeature], publicDir: inject('publicDir') });
    const admin = await app.login('admin');
    const file = (await app.http('GET', '/api/admin/config/export', { token: admin })).body;
    file.services.find((s: { id: string }) => s.id === 'invoice').name = '发票申领';
    const page = await openAdmin(browser, app, 'admin');
    await page.locator('[data-tab="config"]').click();
    await page.locator('textarea[name="configFile"]').fill(JSON.stringify(file));
    await page.locator('[data-admin-action="preview-import"]').click();
    await page.locator('[data-import-diff="1"]').waitFor();
    expect(await page.locator('[data-import-diff] tbody').textContent()).toContain('invoice');
    await keepScreenshot(page, 'admin-import-diff');
    const before = await app.http('GET', '/api/halls/main/services', { token: TOKENS.kiosk });
    expect(before.body.find((s: { id: string }) => s.id === 'invoice').name).toBe('发票领用');
    await page.locator('[data-admin-action="apply-import"]').click();
    await expect
      .poll(async () => (await app!.http('GET', '/api/halls/main/services', { token: TOKENS.kiosk })).body.find((s: { id: string }) => s.id === 'invoice').name)
      .toBe('发票申领');

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
