import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SimPort } from '../../drivers/bus/sim-port.js';
import { deviceHostFeature } from '../../drivers/host/feature.js';
import { LedSimulator } from '../../drivers/led/simulator.js';
import { adminFeature } from '../../server/admin/admin-feature.js';
import { keepScreenshot, launchBrowser } from '../helpers/browser.js';
import { builtPublicDir } from '../helpers/public-dir.js';
import { openPtyPair } from '../helpers/pty-pair.js';
import { waitFor } from '../helpers/wait-for.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { openAdmin } from './admin-kit.js';

let browser: Browser;
const cleanups: (() => Promise<unknown>)[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('administration console: the hardware form', () => {
  it('a bus on a serial port and a window strip on it are set up in the form, saved, and lit by 测试', async () => {
    const pty = await openPtyPair();
    cleanups.push(() => pty.close());
    const sim = new SimPort(pty.b);
    const strip = sim.add(new LedSimulator(7, 1));
    await sim.open();
    cleanups.push(() => sim.close());
    const app: TestApp = await buildTestApp({
      features: [adminFeature, deviceHostFeature({ bus: { reprobeMs: 300, reopenMs: 100 }, pollMs: 50, healthEveryMs: 200 })],
      publicDir: builtPublicDir(),
    });
    cleanups.push(() => app.close());
    const admin = await app.login('admin');
    const page = await openAdmin(browser, app, 'admin');
    await page.locator('[data-tab="hardware"]').click();

    await page.locator('[data-admin-action="add-bus"]').click();
    const port = page.locator('[data-bus-row="0"] input[name="bus-port"]');
    await port.fill('');
    await page.locator('[data-admin-action="add-hardware"]').click();
    const row = page.locator('[data-hw-row="0"]');
    expect(await row.locator('select[name="hw-protocol"] option').allTextContents()).toEqual(['HQ-485', '仰邦 BX-5K', '仰邦 BX-6K', '仰邦 6Q/6E']);
    await row.locator('select[name="hw-kind"]').selectOption('keypad');
    expect(await row.locator('select[name="hw-protocol"] option').allTextContents()).toEqual(['HQ-485']);
    await row.locator('select[name="hw-kind"]').selectOption('led');
    await row.locator('input[name="hw-id"]').fill('led-w1');
    await row.locator('input[name="hw-address"]').fill('300');
    await row.locator('select[name="hw-place"]').selectOption('w:w1');
    expect(await row.locator('[data-admin-action="test-hardware"]').isDisabled()).toBe(true);

    await page.locator('[data-admin-action="save-hardware"]').click();
    // the address is out of HQ-485's range: the browser holds the form back, the server gets nothing
    expect(await row.locator('input[name="hw-address"]:invalid').count()).toBe(1);
    await row.locator('input[name="hw-address"]').fill('7');
    await page.locator('[data-admin-action="save-hardware"]').click();
    await expect.poll(() => page.locator('[role="alert"]').textContent()).toContain('buses[0].port');
    expect((await app.http('GET', '/api/admin/hardware', { token: admin })).body).toEqual({ buses: [], hardware: [] });

    await port.fill(pty.a);
    await page.locator('[data-admin-action="save-hardware"]').click();
    await expect
      .poll(async () => (await app.http('GET', '/api/admin/hardware', { token: admin })).body)
      .toEqual({
        buses: [{ id: 'bus1', port: pty.a }],
        hardware: [{ id: 'led-w1', kind: 'led', busId: 'bus1', address: 7, windowId: 'w1' }],
      });
    await waitFor(() => strip.shows()[0] === '暂停服务', 'the new strip drawn for its closed window');

    await row.locator('[data-admin-action="test-hardware"]:not([disabled])').click();
    await waitFor(() => strip.shows()[0] === '测试 TEST 0123456789', 'the strip shows the test text');
    await keepScreenshot(page, 'admin-hardware');
    await page.close();
  });
});
