import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, inject } from 'vitest';
import { reportDeviceHealth } from '../../server/app/device-health.js';
import { defaultGrouping, periodOf, presetRange } from '../../server/domain/report-periods.js';
import { createSupervisionFeature } from '../../server/supervision/feature.js';
import { keepScreenshot, launchBrowser } from '../helpers/browser.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { PASSWORD, TOKENS } from '../helpers/test-config.js';
import { at, daySteps, scriptedDay } from '../integration/reports/scripted-day.js';

let browser: Browser;
let app: TestApp | undefined;
const errors: string[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
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
    await expect.poll(() => page.locator('[data-total="issued"] .total-value').textContent()).toBe('1');
    expect(await page.locator('[data-action="acknowledge"]').count()).toBe(0);
    await page.locator('[data-chart="half-hour"][data-chart-ready="true"] canvas').first().waitFor();
    await keepScreenshot(page, 'monitor-wall');
  });
});

describe('the wall monitor on a busy morning at 1920×1080', () => {
  it('fits the screen without scrolling, with queue alerts most serious first, their tickets one click away, device names and reasons, and a balance suggestion', async () => {
    const a = await start();
    const d = await daySteps(a);
    await d.step('09:00', 'POST', '/api/windows/w1/open', d.tokens.wangfang!);
    await d.step('09:00', 'POST', '/api/windows/w3/open', d.tokens.zhangmin!);
    for (let i = 0; i < 30; i++) await d.issue(`09:${String(10 + i).padStart(2, '0')}`, 'tax-reg');
    for (let i = 0; i < 3; i++) await d.issue(`09:5${i}`, 'invoice');
    for (let i = 0; i < 40; i++) {
      await reportDeviceHealth(a.server.ctx, {
        hallId: 'main',
        id: `led-${i}`,
        kind: 'led',
        status: 'offline',
        lastError: `no reply from device ${i} after 3 tries`,
      });
    }
    a.clock.set(at('10:05'));
    await a.http('POST', '/api/supervision/halls/main/alerts/check', { token: d.tokens.manager });
    const page = await open('/display/monitor/?hall=main&token=' + TOKENS.display, { width: 1920, height: 1080 });
    await page.locator('[data-chart="half-hour"][data-chart-ready="true"] canvas').first().waitFor();
    const alerts = page.locator('[data-alert-id]');
    await expect.poll(() => alerts.count()).toBe(40 + 5); // devices; the tax queue's wait and length, the invoice queue's wait, idle w1
    const size = await page.evaluate(() => ({ h: document.documentElement.scrollHeight, w: document.documentElement.scrollWidth }));
    expect(size.h).toBeLessThanOrEqual(1080);
    expect(size.w).toBeLessThanOrEqual(1920);
    const chart = (await page.locator('[data-chart="half-hour"]').boundingBox())!;
    expect(chart.y + chart.height).toBeLessThanOrEqual(1080);

    expect(await alerts.first().getAttribute('data-alert-level')).toBe('3');
    expect(await alerts.first().textContent()).toContain('A 税务登记：16 人等候超过 40 分钟，最长 55 分');
    await alerts.first().locator('[data-action="alert-detail"]').click();
    await expect.poll(() => alerts.first().locator('[data-ticket-number]').count()).toBe(30);
    expect(await alerts.first().locator('[data-ticket-number]').first().textContent()).toBe('A001 · 55 分');
    expect(await page.locator('[data-alert-kind="device-offline"]').first().textContent()).toContain('大屏 led-');
    expect(await page.locator('[data-device="led-3"]').textContent()).toBe('大屏 led-3 · 离线 · 无应答：检查电源和485接线');
    const suggestion = page.locator('[data-suggestion="tax-reg/w3"]');
    expect(await suggestion.textContent()).toContain('3 号窗口');
    expect(await suggestion.isVisible()).toBe(true);
    expect((await suggestion.boundingBox())!.height).toBeGreaterThan(20);
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(1080);
    await keepScreenshot(page, 'monitor-wall-busy');
  });
});

