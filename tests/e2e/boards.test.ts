import { describe, expect, it } from 'vitest';
import { keepScreenshot } from '../helpers/browser.js';
import { callOnBoard, hallBoardUrl, issue, openPage, windowBoardUrl } from './calling-kit.js';
import { useBoardsFixture } from './boards-fixture.js';

const fx = useBoardsFixture();
const { track, start, staffAt } = fx;

describe('hall and window boards', () => {
  it('a board reconnecting after the server restarts shows the current state, with no refresh', async () => {
    const a = await start();
    await issue(a, 'tax-reg', 3);
    const w1 = await staffAt(a, 'wangfang', 'w1');
    await w1('open');
    await w1('call-next');
    const board = track(await openPage(fx.browser, hallBoardUrl(a), { width: 1920, height: 1080 }));
    const windowBoard = track(await openPage(fx.browser, windowBoardUrl(a, 'w1'), { width: 1280, height: 720 }));
    await board.waitForSelector(`[data-latest-call]${callOnBoard('A001', 1)}`);
    await windowBoard.waitForSelector('[data-current-number="A001"]');
    await board.evaluate(() => {
      (window as unknown as { marker: number }).marker = 7;
    });

    await a.stop();
    await board.waitForSelector('.board-offline');
    await a.restart();
    const again = await staffAt(a, 'wangfang', 'w1');
    await again('skip');
    await again('call-next');
    await again('pause', { reason: '会议' }).catch(() => {}); // busy: a called ticket blocks pausing
    await board.waitForSelector(`.hb-latest.flashing${callOnBoard('A002', 1)}`);
    await board.waitForSelector('.board-offline', { state: 'detached' });
    await windowBoard.waitForSelector('[data-current-number="A002"]');
    expect(await board.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(7); // same page: not reloaded
    expect(await board.getAttribute('[data-service-id="tax-reg"]', 'data-waiting')).toBe('1');
  });

  it('a call made while the board was cut off is shown once it is back (replayed from its last seq)', async () => {
    const a = await start();
    await issue(a, 'tax-reg', 2);
    const w1 = await staffAt(a, 'wangfang', 'w1');
    await w1('open');
    const board = track(await openPage(fx.browser, hallBoardUrl(a), { width: 1920, height: 1080 }));
    await board.waitForSelector('.hall-board');
    const context = board.context();
    await context.setOffline(true);
    // cut off without a close, the client notices by the missing ping: up to 18 s (pingInterval + pingTimeout), later on a busy machine
    await board.waitForSelector('.board-offline', { timeout: 40_000 });
    await w1('call-next');
    await context.setOffline(false);
    // flashing means it arrived as an event (replayed after sinceSeq), not merely inside a fresh snapshot
    await board.waitForSelector(`.hb-latest.flashing${callOnBoard('A001', 1)}`);
  });

  it("shows per-window numbers, paused reasons, waiting per service, clock and the scrolling notice; never a visitor's data", async () => {
    const a = await start('请携带身份证原件办理业务，过号请重新取号。');
    await issue(a, 'tax-reg', 2);
    await issue(a, 'invoice', 3);
    const w1 = await staffAt(a, 'wangfang', 'w1');
    const w3 = await staffAt(a, 'zhangmin', 'w3');
    await w1('open');
    await w3('open');
    await w1('call-next');
    await w3('call-next');
    await w3('start');
    await (
      await staffAt(a, 'liqiang', 'w2')
    )('open');
    await (
      await staffAt(a, 'liqiang', 'w2')
    )('pause', { reason: '临时离岗' });
    const board = track(await openPage(fx.browser, hallBoardUrl(a), { width: 1920, height: 1080 }));
    await board.waitForSelector(`[data-latest-call]${callOnBoard('B001', 3)}`);
    expect(await board.textContent('.hb-window[data-window-number="1"]')).toContain('A001');
    expect(await board.textContent('.hb-window[data-window-number="3"]')).toContain('B001');
    expect(await board.textContent('.hb-window[data-window-number="2"] .hbw-state')).toBe('暂停服务临时离岗');
    expect(await board.textContent('.hb-window[data-window-number="2"] [data-pause-reason]')).toBe('临时离岗');
    expect(await board.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true); // nothing spills off screen
    expect(await board.$$eval('.hb-window', (ws) => ws.map((w) => w.getAttribute('data-window-number')))).toEqual(['1', '2', '3']); // zone f1 only
    expect(await board.getAttribute('[data-service-id="invoice"]', 'data-waiting')).toBe('2');
    expect(await board.getAttribute('[data-service-id="tax-reg"]', 'data-waiting')).toBe('1');
    expect(await board.textContent('[data-notice]')).toContain('请携带身份证原件');
    expect(await board.textContent('[data-clock]')).toMatch(/\d{4}年\d{1,2}月\d{1,2}日\s*星期[一二三四五六日].*\d{2}:\d{2}:\d{2}/);
    const text = await board.textContent('body');
    for (const staffName of ['王芳', '张敏', '李强']) expect(text).not.toContain(staffName);
    await keepScreenshot(board, 'hall-board-busy');
  });

  it('LED mode shows four lines: the latest call, recent calls, the notice', async () => {
    const a = await start('欢迎光临市政务服务中心');
    await issue(a, 'tax-reg', 3);
    const w1 = await staffAt(a, 'wangfang', 'w1');
    await w1('open');
    for (let i = 0; i < 3; i++) {
      await w1('call-next');
      if (i < 2) await w1('skip'); // a skipped call leaves the first line: A003 is still called
    }
    const led = track(await openPage(fx.browser, hallBoardUrl(a, '&mode=led'), { width: 1280, height: 320 }));
    await led.waitForSelector(`.led-first${callOnBoard('A003', 1)}`);
    expect(await led.$$eval('.led-line', (lines) => lines.length)).toBe(4);
    expect(await led.textContent('.led-first')).toContain('请 A003 号 到 1 号窗口');
    await led.waitForSelector(`.led-cell${callOnBoard('A002', 1)}`);
    await keepScreenshot(led, 'hall-board-led');
  });
});
