import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAppointmentsFeature } from '../../server/appointments/feature.js';
import { bookOnline, phoneInbox } from '../integration/appointments/steps.js';
import { keepScreenshot, launchBrowser } from '../helpers/browser.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { TOKENS } from '../helpers/test-config.js';

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

async function open(url: string, viewport: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(url);
  return page;
}

describe('checking in from the phone with the door code on the hall board', () => {
  it('the board shows the code and its QR; a phone that opened its booking scans it and checks in; a typed old code is refused', async () => {
    app = await buildTestApp({
      publicDir: inject('publicDir'),
      features: [createAppointmentsFeature({ jobIntervalMs: 3_600_000, phoneCodeNotifier: phoneInbox })],
    });
    const booked = await bookOnline(app, {
      serviceId: 'tax-reg',
      start: bj('2026-11-23', '10:30'),
      name: '李四',
      phone: '13900001111',
      idNumber: '11010519491231002X',
    });
    expect(booked.status, booked.text).toBe(201);
    app.clock.set(bj('2026-11-23', '10:10'));

    const board = await open(`${app.url}/display/hall/?hall=main&zone=f1&token=${TOKENS.display}`, { width: 1920, height: 1080 });
    const panel = board.locator('[data-door-code]');
    await panel.waitFor();
    const shown = (await panel.getAttribute('data-door-code'))!;
    expect(shown).toMatch(/^\d{6}$/);
    expect(await panel.locator('.hb-door-code').textContent()).toBe(shown);
    await panel.locator('.hb-door-qr svg').waitFor();
    await keepScreenshot(board, 'hall-board-door-code');

    // at home: the booking opened by its link, the check-in without the hall's code is refused
    const phone = await open(`${app.url}/book/${booked.body.code}`, { width: 390, height: 844 });
    await phone.locator('input[name="phoneLast4"]').fill('1111');
    await phone.locator('form.lookup button[type="submit"]').click();
    await phone.locator('[data-appointment-code][data-status="booked"]').waitFor();
    await phone.locator('[data-action="check-in"]').click();
    expect(await phone.locator('[data-error-field="doorCode"]').textContent()).toBe('请先扫描大厅屏幕上的二维码，或输入屏幕上的6位签到码');

    // a code read 10 minutes ago has changed twice since
    app.clock.set(bj('2026-11-23', '10:20'));
    await phone.locator('input[name="doorCode"]').fill(shown);
    await phone.locator('[data-action="check-in"]').click();
    await phone.locator('[data-error-field="doorCode"]', { hasText: '签到码已更新' }).waitFor();
    expect(await phone.locator('[data-status="booked"]').count()).toBe(1);

    // in the hall: the board shows the new code; the phone's camera opens its QR's address
    const fresh = await app.http('GET', '/api/halls/main/door-code', { token: TOKENS.display });
    expect(fresh.body.code).not.toBe(shown);
    await board.reload();
    await board.locator(`[data-door-code="${fresh.body.code}"]`).waitFor();
    await phone.goto(`${app.url}${fresh.body.url}`);
    const doorInput = phone.locator('input[name="doorCode"]');
    await doorInput.waitFor();
    expect(await doorInput.inputValue()).toBe(fresh.body.code);
    await phone.locator('[data-action="check-in"]').click();
    const number = phone.locator('[data-ticket-number]');
    await number.waitFor();
    expect(await number.getAttribute('data-ticket-number')).toMatch(/^A\d{3}$/);
    const after = await app.http('GET', `/api/appointments/${booked.body.code}?phoneLast4=1111`);
    expect(after.body).toMatchObject({ status: 'checked_in', ticketNumber: await number.getAttribute('data-ticket-number') });
  });
});
