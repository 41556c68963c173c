import { describe, expect, it } from 'vitest';
import { keepScreenshot } from '../helpers/browser.js';
import { issueAt, kioskHall, LANDSCAPE, openKiosk, useKioskBrowser } from './kiosk-kit.js';

const fx = useKioskBrowser();

describe('kiosk: robustness', () => {
  it('shows an offline banner when the server stops, and recovers (with fresh counts) when it returns', async () => {
    const app = fx.serve((await kioskHall()).app);
    const page = await openKiosk(fx.browser, app);
    await app.stop();
    await page.locator('[data-offline]').waitFor();
    expect(await page.locator('[data-service-id="tax-reg"]').isDisabled()).toBe(true);
    await keepScreenshot(page, 'kiosk-offline');
    await app.restart();
    await issueAt(app, 'tax-reg');
    await page.locator('[data-offline]').waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('[data-service-id="tax-reg"] [data-waiting]').getAttribute('data-waiting')).toBe('1');
    await page.locator('[data-service-id="tax-reg"]').click();
    await page.locator('[data-ticket-number="A002"]').waitFor();
    await page.close();
  });

  it('shows why a service cannot be taken outside opening hours and does not issue it', async () => {
    const app = fx.serve((await kioskHall()).app);
    app.clock.set('2026-11-23T04:30:00.000Z'); // 12:30 Beijing: lunch break
    const page = await openKiosk(fx.browser, app, LANDSCAPE);
    const service = page.locator('[data-service-id="tax-reg"]');
    expect(await service.getAttribute('data-open')).toBe('false');
    expect(await service.isDisabled()).toBe(true);
    expect(await service.textContent()).toContain('暂停取号');
    expect(await page.locator('[data-hall-closed]').textContent()).toContain('13:00');
    await keepScreenshot(page, 'kiosk-closed-landscape');
    await page.close();
  });

  it('allows no text selection or context menu, no zoom, and hides appointment check-in while appointments are off', async () => {
    const app = fx.serve((await kioskHall()).app);
    const page = await openKiosk(fx.browser, app);
    expect(await page.evaluate(() => getComputedStyle(document.body).userSelect)).toBe('none');
    const prevented = await page.evaluate(() => {
      const menu = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
      document.querySelector('[data-service-id]')!.dispatchEvent(menu);
      return menu.defaultPrevented;
    });
    expect(prevented).toBe(true);
    expect(await page.locator('meta[name="viewport"]').getAttribute('content')).toContain('user-scalable=no');
    expect(await page.locator('[data-action="check-in"]').count()).toBe(0);
    await page.close();
  });
});

describe('kiosk: 适老化 large mode', () => {
  it('switches to very large high-contrast type and speaks the choices in Chinese', async () => {
    const app = fx.serve((await kioskHall()).app);
    const page = await openKiosk(fx.browser, app);
    const normal = await page
      .locator('.service-name')
      .first()
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    await page.locator('[data-action="large-mode"]').click();
    expect(await page.locator('.kiosk').getAttribute('data-large')).toBe('true');
    const large = await page
      .locator('.service-name')
      .first()
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(large).toBeGreaterThan(normal * 1.5);
    const spoken = await page.evaluate(() => document.body.dataset.lastSpoken ?? '');
    expect(spoken).toContain('请选择要办理的业务');
    expect(spoken).toContain('税务登记');
    await keepScreenshot(page, 'kiosk-large-mode');
    await page.locator('[data-service-id="invoice"]').click();
    await page.locator('[data-ticket-number="B001"]').waitFor();
    expect(await page.evaluate(() => document.body.dataset.lastSpoken ?? '')).toContain('B 零 零 一');
    await page.close();
  });

  it('switches to English for one visitor and is back in Chinese for the next', async () => {
    const app = fx.serve((await kioskHall()).app);
    const page = await openKiosk(fx.browser, app);
    await page.locator('[data-action="language"]').click();
    await expect.poll(() => page.locator('.prompt').textContent()).toBe('Choose the service you need');
    await page.locator('[data-service-id="invoice"]').click();
    await page.locator('[data-ticket-number="B001"]').waitFor();
    expect(await page.locator('.ticket-label').textContent()).toBe('Your number');
    await page.locator('.big-button.done').click();
    await expect.poll(() => page.locator('.prompt').textContent()).toBe('请选择要办理的业务');
    await page.close();
  });
});
