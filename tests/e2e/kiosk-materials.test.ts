import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { testConfig } from '../helpers/test-config.js';
import { kioskHall, kioskPage, PAGE_ERRORS, PHONE, PORTRAIT, useKioskBrowser } from './kiosk-kit.js';

const fx = useKioskBrowser();

describe('一次性告知 after the service is chosen', () => {
  it('the kiosk ticket screen lists the materials, the printed ticket has them in short and the phone page in full', async () => {
    const config = testConfig();
    config.services = config.services.map((s) => (s.id === 'license' ? { ...s, materials: '1. 身份证原件\n2. 经营场所证明\n3. 公司章程' } : s));
    const { app: hall, printers } = await kioskHall('simulated', config);
    const app = fx.serve(hall);

    const kiosk = await kioskPage(fx.browser, app, PORTRAIT, '&return=60');
    await kiosk.locator('[data-service-id="license"]').tap();
    await kiosk.locator('[data-ticket-number="C001"]').waitFor();
    expect(await kiosk.locator('[data-materials]').textContent()).toContain('经营场所证明');
    const statusUrl = (await kiosk.locator('[data-status-url]').getAttribute('data-status-url'))!;

    await expect.poll(() => printers!.simulator('prn-1')!.jobs.length).toBe(1);
    const job = printers!.simulator('prn-1')!.lastJob!;
    expect(job.includes(iconv.encode('身份证原件、经营场所证明、公司章程', 'gbk'))).toBe(true);

    // a service without materials shows no empty box
    await kiosk.locator('button.done').tap();
    await kiosk.waitForTimeout(1600); // time itself is the condition: past the 1.5 s double-tap guard (a slow machine only waits longer)
    await kiosk.locator('[data-service-id="invoice"]').tap();
    await kiosk.locator('[data-ticket-number="B001"]').waitFor();
    expect(await kiosk.locator('[data-materials]').count()).toBe(0);

    const phone = await fx.browser.newPage({ viewport: PHONE });
    phone.on('pageerror', (e) => PAGE_ERRORS.push(e.message));
    await phone.goto(statusUrl.replace(/^https?:\/\/[^/]+/, app.url));
    await expect.poll(() => phone.locator('[data-materials]').textContent()).toContain('公司章程');
    await kiosk.close();
    await phone.close();
  });
});
