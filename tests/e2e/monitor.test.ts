import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, inject } from 'vitest';
import { createSupervisionFeature } from '../../server/supervision/feature.js';
import { keepScreenshot, launchBrowser } from '../helpers/browser.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { PASSWORD, TOKENS } from '../helpers/test-config.js';
import { at, daySteps, scriptedDay } from '../integration/reports/scripted-day.js';

let browser: Browser;
let app: TestApp | undefined;
const errors: string[] = [];
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });
afterEach(async () => {
  await app?.close();
  app = undefined;
  expect(errors.splice(0)).toEqual([]);
});

async function start(): Promise<TestApp> {
  app = await buildTestApp({ publicDir: inject('publicDir'), features: [createSupervisionFeature({ checkIntervalMs: 3_600_000, debounceMs: 3_600_000 })] });
  return app;
}

async function open(path: string, viewport = { width: 1600, height: 1000 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(app!.url + path);
  return page;
}

async function loginAsManager(page: Page): Promise<void> {
  await page.locator('input[name="username"]').fill('manager');
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('button[type="submit"]').click();
}

describe('the wall monitor', () => {
  it('updates live when a ticket is issued and called', async () => {
    const a = await start();
    const d = await daySteps(a);
    const page = await open('/display/monitor/?hall=main&token=' + TOKENS.display, { width: 1920, height: 1080 });
    const taxRow = page.locator('[data-service-row="tax-reg"]');
    await expect.poll(() => taxRow.getAttribute('data-waiting')).toBe('0');
    await expect.poll(() => page.locator('[data-online]').getAttribute('data-online')).toBe('true');
    await d.issue('10:00', 'tax-reg');
    await expect.poll(() => taxRow.getAttribute('data-waiting')).toBe('1');
    await d.step('10:00', 'POST', '/api/windows/w1/open', d.tokens.wangfang!);
    await d.step('10:06', 'POST', '/api/windows/w1/call-next', d.tokens.wangfang!);
    await expect.poll(() => page.locator('[data-monitor-window="w1"]').getAttribute('data-current')).toBe('A001');
    await expect.poll(() => taxRow.getAttribute('data-waiting')).toBe('0');
    expect(await page.locator('[data-total="issued"] .total-value').textContent()).toBe('1');
    expect(await page.locator('[data-action="acknowledge"]').count()).toBe(0);
    await page.locator('[data-chart="half-hour"][data-chart-ready="true"] canvas').first().waitFor();
    await keepScreenshot(page, 'monitor-wall');
  });
});

describe('alerts on the manager\'s monitor', () => {
  it('an alert appears live and the manager acknowledges it with a note', async () => {
    const a = await start();
    const d = await daySteps(a);
    await d.issue('10:00', 'tax-reg');
    const page = await open('/staff/monitor/');
    await loginAsManager(page);
    await page.locator('[data-service-row="tax-reg"]').waitFor();
    expect(await page.locator('[data-alert-id]').count()).toBe(0);
    a.clock.set(at('10:10'));
    await a.http('POST', '/api/supervision/halls/main/alerts/check', { token: d.tokens.manager });
    const alert = page.locator('[data-alert-kind="wait"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('A001 已等候 10 分钟');
    await keepScreenshot(page, 'monitor-alert');
    page.once('dialog', (dialog) => dialog.accept('已通知2号窗口'));
    await alert.locator('[data-action="acknowledge"]').click();
    await expect.poll(() => alert.getAttribute('data-acknowledged')).toBe('true');
    const live = await a.http('GET', '/api/supervision/halls/main/live', { token: d.tokens.manager });
    expect(live.body.alerts[0]).toMatchObject({ ackBy: 'm1', ackNote: '已通知2号窗口' });
  });
});

describe('the reports page', () => {
  it('renders its charts and tables and downloads a CSV', async () => {
    const a = await start();
    await scriptedDay(a);
    a.clock.set(at('12:00'));
    const page = await open('/staff/reports/?from=2026-11-23&to=2026-11-23', { width: 1500, height: 2400 });
    await loginAsManager(page);
    await page.locator('[data-report-ready="2026-11-23/2026-11-23"]').waitFor();
    for (const chart of ['daily', 'scores', 'heatmap']) await page.locator(`[data-chart="${chart}"][data-chart-ready="true"] canvas`).first().waitFor();
    expect(await page.locator('[data-table="windows"] tbody tr').count()).toBe(2);
    expect(await page.locator('[data-row="w1/s1"]').textContent()).toContain('王芳');
    expect(await page.locator('[data-followup="A002"]').getAttribute('data-status')).toBe('open');
    await keepScreenshot(page, 'reports');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="export-csv"]').click()]);
    expect(download.suggestedFilename()).toBe('report-main-2026-11-23-2026-11-23-windows.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('窗口号,窗口,工作人员');
    expect(csv).toContain('1,1号窗口,王芳,3,2,0,1');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.filters').isVisible()).toBe(false);
  });
});
