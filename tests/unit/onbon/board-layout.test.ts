import { describe, expect, it } from 'vitest';
import { FrameBus } from '../../../drivers/bus/frame-bus.js';
import { decodeAreaText, runsText } from '../../../drivers/protocols/onbon/area-text.js';
import { OnbonBoard, type OnbonBoardOptions } from '../../../drivers/protocols/onbon/board.js';
import { FAMILIES } from '../../../drivers/protocols/onbon/family.js';
import { onbonCodec } from '../../../drivers/protocols/onbon/protocol.js';

// a bus that is never started: the layout is worked out without sending anything
const board = (opts: Partial<OnbonBoardOptions>) =>
  new OnbonBoard(new FrameBus(onbonCodec(FAMILIES['onbon-bx6k']), { id: 'leds', port: '/dev/null' }), {
    address: 1,
    width: 128,
    height: 16,
    lines: 1,
    style: { numberColor: 'red', textColor: 'green' },
    maxAreas: 5,
    ...opts,
  });
const text = (data: Buffer) => decodeAreaText(data).map(runsText);
const font = (data: Buffer) => /\\FO00(\d)/.exec(data.toString('latin1'))?.[1];

describe('what an Onbon board is asked to show', () => {
  it('a window strip is one centred single-line area over the whole screen, in the largest font that fits', async () => {
    const strip = board({ width: 160, height: 32 });
    void strip.showLine(0, 'A012 请到3号窗口').catch(() => {});
    const [area, ...rest] = strip.areas();
    expect(rest).toEqual([]);
    expect(area).toMatchObject({ id: 0, x: 0, y: 0, width: 160, height: 32, align: 0x0a, singleLine: true, displayMode: 0x01 });
    expect(text(area!.data)).toEqual(['A012 请到3号窗口']);
    expect(font(area!.data)).toBe('2'); // 32 px
  });

  it('a 4-line hall board is one area per line, each a quarter of the height', () => {
    const hall = board({ width: 192, height: 64, lines: 4 });
    for (const [i, t] of ['A003 请到1号窗口', 'B001 请到2号窗口'].entries()) void hall.showLine(i, t).catch(() => {});
    const areas = hall.areas();
    expect(areas.map((a) => [a.id, a.y, a.height, a.width])).toEqual([
      [0, 0, 16, 192],
      [1, 16, 16, 192],
      [2, 32, 16, 192],
      [3, 48, 16, 192],
    ]);
    expect(areas.map((a) => text(a.data)[0])).toEqual(['A003 请到1号窗口', 'B001 请到2号窗口', '', '']);
    expect(areas.every((a) => font(a.data) === '0')).toBe(true);
  });

  it('a board with more lines than the card has areas gets one multi-line area', () => {
    const tall = board({ width: 192, height: 96, lines: 6, maxAreas: 5, style: { numberColor: 'red', textColor: 'green', fontSize: 16 } });
    for (let i = 0; i < 6; i++) void tall.showLine(i, `A00${i} 请到${i + 1}号窗口`).catch(() => {});
    const [area, ...rest] = tall.areas();
    expect(rest).toEqual([]);
    expect(area).toMatchObject({ singleLine: false, height: 96 });
    expect(text(area!.data)).toEqual(['A000 请到1号窗口', 'A001 请到2号窗口', 'A002 请到3号窗口', 'A003 请到4号窗口', 'A004 请到5号窗口', 'A005 请到6号窗口']);
  });

  it('refuses a line the board does not have', async () => {
    await expect(board({}).showLine(1, 'x')).rejects.toThrow(/line 1 of a 1-line board/);
  });
});
