import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import { adminFeature } from '../../server/admin/admin-feature.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { PASSWORD } from '../helpers/test-config.js';
import { openAdmin } from './admin-kit.js';
import { useBoardsFixture } from './boards-fixture.js';
import { consoleLogin } from './calling-kit.js';

const fx = useBoardsFixture();
let app: TestApp;

async function fillPasswords(page: Page, current: string, next: string, repeat = next): Promise<void> {
  await page.fill('[data-password-dialog] input[name="currentPassword"]', current);
  await page.fill('[data-password-dialog] input[name="newPassword"]', next);
  await page.fill('[data-password-dialog] input[name="repeatPassword"]', repeat);
  await page.click('[data-password-submit]');
}

const errorShown = async (page: Page) => (await page.locator('[data-password-error]').textContent()) ?? '';

describe("changing one's own password in the browser", () => {
  beforeEach(async () => {
    app = await fx.start();
  });

  it('a clerk changes it from the console: clear errors first, then it changes and the login elsewhere ends', async () => {
    const elsewhere = await app.login('wangfang');
    const page = fx.track(await consoleLogin(fx.browser, app, 'wangfang', 'w1'));
    await page.click('[data-change-password]');
    await page.waitForSelector('[data-password-dialog]');
    expect(await page.textContent('[data-password-dialog]')).toContain('至少 8 位');

    await fillPasswords(page, PASSWORD, 'new-pass-2026', 'new-pass-2062');
    expect(await errorShown(page)).toBe('两次输入的新密码不一致');
    await fillPasswords(page, PASSWORD, '12345678');
    expect(await errorShown(page)).toBe('新密码须含字母、数字、符号中的至少两种');
    await fillPasswords(page, PASSWORD, 'wangfang88');
    expect(await errorShown(page)).toBe('新密码不能包含用户名');
    await fillPasswords(page, 'not-my-password', 'new-pass-2026');
    await page.waitForSelector('[data-password-error]:has-text("当前密码不正确")');
    expect((await app.http('GET', '/api/auth/me', { token: elsewhere })).status).toBe(200); // nothing changed yet

    await fillPasswords(page, PASSWORD, 'new-pass-2026');
    await page.waitForSelector('[data-password-changed]');
    expect(await page.textContent('[data-password-changed]')).toContain('其他设备上的登录已结束');
    await page.click('[data-password-close]');
    await page.waitForSelector('[data-password-dialog]', { state: 'detached' });

    expect((await app.http('GET', '/api/auth/me', { token: elsewhere })).status).toBe(401);
    expect((await app.http('POST', '/api/auth/login', { body: { username: 'wangfang', password: PASSWORD } })).status).toBe(401);
    expect(await app.login('wangfang', 'new-pass-2026')).toBeTruthy();
    // this console's own session goes on
    await page.reload();
    await page.waitForSelector('.console[data-window-id="w1"]');
  });

  it('in English the dialog speaks English', async () => {
    const page = fx.track(await consoleLogin(fx.browser, app, 'liqiang'));
    await page.goto(`${app.url}/staff/?lang=en`);
    await page.click('[data-change-password]');
    await fillPasswords(page, PASSWORD, 'short1');
    expect(await errorShown(page)).toBe('The new password needs at least 8 characters');
  });
});

describe("changing one's own password in the configuration console", () => {
  it('an admin changes it from the configuration console', async () => {
    const admin = await buildTestApp({ features: [adminFeature], publicDir: inject('publicDir') });
    try {
      const page = fx.track(await openAdmin(fx.browser, admin, 'admin'));
      await page.click('[data-change-password]');
      await fillPasswords(page, PASSWORD, '大厅管理2026');
      await page.waitForSelector('[data-password-changed]');
      expect(await admin.login('admin', '大厅管理2026')).toBeTruthy();
    } finally {
      await admin.close();
    }
  });
});
