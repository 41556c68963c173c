import iconv from 'iconv-lite';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { printingFeature } from '../../server/printing/printing-feature.js';
import { errorsEn as staffEn } from '../../staff-ui/locales/errors.en.js';
import { errorsZhCN as staffZh } from '../../staff-ui/locales/errors.zh-CN.js';
import { RecordingPrinterServer } from '../devices/printer-recorder.js';
import { launchBrowser } from '../helpers/browser.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { testConfig } from '../helpers/test-config.js';
import { clickAction, consoleLogin, issue, pageErrors } from './calling-kit.js';

let browser: Browser;
let app: TestApp | undefined;
let printer: RecordingPrinterServer | undefined;
let page: Page | undefined;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  if (page) expect(pageErrors(page)).toEqual([]);
  await page?.close();
  await app?.close();
  await printer?.close();
  page = undefined;
  app = undefined;
  printer = undefined;
});

/** The test hall with kiosk-1's printer on a TCP stand-in (a network printer on port 9100 in a hall). */
async function hallWithNetworkPrinter(): Promise<TestApp> {
  printer = new RecordingPrinterServer();
  await printer.listen();
  const config = testConfig();
  config.hardware = [{ id: 'prn-1', kind: 'printer', interface: printer.url, kioskId: 'kiosk-1' }];
  app = await buildTestApp({ config, publicDir: inject('publicDir'), features: [printingFeature({ publicUrl: 'https://hall.example', retryMs: 60_000 })] });
  return app;
}

describe('staff console: 重打 (reprint)', () => {
  it("prints the window's ticket again on its kiosk's printer, marked 补打, and says so", async () => {
    const a = await hallWithNetworkPrinter();
    const [number] = await issue(a, 'tax-reg');
    await printer!.nextJob(1); // the ticket as issued
    page = await consoleLogin(browser, a, 'wangfang', 'w1');
    await clickAction(page, 'open');
    await page.waitForSelector('.console[data-window-status="open"]');
    await clickAction(page, 'call-next');
    await page.waitForSelector(`[data-current-number="${number}"]`);

    await page.click(`[data-reprint="${number}"]`);
    const job = await printer!.nextJob(2);
    expect(job.includes(Buffer.from(number!))).toBe(true);
    expect(job.includes(iconv.encode('（补打）', 'gbk'))).toBe(true);
    await page.waitForSelector(`.notice.ok:has-text("${number} 已重新打印")`);

    // the last ticket handled stays reprintable after it is finished
    await clickAction(page, 'start');
    await clickAction(page, 'finish');
    await page.waitForSelector('.current[data-ticket-status="done"]');
    await page.click(`[data-reprint="${number}"]`);
    expect((await printer!.nextJob(3)).includes(Buffer.from(number!))).toBe(true);
  });

  it("says why when the ticket was not taken at a kiosk with a printer, in the console's language (not the server's English message)", async () => {
    const a = await hallWithNetworkPrinter();
    const token = await a.login('manager');
    const res = await a.http('POST', '/api/tickets', { token, body: { serviceId: 'tax-reg' } });
    expect(res.status).toBe(201);
    page = await consoleLogin(browser, a, 'wangfang', 'w1');
    await clickAction(page, 'open');
    await clickAction(page, 'call-next');
    await page.waitForSelector(`[data-current-number="${res.body.number}"]`);
    await page.click(`[data-reprint="${res.body.number}"]`);
    await page.waitForSelector('.notice.error');
    expect(await page.textContent('.notice.error')).toBe(staffZh.NO_PRINTER);

    await page.goto(`${a.url}/staff/?window=w1&lang=en`);
    await page.click(`[data-reprint="${res.body.number}"]`);
    await page.waitForSelector('.notice.error');
    expect(await page.textContent('.notice.error')).toBe(staffEn.NO_PRINTER);
    expect(printer!.jobs).toHaveLength(0);
  });
});
