import { describe, expect, it } from 'vitest';
import { callOnBoard, hallBoardUrl, issue, openPage, windowBoardUrl } from './calling-kit.js';
import { useBoardsFixture } from './boards-fixture.js';

const fx = useBoardsFixture();
const { track, start, staffAt } = fx;
const HD = { width: 1920, height: 1080 };

describe('boards as visitors read them', () => {
  it('a skipped call leaves the big banner; recalls appear once in 最近叫号, on the hall board and in LED mode', async () => {
    const a = await start();
    await issue(a, 'invoice', 3);
    const w3 = await staffAt(a, 'zhangmin', 'w3');
    await w3('open');
    await w3('call-next'); // B001
    await w3('recall');
    await w3('start');
    await w3('finish');
    await w3('call-next'); // B002
    await w3('recall');
    // boards opened now get every call (recalls too) from the snapshot
    const board = track(await openPage(fx.browser, hallBoardUrl(a), HD));
    const led = track(await openPage(fx.browser, hallBoardUrl(a, '&mode=led'), { width: 960, height: 240 }));
    await board.waitForSelector(`[data-latest-call]${callOnBoard('B002', 3)}`);
    await led.waitForSelector(`.led-first${callOnBoard('B002', 3)}`);
    expect(await board.locator(`.hb-recent ${callOnBoard('B001', 3)}`).count()).toBe(1);
    expect(await led.locator(`.led-cell${callOnBoard('B001', 3)}`).count()).toBe(1);

    await w3('recall');
    await w3('skip');
    await w3('pause', { reason: '会议' });
    await board.waitForSelector('[data-window-id="w3"][data-window-status="paused"]');
    await board.locator('[data-latest-call]').waitFor({ state: 'detached' });
    expect(await board.locator('.hb-latest-empty').count()).toBe(1);
    expect(await board.locator(`.hb-recent ${callOnBoard('B002', 3)}`).count()).toBe(1);
    expect(await board.locator(`.hb-recent ${callOnBoard('B001', 3)}`).count()).toBe(1);
    await led.waitForSelector(`.led-cell${callOnBoard('B002', 3)}`);
    expect(await led.locator(`.led-first[data-call-number]`).count()).toBe(0);
  });

  it('a finished call gives the banner back to the newest call still at its window', async () => {
    const a = await start();
    await issue(a, 'tax-reg', 1);
    await issue(a, 'invoice', 1);
    const w2 = await staffAt(a, 'liqiang', 'w2');
    const w3 = await staffAt(a, 'zhangmin', 'w3');
    await w2('open');
    await w3('open');
    const board = track(await openPage(fx.browser, hallBoardUrl(a), HD));
    await board.waitForSelector('.hall-board');
    await w2('call-next'); // A001 at 2
    await w3('call-next'); // B001 at 3
    await board.waitForSelector(`[data-latest-call]${callOnBoard('B001', 3)}`);
    await w3('start');
    await w3('finish');
    await board.waitForSelector(`[data-latest-call]${callOnBoard('A001', 2)}`);
  });

  it('the window board says 已呼叫 for a called ticket and 办理中 once it is served', async () => {
    const a = await start();
    await issue(a, 'tax-reg', 1);
    const w2 = await staffAt(a, 'liqiang', 'w2');
    await w2('open');
    await w2('call-next');
    const page = track(await openPage(fx.browser, windowBoardUrl(a, 'w2'), { width: 1280, height: 720 }));
    await page.waitForSelector('[data-current-number="A001"]');
    await expect.poll(() => page.locator('[data-window-status-label]').textContent()).toBe('已呼叫');
    const hall = track(await openPage(fx.browser, hallBoardUrl(a), HD));
    await expect.poll(() => hall.locator('[data-window-id="w2"] .hbw-state').textContent()).toBe('已呼叫');
    await w2('start');
    await expect.poll(() => page.locator('[data-window-status-label]').textContent()).toBe('办理中');
    await expect.poll(() => hall.locator('[data-window-id="w2"] .hbw-state').textContent()).toBe('办理中');
  });

  it('a board cut off from the server shows a discreet offline mark with the time of its last update', async () => {
    const a = await start();
    const board = track(await openPage(fx.browser, hallBoardUrl(a), HD));
    await board.waitForSelector('.hall-board');
    const before = Date.now();
    await a.stop();
    const mark = board.locator('.board-offline');
    await mark.waitFor({ timeout: 25_000 });
    const since = Date.parse((await mark.getAttribute('data-offline-since'))!);
    expect(since).toBeGreaterThanOrEqual(before - 1000);
    const shown = new Date(since).toLocaleTimeString('en-GB', { timeZone: 'Asia/Shanghai', hour12: false });
    expect(await mark.textContent()).toContain(shown);
    // discreet: a corner, not a banner across the board
    const box = (await mark.boundingBox())!;
    expect(box.width).toBeLessThan(HD.width / 3);
    await a.restart();
  });

  it('the waiting strip lists the services of its zone and scrolls when they do not fit', async () => {
    const a = await start();
    const f1 = track(await openPage(fx.browser, hallBoardUrl(a), HD));
    await f1.waitForSelector('.hb-queue[data-service-id="tax-reg"]');
    expect((await f1.locator('.hb-queue[data-service-id]').evaluateAll((q) => q.map((e) => (e as HTMLElement).dataset.serviceId))).sort()).toEqual([
      'invoice',
      'license',
      'tax-reg',
    ]);
    expect(await f1.locator('[data-scrolling]').getAttribute('data-scrolling')).toBe('false');
    const f2 = track(await openPage(fx.browser, hallBoardUrl(a).replace('zone=f1', 'zone=f2'), HD));
    await f2.waitForSelector('.hb-queue[data-service-id="license"]');
    expect(await f2.locator('.hb-queue[data-service-id]').count()).toBe(1);

    const narrow = track(await openPage(fx.browser, hallBoardUrl(a), { width: 480, height: 1080 }));
    await narrow.waitForSelector('.hb-queue[data-service-id="tax-reg"]');
    await expect.poll(() => narrow.locator('[data-scrolling]').getAttribute('data-scrolling')).toBe('true');
    const x = () => narrow.locator('.hb-waiting-track').evaluate((e) => e.getBoundingClientRect().left);
    const first = await x();
    await expect.poll(x).toBeLessThan(first - 5);
  });
});
