import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, inject } from 'vitest';
import { adminFeature } from '../../server/admin/admin-feature.js';
import { createHaochaFeature } from '../../server/haocha/feature.js';
import { createSupervisionFeature } from '../../server/supervision/feature.js';
import { keepScreenshot, launchBrowser } from '../helpers/browser.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { scriptedDay } from '../integration/reports/scripted-day.js';
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

describe('administration console: 好差评 对接', () => {
  it('shows what is pending, sent and failed for the hall', async () => {
    app = await buildTestApp({
      features: [
        adminFeature,
        createSupervisionFeature({ checkIntervalMs: 3_600_000, debounceMs: 3_600_000 }),
        createHaochaFeature({ dispatchEveryMs: 3_600_000 }),
      ],
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

  it("the manager sets the hall's codes, the admin the endpoint; the pushes go out with the codes and show as sent", async () => {
    const got: {
      body: { kind: string; ticket: { number: string }; hall: { code: string }; service: { code: string } | null; window: { code: string } | null };
    }[] = [];
    const platform = createServer((req, res) => {
      let data = '';
      req.on('data', (c) => {
        data += c;
      });
      req.on('end', () => {
        got.push({ body: JSON.parse(data) });
        res.writeHead(200).end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => platform.listen(0, '127.0.0.1', resolve));
    try {
      app = await buildTestApp({
        features: [
          adminFeature,
          createSupervisionFeature({ checkIntervalMs: 3_600_000, debounceMs: 3_600_000 }),
          createHaochaFeature({ dispatchEveryMs: 200 }),
        ],
        publicDir: inject('publicDir'),
      });
      await scriptedDay(app);
      const page = await openAdmin(browser, app, 'manager');
      await page.locator('[data-tab="haocha"]').click();
      await page.locator('[data-haocha-no-endpoint]').waitFor();
      expect(await page.locator('form[data-form="haocha-endpoint"]').count()).toBe(0); // the endpoint is the admin's
      const form = page.locator('form[data-form="haocha-codes"]');
      await form.locator('input[name="hallCode"]').fill('330100-ZWFW');
      await form.locator('input[name="service-code-tax-reg"]').fill('SX-TAX-001');
      await form.locator('input[name="window-code-w1"]').fill('CK-01');
      await form.locator('[data-admin-action="save-haocha-codes"]').click();
      await expect
        .poll(async () => (await app!.http('GET', '/api/haocha/halls/main/mapping', { token: await app!.login('manager') })).body.mapping)
        .toEqual({ hallCode: '330100-ZWFW', services: { 'tax-reg': 'SX-TAX-001' }, windows: { w1: 'CK-01' } });
      expect(got).toHaveLength(0);

      const adminPage = await openAdmin(browser, app, 'admin');
      await adminPage.locator('[data-tab="haocha"]').click();
      await adminPage.locator('input[name="haochaUrl"]').fill(`http://127.0.0.1:${(platform.address() as AddressInfo).port}/haocha`);
      await adminPage.locator('[data-admin-action="save-haocha-endpoint"]').click();
      await expect.poll(() => got.length).toBe(3);
      const a001 = got.find((g) => g.body.ticket.number === 'A001')!.body;
      expect(a001).toMatchObject({ kind: 'rating', hall: { code: '330100-ZWFW' }, service: { code: 'SX-TAX-001' }, window: { code: 'CK-01' } });

      await page.reload();
      await page.locator('[data-tab="haocha"]').click();
      await expect.poll(() => page.locator('[data-haocha-counts]').getAttribute('data-haocha-counts')).toBe('0/3/0');
      expect(await page.locator('[data-haocha-no-endpoint]').count()).toBe(0);
      expect(await page.locator('tr[data-haocha-status="sent"]').count()).toBe(3);
      await keepScreenshot(page, 'admin-haocha');
      await adminPage.close();
      await page.close();
    } finally {
      await new Promise((resolve) => platform.close(resolve));
    }
  });
});
