import { describe, expect, it } from 'vitest';
import { TOKENS } from '../helpers/test-config.js';
import { callOnBoard, hallBoardUrl, issue, openPage, windowBoardUrl } from './calling-kit.js';
import { useBoardsFixture } from './boards-fixture.js';

const fx = useBoardsFixture();
const { track, start, staffAt } = fx;

describe('window board, board voice and long runs', () => {
  it('keeps its lists and its memory bounded however many calls are made', async () => {
    const a = await start();
    await issue(a, 'tax-reg', 75);
    const w1 = await staffAt(a, 'wangfang', 'w1');
    await w1('open');
    const board = track(await openPage(fx.browser, hallBoardUrl(a), { width: 1920, height: 1080 }));
    await board.waitForSelector('.hall-board');
    const cdp = await board.context().newCDPSession(board);
    const heapAfterGc = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    const calls = async (from: number, to: number) => {
      for (let i = from; i <= to; i++) {
        await w1('call-next');
        await w1('skip');
      }
      // every call was skipped, so none holds the banner: the newest heads 最近叫号
      await board.waitForSelector(`.hb-recent li:first-child${callOnBoard(`A${String(to).padStart(3, '0')}`, 1)}`);
    };
    await calls(1, 15); // warm up: lists fill to their bound, code is compiled
    const before = await heapAfterGc();
    await calls(16, 75);
    const after = await heapAfterGc();
    console.log(`hall board JS heap after GC: ${(before / 1e6).toFixed(2)} MB after 15 calls, ${(after / 1e6).toFixed(2)} MB after 75`);
    expect(await board.$$eval('.hb-recent li', (li) => li.length)).toBe(8);
    expect(after - before).toBeLessThan(1_000_000);
    await cdp.detach();
  });

  it('the window board shows window, number, staff name and employee number, and 已关闭 when closed', async () => {
    const a = await start();
    await issue(a, 'license', 1);
    const windowBoard = track(await openPage(fx.browser, windowBoardUrl(a, 'w4'), { width: 1280, height: 720 }));
    await windowBoard.waitForSelector('.window-board[data-window-status="closed"]');
    expect(await windowBoard.textContent('.wb-center')).toContain('已关闭');
    expect(await windowBoard.textContent('.wb-id')).toContain('4号窗口');
    const w4 = await staffAt(a, 'chenjing', 'w4');
    await w4('open');
    await w4('call-next');
    await windowBoard.waitForSelector(`[data-current-number="C001"]${callOnBoard('C001', 4)}`);
    expect(await windowBoard.textContent('[data-staff-name]')).toBe('陈静');
    expect(await windowBoard.textContent('[data-employee-no]')).toContain('0401');
  });

  it('in a zone whose board speaks (engine browser), the hall board plays the chime and says the call in Mandarin', async () => {
    const a = await start(undefined, 'browser');
    await issue(a, 'tax-reg', 1);
    const w1 = await staffAt(a, 'wangfang', 'w1');
    await w1('open');
    const board = await fx.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    track(board);
    // watch what the page asks the speech engine to say (the real engine still runs)
    await board.addInitScript(() => {
      const said: { text: string; lang: string }[] = [];
      (window as unknown as { said: typeof said }).said = said;
      const speak = speechSynthesis.speak.bind(speechSynthesis);
      speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
        said.push({ text: u.text, lang: u.lang });
        speak(u);
      };
    });
    const chime = board.waitForResponse((r) => r.url().endsWith('/api/voice/chime.wav'));
    const settings = board.waitForResponse((r) => r.url().includes('/api/halls/main/voice?zoneId=f1'));
    await board.goto(hallBoardUrl(a));
    await board.waitForSelector('.hall-board');
    expect(await (await settings).json()).toMatchObject({ speaker: 'browser' });
    expect((await chime).status()).toBe(200); // loaded when the board's voice starts
    await w1('call-next');
    await board.waitForFunction(() => (window as unknown as { said: unknown[] }).said.length >= 1, undefined, { timeout: 20_000 });
    expect(await board.evaluate(() => (window as unknown as { said: unknown[] }).said[0])).toEqual({ text: '请 A 零零一 号 到 一 号窗口 办理', lang: 'zh-CN' });
  });

  it('a board with a wrong token says so instead of showing anything', async () => {
    const a = await start();
    const board = track(await openPage(fx.browser, `${a.url}/display/hall/?hall=main&zone=f1&token=wrong-token-000000`));
    await board.waitForSelector('.board-message:has-text("设备令牌无效")');
    expect(TOKENS.display).not.toBe('wrong-token-000000');
  });
});
