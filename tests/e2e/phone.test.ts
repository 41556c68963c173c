import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { keepScreenshot, launchBrowser } from '../helpers/browser.js';
import type { TestApp } from '../helpers/test-app.js';
import { TOKENS } from '../helpers/test-config.js';
import { kioskHall, PHONE } from './kiosk-kit.js';

let browser: Browser;
let app: TestApp | undefined;
const pages: Page[] = [];
const pageErrors: string[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  for (const p of pages.splice(0)) await p.close().catch(() => {});
  await app?.close();
  app = undefined;
  expect(pageErrors.splice(0)).toEqual([]);
});

async function takeTicket(a: TestApp, serviceId = 'license') {
  const res = await a.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId } });
  return res.body as { id: string; number: string; statusToken: string };
}

async function openPhone(a: TestApp, ticket: { id: string; statusToken: string }, opts: { withoutStream?: boolean } = {}): Promise<Page> {
  const page = await browser.newPage({ viewport: PHONE, hasTouch: true, isMobile: true });
  pages.push(page);
  if (opts.withoutStream) await page.route('**/events?*', (route) => route.abort());
  page.on('pageerror', (err) => pageErrors.push(err.message));
  // no poll parameter: the 15 s safety-net re-read is slower than every wait below, so the
  // updates this test sees come from the server-sent event stream
  await page.goto(`${a.url}/t/${ticket.id}?token=${ticket.statusToken}`);
  await page.locator('[data-ticket-number]').waitFor();
  return page;
}

const act = (a: TestApp, token: string, action: string) => a.http('POST', `/api/windows/w4/${action}`, { token });

describe('phone status page', () => {
  it('follows the ticket: people ahead, the near alert at 3 ahead, and the call with its window number', async () => {
    app = (await kioskHall()).app;
    for (let i = 0; i < 4; i++) await takeTicket(app);
    const mine = await takeTicket(app);
    const page = await openPhone(app, mine);
    expect(await page.locator('[data-ticket-number]').getAttribute('data-ticket-number')).toBe(mine.number);
    expect(await page.locator('[data-waiting-ahead]').getAttribute('data-waiting-ahead')).toBe('4');
    expect(await page.locator('[data-alert]').count()).toBe(0);
    await keepScreenshot(page, 'phone-waiting');

    const staff = await app.login('chenjing');
    expect((await act(app, staff, 'open')).status).toBe(200);
    await act(app, staff, 'call-next');
    await expect.poll(() => page.locator('[data-alert]').getAttribute('data-alert')).toBe('near');
    expect(await page.locator('[data-alert]').textContent()).toContain('3');
    await keepScreenshot(page, 'phone-near');

    for (let i = 0; i < 4; i++) {
      await act(app, staff, 'start');
      await act(app, staff, 'finish');
      expect((await act(app, staff, 'call-next')).status).toBe(200);
    }
    await expect.poll(() => page.locator('[data-alert]').getAttribute('data-alert')).toBe('called');
    expect(await page.locator('[data-alert]').getAttribute('data-window-number')).toBe('4');
    expect(await page.locator('[data-alert]').textContent()).toContain('4 号窗口');
    await keepScreenshot(page, 'phone-called');
    await page.close();
  });

  it('after the ticket is done, accepts one 好差评 evaluation with tags and a comment, and refuses a second', async () => {
    app = (await kioskHall()).app;
    const ticket = await takeTicket(app);
    const staff = await app.login('chenjing');
    await act(app, staff, 'open');
    await act(app, staff, 'call-next');
    await act(app, staff, 'start');
    const page = await openPhone(app, ticket);
    // a second phone on a network that cuts long requests: no live stream, only the slow re-read
    const second = await openPhone(app, ticket, { withoutStream: true });
    await act(app, staff, 'finish');
    await page.locator('[data-evaluation="open"]').waitFor();
    await second.reload();
    await second.locator('[data-evaluation="open"]').waitFor();
    // and from now on it reads nothing new either (its failed stream makes it re-read every few seconds): whenever
    // its visitor gets to submit, however slow the machine, it still shows the form, as a phone that went out of reach would
    await second.route('**/status?*', (route) => route.abort());

    await page.locator('[data-level="5"]').click();
    await page.locator('[data-tag="办事高效"]').click();
    await page.locator('textarea[name="comment"]').fill('窗口人员很耐心');
    await keepScreenshot(page, 'phone-evaluation');
    await page.locator('[data-action="submit-evaluation"]').click();
    await page.locator('[data-evaluation="closed"]').waitFor();
    expect(await page.locator('[data-evaluation="closed"]').textContent()).toContain('感谢您的评价');

    // the second screen still shows the form: its submission is refused and it says so
    await second.locator('[data-level="1"]').click();
    await second.locator('[data-action="submit-evaluation"]').click();
    await second.locator('[data-evaluation="closed"]').waitFor();
    expect(await second.locator('[data-evaluation="closed"]').textContent()).toContain('已评价');

    const again = await app.http('POST', `/api/tickets/${ticket.id}/evaluation?token=${ticket.statusToken}`, { body: { level: 1 } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_EVALUATED');
    await page.reload();
    await page.locator('[data-evaluation="closed"]').waitFor();
    expect(await page.locator('[data-evaluation="open"]').count()).toBe(0);
    await page.close();
    await second.close();
  });

  it('says the link is not valid for a wrong token, without any technical detail', async () => {
    app = (await kioskHall()).app;
    const ticket = await takeTicket(app);
    const page = await browser.newPage({ viewport: PHONE });
    pages.push(page);
    await page.goto(`${app.url}/t/${ticket.id}?token=wrong`);
    await page.locator('.invalid').waitFor();
    expect(await page.locator('.invalid').textContent()).toContain('链接无效');
    const stream = await app.http('GET', `/api/tickets/${ticket.id}/events?token=wrong`);
    expect(stream.status).toBe(401);
    expect(stream.body.error.code).toBe('UNAUTHORIZED');
    await page.close();
  });
});
