import { beforeEach, describe, expect, it } from 'vitest';
import { errorsZhCN } from '../../staff-ui/locales/errors.zh-CN.js';
import type { TestApp } from '../helpers/test-app.js';
import { PASSWORD } from '../helpers/test-config.js';
import { waitFor } from '../helpers/wait-for.js';
import { clickAction, consoleLogin, issue } from './calling-kit.js';
import { useBoardsFixture } from './boards-fixture.js';

const fx = useBoardsFixture();
const { track } = fx;
let app: TestApp;
beforeEach(async () => {
  app = await fx.start();
});

describe('staff console: who may do what', () => {
  it('a staff member cannot open a window that is not theirs; the picker lists only their own', async () => {
    const picker = track(await consoleLogin(fx.browser, app, 'wangfang'));
    expect(await picker.$$eval('.window-card', (cards) => cards.map((c) => c.getAttribute('data-window-id')))).toEqual(['w1']);
    const console_ = track(await consoleLogin(fx.browser, app, 'wangfang', 'w3'));
    await clickAction(console_, 'open');
    await console_.waitForSelector('.notice.error');
    expect(await console_.textContent('.notice.error')).toBe(errorsZhCN.FORBIDDEN);
    expect(await console_.getAttribute('.console', 'data-window-status')).toBe('closed');
    const w3 = await app.http('GET', '/api/windows/w3', { token: await app.login('zhangmin') });
    expect(w3.body.status).toBe('closed');
  });

  it('a B岗 substitute opening an A岗 window takes it over, and the ticket records who served it', async () => {
    await issue(app, 'tax-reg', 1);
    const a = track(await consoleLogin(fx.browser, app, 'wangfang', 'w1'));
    await clickAction(a, 'open');
    await a.waitForSelector('.duty:has-text("王芳")');
    const b = track(await consoleLogin(fx.browser, app, 'liqiang'));
    expect(await b.$$eval('.window-card', (cards) => cards.map((c) => c.getAttribute('data-window-id')))).toEqual(['w1', 'w2']);
    await b.click('.window-card[data-window-id="w1"]');
    await b.waitForSelector('.duty-other:has-text("王芳")');
    await clickAction(b, 'open');
    await b.waitForSelector('.duty:not(.duty-other):has-text("李强")');
    await clickAction(b, 'call-next');
    await b.waitForSelector('[data-current-number="A001"]');
    const ticket = (await app.http('GET', `/api/windows/w1`, { token: await app.login('manager') })).body.current;
    const full = await app.http('GET', `/api/tickets/${ticket.id}`, { token: await app.login('manager') });
    expect(full.body.staffId).toBe('s2');
    await a.waitForSelector('.duty-other:has-text("李强")');
  });

  it('a manager calls a ticket out of order with a reason, and it is audited', async () => {
    await issue(app, 'tax-reg', 3);
    const m = track(await consoleLogin(fx.browser, app, 'manager', 'w1'));
    expect(await m.$$eval('.topbar a', (links) => links.map((l) => l.getAttribute('href')))).toEqual([
      '/staff/',
      '/staff/booking/',
      '/staff/monitor/',
      '/staff/reports/',
      '/staff/admin/',
    ]);
    await clickAction(m, 'open');
    await m.click('[data-queue-number="A003"] [data-call-ticket]');
    await m.waitForSelector('.modal [data-confirm][disabled]'); // a reason is required
    await m.fill('.modal input[name="reason"]', '老人行动不便，优先办理');
    await m.click('[data-confirm]');
    await m.waitForSelector('[data-current-number="A003"]');
    const audit = (await app.server.stores.adminPeople.audit({ limit: 1000 })).filter((r) => r.action === 'call-out-of-order');
    expect(audit.map((r) => ({ actorId: r.actorId, reason: r.reason }))).toEqual([{ actorId: 'm1', reason: '老人行动不便，优先办理' }]);
  });

  it('a session ended elsewhere: the console says why, keeps the pending 办结, and does it after a re-login in a dialog', async () => {
    await issue(app, 'tax-reg', 1);
    const page = track(await consoleLogin(fx.browser, app, 'wangfang', 'w1'));
    await clickAction(page, 'open');
    await clickAction(page, 'call-next');
    await page.waitForSelector('[data-current-number="A001"]');
    await page.keyboard.press('F3');
    await page.waitForSelector('.current[data-ticket-status="serving"]');
    // the session ends on the server while the console is not told: a logout elsewhere also ends its
    // socket, and the console, told at once, opens the dialog before any key (no action is then pending);
    // here the clerk presses 办结 first, as happens when that news is a moment late
    let lastRequest = Date.now();
    page.on('request', () => (lastRequest = Date.now()));
    // the console's own reloads after F3 (an action's, then its live refresh) are done: nothing asked for 500 ms
    await waitFor(() => Date.now() - lastRequest >= 500, 'the console to stop reloading');
    expect(await app.server.store.staff.deleteOtherSessions('s1', 'no-session-kept')).toHaveLength(1);

    await page.keyboard.press('F4');
    await page.waitForSelector('[data-relogin="ended"]');
    expect(await page.textContent('[data-relogin-reason]')).toContain('登录已在别处结束');
    expect(await page.textContent('[data-pending-action]')).toContain('办结 A001');
    expect(await page.getAttribute('[data-live]', 'data-live')).toBe('session-lost');
    expect(await page.isVisible('.console[data-window-id="w1"]')).toBe(true); // the console stays behind the dialog
    const manager = await app.login('manager');
    expect((await app.http('GET', '/api/windows/w1', { token: manager })).body.current).toMatchObject({ number: 'A001', status: 'serving' });

    await page.fill('input[name="reloginUsername"]', 'wangfang');
    await page.fill('input[name="reloginPassword"]', PASSWORD);
    await page.click('[data-relogin-submit]');
    await page.waitForSelector('.current[data-ticket-status="done"]');
    await page.waitForSelector('[data-relogin]', { state: 'detached' });
    expect(await page.getAttribute('[data-live]', 'data-live')).not.toBe('session-lost');
    expect((await app.http('GET', '/api/windows/w1', { token: manager })).body.staffId).toBe('s1');
  });

  it('warns before the session ends by itself, and renews it without leaving the console', async () => {
    const page = track(await consoleLogin(fx.browser, app, 'wangfang', 'w1'));
    const expiry = await page.evaluate(() => sessionStorage.getItem('hallq.expiresAt'));
    expect(Date.parse(expiry!) - Date.now()).toBeGreaterThan(11.9 * 3600_000); // 12 h from login
    expect(await page.isVisible('[data-expiry-warning]')).toBe(false);
    // 5 minutes before the end (as if the console had been open all day)
    await page.evaluate(() => sessionStorage.setItem('hallq.expiresAt', new Date(Date.now() + 5 * 60_000).toISOString()));
    await page.reload();
    await page.waitForSelector('[data-expiry-warning]');
    await page.click('[data-expiry-warning] button');
    await page.waitForSelector('[data-relogin="expiring"]');
    await page.fill('input[name="reloginUsername"]', 'wangfang');
    await page.fill('input[name="reloginPassword"]', PASSWORD);
    await page.click('[data-relogin-submit]');
    await page.waitForSelector('[data-expiry-warning]', { state: 'detached' }); // 12 h again
    await clickAction(page, 'open');
    await page.waitForSelector('.console[data-window-status="open"]');
  });
});
