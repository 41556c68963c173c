import { beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestApp } from '../helpers/test-app.js';
import { clickAction, consoleLogin, issue } from './calling-kit.js';
import { useBoardsFixture } from './boards-fixture.js';

const fx = useBoardsFixture();
const { track } = fx;
let app: TestApp;
beforeEach(async () => {
  app = await fx.start();
});

const enabledActions = (page: Page) => page.$$eval('[data-action]:not([disabled])', (els) => els.map((e) => e.getAttribute('data-action')).sort());

describe('staff console: one person holds a window (B岗 takeover)', () => {
  it('the B岗 sees who holds the window and can take over only when no ticket is active there; the displaced A岗 then can only take it back', async () => {
    await issue(app, 'tax-reg', 3);
    const a = track(await consoleLogin(fx.browser, app, 'wangfang', 'w1'));
    await clickAction(a, 'open');
    await clickAction(a, 'call-next');
    await a.waitForSelector('[data-current-number="A001"]');
    // 呼叫下一位 is not offered while a ticket is active
    expect(await a.isDisabled('[data-action="call-next"]')).toBe(true);

    const b = track(await consoleLogin(fx.browser, app, 'liqiang'));
    expect(
      await b.$$eval('.window-card', (cards) =>
        cards.map((c) => `${c.getAttribute('data-window-id')}:${c.querySelector('[data-post]')?.getAttribute('data-post')}`),
      ),
    ).toEqual(['w1:B', 'w2:A']);
    await b.click('.window-card[data-window-id="w1"]');
    await b.waitForSelector('[data-duty="held-busy"]:has-text("王芳")');
    expect(await enabledActions(b)).toEqual([]); // neither buttons …
    for (const key of ['F1', 'F5', 'F6', 'F9']) await b.keyboard.press(key); // … nor keys
    await b.waitForLoadState('networkidle'); // had a key gone through, its request would have been sent by now
    expect((await app.http('GET', '/api/windows/w1', { token: await app.login('manager') })).body).toMatchObject({
      staffId: 's1',
      current: { number: 'A001', status: 'called' },
    });

    await a.keyboard.press('F3');
    await a.waitForSelector('.current[data-ticket-status="serving"]');
    await a.keyboard.press('F4');
    await a.waitForSelector('.current[data-ticket-status="done"]');
    await b.waitForSelector('[data-duty="held"]:has-text("王芳")');
    expect(await enabledActions(b)).toEqual(['open']);
    await b.keyboard.press('F9');
    await b.waitForSelector('[data-duty="mine"]:has-text("李强")');
    await b.keyboard.press('F1');
    await b.waitForSelector('[data-current-number="A002"]');

    // the displaced A岗 sees 李强 serving and cannot touch his ticket, by button or key
    await a.waitForSelector('[data-duty="held-busy"]:has-text("李强")');
    expect(await enabledActions(a)).toEqual([]);
    await a.keyboard.press('F3');
    const w1 = (await app.http('GET', '/api/windows/w1', { token: await app.login('manager') })).body;
    expect(w1).toMatchObject({ staffId: 's2', current: { number: 'A002', status: 'called' } });
    const audit = (await app.server.stores.adminPeople.audit({ limit: 1000 })).filter((r) => r.action === 'window-takeover');
    expect(audit.map((r) => ({ actorId: r.actorId, reason: r.reason }))).toEqual([{ actorId: 's2', reason: '接替 王芳' }]);
  });

  it('choosing 其他 in the pause dialog puts the caret in its text field', async () => {
    const a = track(await consoleLogin(fx.browser, app, 'wangfang', 'w1'));
    await clickAction(a, 'open');
    await a.waitForSelector('.console[data-window-status="open"]');
    await a.keyboard.press('F7');
    await a.waitForSelector('.modal');
    await a.click('.modal input[value="other"]');
    // the field takes the caret once the dialog has re-rendered: wait for that, not a fixed moment
    await a.waitForFunction(() => document.activeElement?.getAttribute('name') === 'otherReason');
    await a.keyboard.type('培训');
    expect(await a.inputValue('input[name="otherReason"]')).toBe('培训');
    await a.keyboard.press('Enter');
    await a.waitForSelector('.console[data-window-status="paused"]');
    expect((await app.http('GET', '/api/windows/w1', { token: await app.login('manager') })).body.pauseReason).toBe('培训');
  });
});
