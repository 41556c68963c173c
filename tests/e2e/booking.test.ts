import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAppointmentsFeature } from '../../server/appointments/feature.js';
import { bookOnline, idNumber, phoneInbox } from '../integration/appointments/steps.js';
import { keepScreenshot, launchBrowser } from '../helpers/browser.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { PASSWORD, TOKENS } from '../helpers/test-config.js';

const bj = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`).toISOString();

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

async function hall(): Promise<TestApp> {
  const a = await buildTestApp({
    publicDir: inject('publicDir'),
    features: [createAppointmentsFeature({ jobIntervalMs: 3_600_000, phoneCodeNotifier: phoneInbox })],
  });
  const res = await a.http('PUT', '/api/services/tax-reg/booking', { token: await a.login('manager'), body: { materials: '营业执照副本；法定代表人身份证' } });
  expect(res.status).toBe(204);
  return a;
}

async function phonePage(url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(url);
  return page;
}

async function pickSlot(page: Page, start: string) {
  await page.locator('[data-service-id="tax-reg"]').click();
  await page.locator(`[data-slot-start="${start}"]`).click();
}

describe('booking on /book/ and checking in', () => {
  it('a visitor books on the phone page, sees the code, QR and materials, then checks in at the kiosk with the code', async () => {
    app = await hall();
    const page = await phonePage(`${app.url}/book/?hall=main`);
    await pickSlot(page, bj('2026-11-23', '10:30'));
    await page.locator('input[name="name"]').fill('张三');
    await page.locator('input[name="phone"]').fill('123');
    await page.locator('button[type="submit"]').click();
    await page.locator('[data-error-field="phone"]').waitFor();

    await page.locator('input[name="phone"]').fill('13812345678');
    await page.locator('input[name="idNumber"]').fill('11010519491231002X');
    // the mobile number is confirmed by the SMS code before the place is held
    await page.locator('[data-action="send-code"]').click();
    await page.locator('[data-code-sent]').waitFor();
    await page.locator('input[name="phoneCode"]').fill(phoneInbox.lastCode('13812345678'));
    await page.locator('button[type="submit"]').click();
    const card = page.locator('[data-appointment-code]');
    await card.waitFor();
    const code = (await card.getAttribute('data-appointment-code'))!;
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    expect(await card.textContent()).toContain('营业执照副本；法定代表人身份证');
    await page.locator('.booking-card .qr svg').waitFor();
    await keepScreenshot(page, 'booking-confirmation');
    expect(await card.textContent()).toContain('138****5678');
    const booked = await app.http('GET', `/api/appointments/${code}`, { token: await app.login('manager') });
    expect(booked.body).toMatchObject({ status: 'booked', start: bj('2026-11-23', '10:30'), idNumberLast4: '002X' });

    app.clock.set(bj('2026-11-23', '10:05'));
    const kiosk = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    kiosk.on('pageerror', (err) => errors.push(err.message));
    await kiosk.goto(`${app.url}/kiosk/?hall=main&token=${TOKENS.kiosk}`);
    await kiosk.locator('[data-action="check-in"]').click();
    await kiosk.locator('input[name="appointmentCode"]').fill(code);
    await kiosk.locator('input[name="appointmentCode"]').press('Enter');
    const number = kiosk.locator('[data-ticket-number]');
    await number.waitFor();
    const after = await app.http('GET', `/api/appointments/${code}?phoneLast4=5678`);
    expect(after.body.status).toBe('checked_in');
    expect(await number.getAttribute('data-ticket-number')).toBe(after.body.ticketNumber);
    await keepScreenshot(kiosk, 'kiosk-appointment-ticket');
  });

  it('the booking link checks in from the phone and shows the ticket number', async () => {
    app = await hall();
    const res = await bookOnline(app, {
      serviceId: 'tax-reg',
      start: bj('2026-11-23', '10:30'),
      name: '李四',
      phone: '13900001111',
      idNumber: '11010519491231002X',
    });
    app.clock.set(bj('2026-11-23', '10:10'));
    const page = await phonePage(`${app.url}/book/${res.body.code}`);
    // the link holds the code; the page asks for the phone's last 4 digits before it shows anything
    await page.locator('input[name="phoneLast4"]').fill('1111');
    await page.locator('form.lookup button[type="submit"]').click();
    await page.locator('[data-appointment-code][data-status="booked"]').waitFor();
    // in the hall: the code on its board (door-code.test.ts scans its QR)
    const door = await app.http('GET', '/api/halls/main/door-code', { token: TOKENS.display });
    await page.locator('input[name="doorCode"]').fill(door.body.code);
    await page.locator('[data-action="check-in"]').click();
    const number = page.locator('[data-ticket-number]');
    await number.waitFor();
    expect(await number.getAttribute('data-ticket-number')).toMatch(/^A\d{3}$/);
    expect(await page.locator('a[href^="/t/"]').count()).toBe(1);
  });

  it('a full slot cannot be picked; staff book a phone request on /staff/booking/ and see it in the day list', async () => {
    app = await hall();
    await app.http('PUT', '/api/services/tax-reg/booking', { token: await app.login('manager'), body: { capacityPerWindow: 1 } });
    for (const phone of ['13800000001', '13800000002']) {
      await bookOnline(app, {
        serviceId: 'tax-reg',
        start: bj('2026-11-23', '14:00'),
        name: '访客',
        phone,
        idNumber: idNumber(`1101051990030723${phone.slice(-1)}`),
      });
    }
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${app.url}/staff/booking/`);
    await page.locator('input[name="username"]').fill('wangfang');
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.locator('[data-service-id="tax-reg"]').click();
    expect(await page.locator(`[data-slot-start="${bj('2026-11-23', '14:00')}"]`).isDisabled()).toBe(true);
    await page.locator(`[data-slot-start="${bj('2026-11-23', '14:30')}"]`).click();
    await page.locator('input[name="name"]').fill('王五');
    await page.locator('input[name="phone"]').fill('13700000000');
    await page.locator('button[type="submit"]').click();
    const code = await page.locator('.booking-card[data-appointment-code]').getAttribute('data-appointment-code');
    const row = page.locator(`tr[data-appointment-code="${code}"]`);
    await row.waitFor();
    // window staff see the phone masked in the list
    expect(await row.textContent()).toContain('137****0000');
    const stored = await app.http('GET', `/api/appointments/${code}`, { token: await app.login('manager') });
    expect(stored.body).toMatchObject({ channel: 'phone', name: '王五' });
  });
});
