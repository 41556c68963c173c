import { describe, expect, it } from 'vitest';
import { keepScreenshot } from '../helpers/browser.js';
import { refusedPort } from '../devices/printer-recorder.js';
import { kioskHall, LANDSCAPE, openKiosk, useKioskBrowser } from './kiosk-kit.js';

const fx = useKioskBrowser();

describe('kiosk: when the printer cannot print', () => {
  it('shows the ticket and QR on screen and says the printer is offline when its connection is refused', async () => {
    const app = fx.serve((await kioskHall(`tcp://127.0.0.1:${await refusedPort()}`)).app);
    const page = await openKiosk(fx.browser, app);
    await page.locator('[data-service-id="invoice"]').click();
    await page.locator('[data-ticket-number="B001"]').waitFor();
    await page.locator('[data-qr-ready="true"] svg').waitFor();
    await expect.poll(() => page.locator('[data-printer-state]').getAttribute('data-printer-state')).toBe('offline');
    expect(await page.locator('[data-printer-state]').textContent()).toContain('打印机暂时无法出票');
    const snapshot = await app.http('GET', '/api/halls/main/snapshot', { token: await app.login('manager') });
    expect(snapshot.body.devices).toContainEqual(expect.objectContaining({ id: 'prn-1', kind: 'printer', status: 'offline' }));
    await keepScreenshot(page, 'kiosk-ticket-printer-offline-portrait');
    await page.close();
  });

  it('shows the ticket and QR on screen and says the printer is out when it has no paper', async () => {
    const hall = await kioskHall();
    const app = fx.serve(hall.app);
    const page = await openKiosk(fx.browser, app, LANDSCAPE);
    hall.printers.simulator('prn-1')!.setState('paper_out');
    await page.locator('[data-service-id="tax-reg"]').click();
    await page.locator('[data-ticket-number="A001"]').waitFor();
    await page.locator('[data-qr-ready="true"] svg').waitFor();
    await expect.poll(() => page.locator('[data-printer-state]').getAttribute('data-printer-state')).toBe('paper_out');
    expect(await page.locator('[data-printer-state]').textContent()).toContain('缺纸');
    await keepScreenshot(page, 'kiosk-ticket-printer-out-landscape');
    await page.close();
  });
});
