import { describe, expect, inject, it } from 'vitest';
import { createAppointmentsFeature } from '../../server/appointments/feature.js';
import { buildTestApp } from '../helpers/test-app.js';
import { kioskHall, openKiosk, useKioskBrowser } from './kiosk-kit.js';

const fx = useKioskBrowser();

describe('kiosk: the next visitor finds it as new', () => {
  it('goes back to Chinese, standard text and no 绿色通道 after the configured idle time without a touch', async () => {
    const app = fx.serve((await kioskHall()).app);
    const page = await openKiosk(fx.browser, app, undefined, '&idle=2');
    await page.locator('[data-action="language"]').tap();
    await page.locator('[data-action="large-mode"]').tap();
    await page.locator('[data-action="priority"]').tap();
    await expect.poll(() => page.locator('.kiosk').getAttribute('lang')).toBe('en');
    expect(await page.locator('.kiosk').getAttribute('data-large')).toBe('true');
    expect(await page.locator('[data-action="priority"]').getAttribute('aria-pressed')).toBe('true');

    await expect.poll(() => page.locator('.kiosk').getAttribute('lang')).toBe('zh-CN');
    expect(await page.locator('.kiosk').getAttribute('data-large')).toBe('false');
    expect(await page.locator('[data-action="priority"]').getAttribute('aria-pressed')).toBe('false');

    // the next visitor's tap gives an ordinary ticket
    await page.locator('[data-service-id="invoice"]').tap();
    const id = await page.locator('[data-ticket-id]').getAttribute('data-ticket-id');
    const ticket = await app.http('GET', `/api/tickets/${id}`, { token: await app.login('manager') });
    expect(ticket.body).toMatchObject({ number: 'B001', priority: 'normal' });
    await page.close();
  });

  it('keeps its state while the visitor keeps touching it', async () => {
    const app = fx.serve((await kioskHall()).app);
    const page = await openKiosk(fx.browser, app, undefined, '&idle=3');
    await page.locator('[data-action="language"]').tap();
    // touches one after another for 4.5 s: however slow the machine makes a tap, none comes near the 3 s idle time after the last
    const touchedUntil = Date.now() + 4500;
    while (Date.now() < touchedUntil) await page.locator('.prompt').tap();
    // 4.5 s of touches, each within the 3 s idle time: still English
    expect(await page.locator('.kiosk').getAttribute('lang')).toBe('en');
    await page.close();
  });

  it('gives 绿色通道 to one ticket only', async () => {
    const app = fx.serve((await kioskHall()).app);
    const page = await openKiosk(fx.browser, app, undefined, '&return=60');
    await page.locator('[data-action="priority"]').tap();
    await page.locator('[data-service-id="license"]').tap();
    await page.locator('[data-ticket-number="C001"]').waitFor();
    await page.locator('button.done').tap();
    await page.locator('[data-service-id="license"]').waitFor();
    expect(await page.locator('[data-action="priority"]').getAttribute('aria-pressed')).toBe('false');
    await page.waitForTimeout(1600); // time itself is the condition: past the 1.5 s double-tap guard (a slow machine only waits longer)
    await page.locator('[data-service-id="license"]').tap();
    const id = await page.locator('[data-ticket-id]').getAttribute('data-ticket-id');
    const ticket = await app.http('GET', `/api/tickets/${id}`, { token: await app.login('manager') });
    expect(ticket.body).toMatchObject({ number: 'C002', priority: 'normal' });
    await page.close();
  });

  it('leaves the 预约签到 screen with a half-typed code after the idle time', async () => {
    const app = fx.serve(await buildTestApp({ publicDir: inject('publicDir'), features: [createAppointmentsFeature({ jobIntervalMs: 3_600_000 })] }));
    const page = await openKiosk(fx.browser, app, undefined, '&idle=2');
    await page.locator('[data-action="check-in"]').tap();
    await page.locator('.keypad .key', { hasText: /^A$/ }).tap();
    await page.locator('.keypad .key', { hasText: /^B$/ }).tap();
    await expect.poll(() => page.locator('.code-input').inputValue()).toBe('AB');
    await page.locator('.code-input').waitFor({ state: 'detached' });
    await page.locator('[data-service-id="tax-reg"]').waitFor();
    // and a new visitor opening 预约签到 starts with an empty code
    await page.locator('[data-action="check-in"]').tap();
    expect(await page.locator('.code-input').inputValue()).toBe('');
    await page.close();
  });
});
