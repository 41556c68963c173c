import { describe, expect, inject, it } from 'vitest';
import { createAppointmentsFeature } from '../../server/appointments/feature.js';
import { bookOnline, phoneInbox } from '../integration/appointments/steps.js';
import { printingFeature } from '../../server/printing/printing-feature.js';
import { keepScreenshot } from '../helpers/browser.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { openKiosk, useKioskBrowser } from './kiosk-kit.js';

const bj = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`).toISOString();

const fx = useKioskBrowser();

async function hallWithAppointments(): Promise<TestApp> {
  return buildTestApp({
    publicDir: inject('publicDir'),
    features: [printingFeature(), createAppointmentsFeature({ jobIntervalMs: 3_600_000, phoneCodeNotifier: phoneInbox })],
  });
}

async function book(a: TestApp, start: string): Promise<string> {
  const res = await bookOnline(a, { serviceId: 'tax-reg', start, name: '张三', phone: '13812345678', idNumber: '11010519491231002X' });
  expect(res.status, res.text).toBe(201);
  return res.body.code as string;
}

describe('kiosk: appointment check-in', () => {
  it('shows the entry when appointments are on, checks in a scanned code and shows the ticket like any other', async () => {
    const app = fx.serve(await hallWithAppointments());
    const code = await book(app, bj('2026-11-23', '10:30'));
    app.clock.set(bj('2026-11-23', '10:05'));
    const page = await openKiosk(fx.browser, app);
    await page.locator('[data-action="check-in"]').click();
    await page.locator('input[name="appointmentCode"]').waitFor();
    await keepScreenshot(page, 'kiosk-check-in');
    // a QR reader acting as a keyboard types the booking link and presses Enter
    await page.keyboard.type(`${app.url}/appointments/${code}`);
    await page.keyboard.press('Enter');
    const number = page.locator('[data-ticket-number]');
    await number.waitFor();
    const ticketId = await page.locator('[data-ticket-id]').getAttribute('data-ticket-id');
    const ticket = await app.http('GET', `/api/tickets/${ticketId}`, { token: await app.login('manager') });
    expect(ticket.body).toMatchObject({ appointment: true, serviceId: 'tax-reg' });
    expect(await number.getAttribute('data-ticket-number')).toBe(ticket.body.number);
    await page.close();
  });

  it('says why a code is refused and stays on the check-in screen', async () => {
    const app = fx.serve(await hallWithAppointments());
    const page = await openKiosk(fx.browser, app);
    await page.locator('[data-action="check-in"]').click();
    for (const key of ['Z', 'Z', '9']) await page.locator('.key', { hasText: new RegExp(`^${key}$`) }).click();
    expect(await page.locator('input[name="appointmentCode"]').inputValue()).toBe('ZZ9');
    await page.locator('.big-button.primary').click();
    await page.locator('.form-error').waitFor();
    expect(await page.locator('.form-error').textContent()).toContain('预约码不正确');
    expect(await page.locator('[data-ticket-number]').count()).toBe(0);
    await page.close();
  });
});
