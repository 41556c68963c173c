import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, inject } from 'vitest';
import { adminFeature } from '../../server/admin/admin-feature.js';
import { createHaochaFeature } from '../../server/haocha/feature.js';
import { createSupervisionFeature } from '../../server/supervision/feature.js';
import { launchBrowser } from '../helpers/browser.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { scriptedDay } from '../integration/reports/scripted-day.js';
import { openAdmin } from './admin-kit.js';

let browser: Browser;
let app: TestApp | undefined;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });
afterEach(async () => { await app?.close(); app = undefined; });

describe('administration console: 好差评 对接', () => {
  it('shows what is pending, sent and failed for the hall', async () => {
    app = await buildTestApp({
      features: [adminFeature, createSupervisionFeature({ checkIntervalMs: 3_600_000, debounceMs: 3_600_000 }), createHaochaFeature({ dispatchEveryMs: 3_600_000 })],
      publicDir: inject('publicDir'),
    });
    await scriptedDay(app); // three ratings, no endpoint set yet: all pending
    const page = await openAdmin(browser, app, 'manager');
    await page.locator('[data-tab="haocha"]').click();
    await expect.poll(() => page.locator('[data-haocha-counts]').getAttribute('data-haocha-counts')).toBe('3/0/0');
    expect(await page.locator('[data-haocha-counts]').textContent()).toBe('待推送 3 · 已推送 0 · 失败 0');
    expect(await page.locator('tr[data-haocha-status="pending"]').count()).toBe(3);
    expect(await page.locator('tr[data-haocha-status="pending"]').first().textContent()).toContain('评价');
  });
});