describe("alerts on the manager's monitor", () => {
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
    expect(await alert.textContent()).toContain('A 税务登记：1 人等候超过 10 分钟，最长 10 分');
    await keepScreenshot(page, 'monitor-alert');
    page.once('dialog', (dialog) => dialog.accept('已通知2号窗口'));
    await alert.locator('[data-action="acknowledge"]').click();
    await expect.poll(() => alert.getAttribute('data-acknowledged')).toBe('true');
    const live = await a.http('GET', '/api/supervision/halls/main/live', { token: d.tokens.manager });
    expect(live.body.alerts[0]).toMatchObject({ ackBy: 'm1', ackNote: '已通知2号窗口' });

    // the reports page's audit list says it in words: the hall's clock, the manager's name, the action
    const reports = await open('/staff/reports/?from=2026-11-23&to=2026-11-23');
    await loginAsManager(reports);
    const entry = reports.locator('[data-table="audit"] tr[data-audit-action="alert-acknowledge"]');
    await entry.waitFor();
    const cells = await entry.locator('td').allTextContents();
    expect([cells[0], cells[1], cells[2], cells[4]]).toEqual(['2026-11-23 10:10:00', '黄主任', '确认预警', '已通知2号窗口']);
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

describe('差评整改 on the reports page', () => {
  it("shows who, what and the visitor's words, and records a callback in a dialog (no browser prompt)", async () => {
    const a = await start();
    await scriptedDay(a);
    a.clock.set(at('12:00'));
    const page = await open('/staff/reports/?from=2026-11-23&to=2026-11-23');
    page.on('dialog', (d) => {
      errors.push(`browser dialog: ${d.message()}`);
      void d.dismiss();
    });
    await loginAsManager(page);
    const row = page.locator('[data-followup="A002"]');
    await row.waitFor();
    const text = await row.textContent();
    for (const part of ['发票领用', '3号窗口', '张敏', '2026-11-23 10:41']) expect(text).toContain(part);
    await row.locator('[data-action="record-callback"]').click();
    await page.locator('[data-step-dialog="callback"] textarea').waitFor();
    await page.keyboard.type('已电话联系，致歉并说明材料要求');
    await page.locator('[data-step-dialog] [data-confirm]').click();
    await expect.poll(() => row.getAttribute('data-status')).toBe('called-back');
  });
});

describe('report periods', () => {
  it("a preset sets the range (the hall's today), and the chart groups by day, week or month", async () => {
    await start();
    const page = await open('/staff/reports/');
    await loginAsManager(page);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    await page.locator(`[data-report-ready="${today}/${today}"]`).waitFor();
    const last = presetRange('last-month', today);
    await page.locator('[data-preset="last-month"]').click();
    await page.locator(`[data-report-ready="${last.from}/${last.to}"]`).waitFor();
    expect(await page.inputValue('input[name="from"]')).toBe(last.from);
    expect(await page.inputValue('input[name="to"]')).toBe(last.to);
    const days = Number(last.to.slice(8));
    expect(await page.locator('[data-grouping]').getAttribute('data-grouping')).toBe('day');
    expect(Number(await page.locator('[data-grouping]').getAttribute('data-periods'))).toBe(days);
    await page.selectOption('select[name="group"]', 'week');
    const weeks = new Set(Array.from({ length: days }, (_, i) => periodOf(`${last.from.slice(0, 8)}${String(i + 1).padStart(2, '0')}`, 'week').key)).size;
    await expect.poll(() => page.locator('[data-grouping]').getAttribute('data-grouping')).toBe('week');
    expect(Number(await page.locator('[data-grouping]').getAttribute('data-periods'))).toBe(weeks);
    await page.selectOption('select[name="group"]', 'month');
    await expect.poll(() => page.locator('[data-grouping]').getAttribute('data-periods')).toBe('1');
    await page.locator('[data-preset="this-year"]').click();
    const year = presetRange('this-year', today);
    await page.locator(`[data-report-ready="${year.from}/${year.to}"]`).waitFor();
    expect(await page.locator('[data-grouping]').getAttribute('data-grouping')).toBe(defaultGrouping(year.from, year.to));
  });
});
