import { describe, expect, it } from 'vitest';
import { keepScreenshot } from '../helpers/browser.js';
import { testConfig, TOKENS } from '../helpers/test-config.js';
import { kioskHall, kioskPage, PAGE_ERRORS, PHONE, PORTRAIT, useKioskBrowser } from './kiosk-kit.js';

const fx = useKioskBrowser();

describe('a call on another floor', () => {
  it("the ticket names the floor, the 一楼 board carries 二楼's call (smaller) and the phone page says where to go", async () => {
    const config = testConfig();
    config.halls[0]!.zones = [
      { id: 'f1', name: '一楼', announceFrom: ['f2'] },
      { id: 'f2', name: '二楼' },
    ];
    config.devices = config.devices!.map((d) => (d.id === 'kiosk-1' ? { ...d, zoneId: 'f1' } : d));
    const { app: hall, printers } = await kioskHall('simulated', config);
    const app = fx.serve(hall);

    const kiosk = await kioskPage(fx.browser, app, PORTRAIT, '&return=60');
    await kiosk.locator('[data-service-id="license"]').tap();
    await kiosk.locator('[data-ticket-number="C001"]').waitFor();
    await expect.poll(() => kiosk.locator('.ticket-windows').textContent()).toBe('请留意叫号，到 1 号窗口，二楼 4 号窗口办理');
    await keepScreenshot(kiosk, 'kiosk-ticket-other-floor');
    const statusUrl = (await kiosk.locator('[data-status-url]').getAttribute('data-status-url'))!;
    await expect.poll(() => printers!.simulator('prn-1')!.jobs.length).toBe(1);

    const board = await fx.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    board.on('pageerror', (e) => PAGE_ERRORS.push(e.message));
    await board.goto(`${app.url}/display/hall/?hall=main&zone=f1&token=${TOKENS.display}`);
    await board.locator('.hall-board').waitFor();

    const w4 = await app.login('chenjing');
    expect((await app.http('POST', '/api/windows/w4/open', { token: w4 })).status).toBe(200);
    expect((await app.http('POST', '/api/windows/w4/call-next', { token: w4 })).status).toBe(200);

    const other = board.locator('[data-other-zone-calls] [data-call-number="C001"][data-window-number="4"]');
    await other.waitFor();
    expect(await other.textContent()).toContain('二楼');
    // smaller than the zone's own calls, and not in its own banner
    expect(await board.locator('[data-latest-call]').count()).toBe(0);
    const size = await other.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(size).toBeLessThan(5 * 10.8);
    await keepScreenshot(board, 'hall-board-other-floor');

    const phone = await fx.browser.newPage({ viewport: PHONE });
    phone.on('pageerror', (e) => PAGE_ERRORS.push(e.message));
    await phone.goto(statusUrl.replace(/^https?:\/\/[^/]+/, app.url));
    await expect.poll(() => phone.locator('.status').textContent()).toBe('请到 二楼 4 号窗口办理');
    for (const p of [kiosk, board, phone]) await p.close();
  });
});
