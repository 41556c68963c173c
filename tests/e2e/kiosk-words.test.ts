import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { errorsEn } from '../../kiosk-ui/locales/errors.en.js';
import { errorsZhCN } from '../../kiosk-ui/locales/errors.zh-CN.js';
import { createAppointmentsFeature } from '../../server/appointments/feature.js';
import { bookOnline, phoneInbox } from '../integration/appointments/steps.js';
import { buildTestApp } from '../helpers/test-app.js';
import { openKiosk, useKioskBrowser } from './kiosk-kit.js';

const bj = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`).toISOString();

const fx = useKioskBrowser();

async function checkIn(page: Page, code: string): Promise<string> {
  await page.locator('[data-action="check-in"]').click();
  await page.locator('input[name="appointmentCode"]').fill(code);
  await page.keyboard.press('Enter');
  const error = page.locator('.form-error');
  await error.waitFor();
  return (await error.textContent()) ?? '';
}

describe("kiosk: a refusal in the visitor's language", () => {
  it("a check-in too early says so in Chinese, and in English after the language switch — never the server's message", async () => {
    const app = fx.serve(
      await buildTestApp({
        publicDir: inject('publicDir'),
        features: [createAppointmentsFeature({ jobIntervalMs: 3_600_000, phoneCodeNotifier: phoneInbox })],
      }),
    );
    const booked = await bookOnline(app, {
      serviceId: 'tax-reg',
      start: bj('2026-11-23', '15:00'),
      name: '张三',
      phone: '13812345678',
      idNumber: '11010519491231002X',
    });
    expect(booked.status, booked.text).toBe(201);
    app.clock.set(bj('2026-11-23', '10:05'));
    const refused = await app.http('POST', `/api/appointments/${booked.body.code}/check-in`, { token: await app.login('manager') });
    expect(refused.body.error.code).toBe('TOO_EARLY');

    const page = await openKiosk(fx.browser, app);
    expect(await checkIn(page, booked.body.code)).toBe(errorsZhCN.TOO_EARLY);
    await page.reload();
    await page.locator('[data-action="language"]').click();
    expect(await checkIn(page, booked.body.code)).toBe(errorsEn.TOO_EARLY);
    expect(errorsEn.TOO_EARLY).not.toBe(refused.body.error.message);
    await page.close();
  });
});
