import { describe, expect, inject, it } from 'vitest';
import { createSupervisionFeature } from '../../server/supervision/feature.js';
import { visitorFeature } from '../../server/visitor/visitor-feature.js';
import { keepScreenshot } from '../helpers/browser.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { PASSWORD, TOKENS } from '../helpers/test-config.js';
import { PAGE_ERRORS, PHONE, useKioskBrowser } from './kiosk-kit.js';

const fx = useKioskBrowser();

async function phonePage(a: TestApp, ticket: { id: string; number: string; statusToken: string }) {
  const page = await fx.browser.newPage({ viewport: PHONE });
  page.on('pageerror', (e) => PAGE_ERRORS.push(e.message));
  await page.goto(`${a.url}/t/${ticket.id}?token=${ticket.statusToken}&poll=1`);
  return page;
}

describe('phone page: the 差评 follow-up loop', () => {
  it('after a bad review the visitor sees the callback and the rectification and gives the follow-up rating', async () => {
    const app = fx.serve(
      await buildTestApp({ publicDir: inject('publicDir'), features: [createSupervisionFeature({ checkIntervalMs: 3_600_000 }), visitorFeature] }),
    );
    const ticket = (await app.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId: 'invoice' } })).body;
    const staff = await app.login('zhangmin');
    for (const step of ['open', 'call-next', 'start', 'finish']) expect((await app.http('POST', `/api/windows/w3/${step}`, { token: staff })).status).toBe(200);

    const page = await phonePage(app, ticket);
    await page.locator('[data-evaluation="open"]').waitFor();
    await page.locator('[data-level="1"]').click();
    await page.locator('textarea[name="comment"]').fill('等了很久，窗口无人');
    await page.locator('input[name="contact"]').fill('13812345678');
    await page.locator('[data-action="submit-evaluation"]').click();
    await page.locator('[data-evaluation="closed"]').waitFor();
    await page.locator('[data-follow-up="open"]').waitFor();

    const manager = await app.login('manager');
    // the manager's follow-up list carries the comment and the callback phone
    const open = await app.http('GET', '/api/supervision/halls/main/followups', { token: manager });
    expect(open.body.find((f: { ticketId: string }) => f.ticketId === ticket.id)).toMatchObject({ comment: '等了很久，窗口无人', contact: '13812345678' });
    // and so does the 差评整改 table of the manager's reports page
    const reports = await fx.browser.newPage({ viewport: { width: 1600, height: 1200 } });
    reports.on('pageerror', (e) => PAGE_ERRORS.push(e.message));
    await reports.goto(`${app.url}/staff/reports/?from=2026-11-23&to=2026-11-23`);
    await reports.locator('input[name="username"]').fill('manager');
    await reports.locator('input[name="password"]').fill(PASSWORD);
    await reports.locator('button[type="submit"]').click();
    const row = reports.locator(`[data-followup="${ticket.number}"]`);
    await row.waitFor();
    expect(await row.locator('[data-review-comment]').textContent()).toContain('等了很久，窗口无人');
    expect(await row.locator('[data-review-contact]').textContent()).toContain('13812345678');
    await reports.close();
    expect((await app.http('POST', `/api/supervision/followups/${ticket.id}/callback`, { token: manager, body: { note: '电话致歉，说明原因' } })).status).toBe(
      200,
    );
    await page.locator('[data-follow-up="called-back"] [data-step="callback"]').waitFor();
    expect(await page.locator('[data-step="callback"]').textContent()).toContain('电话致歉');
    expect((await app.http('POST', `/api/supervision/followups/${ticket.id}/rectify`, { token: manager, body: { note: '午间增设值班窗口' } })).status).toBe(
      200,
    );
    await page.locator('[data-follow-up="rectified"] [data-step="rectified"]').waitFor();
    expect(await page.locator('[data-step="rectified"]').textContent()).toContain('午间增设值班窗口');
    await keepScreenshot(page, 'phone-follow-up');

    await page.locator('[data-follow-up-level="4"]').click();
    await page.locator('[data-follow-up-rated="4"]').waitFor();
    const list = await app.http('GET', '/api/supervision/halls/main/followups', { token: manager });
    expect(list.body.find((f: { ticketId: string }) => f.ticketId === ticket.id)).toMatchObject({ visitorLevel: 4 });
    await page.close();
  });

  it('a ticket still waiting when its business day ended says so instead of 排队中', async () => {
    const app = fx.serve(await buildTestApp({ publicDir: inject('publicDir'), features: [visitorFeature] }));
    const ticket = (await app.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId: 'invoice' } })).body;
    app.clock.advanceMinutes(24 * 60);
    const page = await phonePage(app, ticket);
    await page.locator('[data-day-ended="true"]').waitFor();
    expect(await page.locator('.status').textContent()).toBe('已过当日办理时间');
    expect(await page.locator('[data-waiting-ahead]').count()).toBe(0);
    await page.close();
  });
});
