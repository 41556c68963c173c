import { describe, expect, it } from 'vitest';
import type { Request } from 'playwright-core';
import { keepScreenshot } from '../helpers/browser.js';
import { TOKENS } from '../helpers/test-config.js';
import { waitFor } from '../helpers/wait-for.js';
import { issueAt, kioskHall, openKiosk, useKioskBrowser } from './kiosk-kit.js';

const fx = useKioskBrowser();

describe('kiosk: taking a ticket', () => {
  it("issues a ticket with one tap and shows its number (the API's), people ahead, windows and a QR code, then prints it", async () => {
    const hall = await kioskHall();
    const app = fx.serve(hall.app);
    await issueAt(app, 'tax-reg');
    const page = await openKiosk(fx.browser, app);
    await expect.poll(() => page.locator('[data-service-id="tax-reg"] [data-waiting]').getAttribute('data-waiting')).toBe('1');
    await keepScreenshot(page, 'kiosk-home-portrait');

    await page.locator('[data-service-id="tax-reg"]').tap();
    const number = page.locator('[data-ticket-number]');
    await number.waitFor();
    const ticketId = await page.locator('[data-ticket-id]').getAttribute('data-ticket-id');
    const staff = await app.login('manager');
    const fromApi = await app.http('GET', `/api/tickets/${ticketId}`, { token: staff });
    expect(await number.getAttribute('data-ticket-number')).toBe(fromApi.body.number);
    expect(fromApi.body.number).toBe('A002');
    expect(await page.locator('[data-waiting-ahead]').getAttribute('data-waiting-ahead')).toBe('1');
    await expect.poll(() => page.locator('.ticket-windows').textContent()).toContain('1、2');
    await page.locator('[data-qr-ready="true"] svg').waitFor();
    // the kiosk page runs on 127.0.0.1 here: the QR takes the address phones reach from the server
    const view = await app.http('GET', '/api/kiosks/kiosk-1/printer', { token: TOKENS.kiosk });
    expect(await page.locator('[data-status-url]').getAttribute('data-status-url')).toMatch(new RegExp(`^${view.body.publicUrl}/t/${ticketId}\\?token=\\S+$`));
    expect(await page.locator('[data-printer-state]').getAttribute('data-printer-state')).toBe('online');
    await expect.poll(() => hall.printers.simulator('prn-1')!.jobs.length).toBe(1);
    expect(hall.printers.simulator('prn-1')!.lastJob!.includes(Buffer.from('A002'))).toBe(true);
    await keepScreenshot(page, 'kiosk-ticket-portrait');
    await page.close();
  });

  it('goes back to the start by itself after a few seconds', async () => {
    const app = fx.serve((await kioskHall()).app);
    const page = await openKiosk(fx.browser, app, undefined, '&return=3');
    await page.locator('[data-service-id="invoice"]').click();
    await page.locator('[data-ticket-number="B001"]').waitFor();
    await page.locator('[data-ticket-number]').waitFor({ state: 'detached' });
    await page.locator('[data-service-id="invoice"]').waitFor();
    await page.close();
  });

  it("updates a service's waiting count live when another kiosk issues", async () => {
    const app = fx.serve((await kioskHall()).app);
    const page = await openKiosk(fx.browser, app);
    const waiting = page.locator('[data-service-id="invoice"] [data-waiting]');
    expect(await waiting.getAttribute('data-waiting')).toBe('0');
    await issueAt(app, 'invoice');
    await issueAt(app, 'invoice');
    await expect.poll(() => waiting.getAttribute('data-waiting')).toBe('2');
    await page.close();
  });

  it('issues a priority ticket through the marked 绿色通道 button, with the note that staff may verify', async () => {
    const app = fx.serve((await kioskHall()).app);
    const page = await openKiosk(fx.browser, app);
    await page.locator('[data-action="priority"]').click();
    await expect.poll(() => page.locator('.priority-note').textContent()).toContain('工作人员可能现场核实');
    await keepScreenshot(page, 'kiosk-priority');
    await page.locator('[data-service-id="license"]').click();
    await page.locator('[data-ticket-number="C001"]').waitFor();
    expect(await page.locator('.badge-priority').count()).toBe(1);
    const ticketId = await page.locator('[data-ticket-id]').getAttribute('data-ticket-id');
    const ticket = await app.http('GET', `/api/tickets/${ticketId}`, { token: await app.login('chenjing') });
    expect(ticket.body).toMatchObject({ number: 'C001', priority: 'priority' });
    await page.close();
  });

  it('issues one ticket for a double tap', async () => {
    const app = fx.serve((await kioskHall()).app);
    const page = await openKiosk(fx.browser, app);
    // both clicks of the double tap are dispatched before the ticket can show: any second request has been sent by then
    let sent = 0;
    let answered = 0;
    const issuing = (r: Request) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/tickets';
    page.on('request', (r) => {
      if (issuing(r)) sent++;
    });
    const onAnswer = (r: Request) => {
      if (issuing(r)) answered++;
    };
    page.on('requestfinished', onAnswer);
    page.on('requestfailed', onAnswer);
    await page.locator('[data-service-id="tax-reg"]').dblclick();
    await page.locator('[data-ticket-number="A001"]').waitFor();
    await waitFor(() => answered === sent, 'every issuing request the page sent to be answered');
    expect(sent).toBe(1);
    const services = await app.http('GET', '/api/halls/main/services', { token: await app.login('manager') });
    expect(services.body.find((s: { id: string }) => s.id === 'tax-reg').waiting).toBe(1);
    await page.close();
  });
});
