import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { adminFeature } from '../../server/admin/admin-feature.js';
import { createAppointmentsFeature } from '../../server/appointments/feature.js';
import { phoneInbox } from '../integration/appointments/steps.js';
import { launchBrowser } from '../helpers/browser.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { PASSWORD } from '../helpers/test-config.js';

const bj = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`).toISOString();
const ADDRESS = '人民路 88 号市民中心一楼';

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

async function hallWithAddress(): Promise<TestApp> {
  const a = await buildTestApp({
    publicDir: inject('publicDir'),
    features: [adminFeature, createAppointmentsFeature({ jobIntervalMs: 3_600_000, phoneCodeNotifier: phoneInbox })],
  });
  const res = await a.http('PATCH', '/api/admin/halls/main', { token: await a.login('manager'), body: { address: ADDRESS } });
  expect(res.status, res.text).toBe(200);
  return a;
}

async function open(url: string, viewport = { width: 390, height: 844 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(url);
  return page;
}

describe('the booking page: where to go, the ID number rule and landlines', () => {
  it('names the hall and its address, asks a first booking for the ID number, and shows both on the booking', async () => {
    app = await hallWithAddress();
    const page = await open(`${app.url}/book/?hall=main`);
    expect(await page.locator('[data-hall-place]').textContent()).toContain(`市政务服务中心 · ${ADDRESS}`);
    await page.locator('[data-service-id="tax-reg"]').click();
    await page.locator(`[data-slot-start="${bj('2026-11-23', '10:30')}"]`).click();
    await page.locator('input[name="name"]').fill('张三');
    await page.locator('input[name="phone"]').fill('13812345678');
    await page.locator('[data-action="send-code"]').click();
    await page.locator('[data-code-sent]').waitFor();
    await page.locator('input[name="phoneCode"]').fill(phoneInbox.lastCode('13812345678'));
    await page.locator('button[type="submit"]').click();
    const refusal = page.locator('[data-error-field="idNumber"]');
    await refusal.waitFor();
    expect(await refusal.textContent()).toBe('此手机号首次在本大厅预约（或曾预约未到），请填写身份证号码');

    await page.locator('input[name="idNumber"]').fill('11010519491231002X');
    await page.locator('button[type="submit"]').click();
    const card = page.locator('.booking-card[data-appointment-code]');
    await card.waitFor();
    expect(await card.locator('[data-hall-place]').textContent()).toBe(`市政务服务中心${ADDRESS}`);
    expect(await card.textContent()).toContain('请于 10:00–11:00 到大厅签到');
    expect(await page.locator('[data-no-sms]').count()).toBe(0);
  });

  it("staff booking a landline by phone are told it gets no SMS, and choose the language of the visitor's messages", async () => {
    app = await hallWithAddress();
    const page = await open(`${app.url}/staff/booking/`, { width: 1280, height: 900 });
    await page.locator('input[name="username"]').fill('wangfang');
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.locator('[data-service-id="tax-reg"]').click();
    await page.locator(`[data-slot-start="${bj('2026-11-23', '14:30')}"]`).click();
    await page.locator('input[name="name"]').fill('王五');
    await page.locator('input[name="phone"]').fill('0571-8765 4321');
    await page.locator('select[name="messageLang"]').selectOption('en');
    await page.locator('button[type="submit"]').click();
    const code = await page.locator('.booking-card[data-appointment-code]').getAttribute('data-appointment-code');
    // the language staff chose for the visitor's messages (a landline gets none, but the booking keeps it)
    expect((await app.server.stores.appointments.byCode(code!))?.lang).toBe('en');
    expect(await page.locator('[data-no-sms]').textContent()).toContain('此号码为固定电话，收不到短信');
    expect(await page.locator('.booking-card').textContent()).toContain('0571****4321');
  });
});
