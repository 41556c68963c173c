import { describe, expect, it } from 'vitest';
import { callText, DEFAULT_VOICE_TEMPLATE, spokenCardinal, spokenTicketNumber } from '../../../drivers/voice/call-text.js';

describe('spokenTicketNumber()', () => {
  it('says the letter as a letter and every digit on its own', () => {
    expect(spokenTicketNumber('A012')).toBe('A 零一二');
    expect(spokenTicketNumber('B100')).toBe('B 一零零');
    expect(spokenTicketNumber('C001')).toBe('C 零零一');
    expect(spokenTicketNumber('Z999')).toBe('Z 九九九');
  });

  it('reads every digit 0–9 with its own word', () => {
    expect(spokenTicketNumber('A0123456789')).toBe('A 零一二三四五六七八九');
  });

  it('keeps several letters and digit groups apart, upper-cases letters, drops other signs', () => {
    expect(spokenTicketNumber('ab12')).toBe('A B 一二');
    expect(spokenTicketNumber('A-12B3')).toBe('A 一二 B 三');
    expect(spokenTicketNumber(' 7 ')).toBe('七');
  });
});

describe('spokenCardinal()', () => {
  const expected: Record<number, string> = {
    0: '零',
    1: '一',
    2: '二',
    3: '三',
    9: '九',
    10: '十',
    11: '十一',
    12: '十二',
    19: '十九',
    20: '二十',
    21: '二十一',
    30: '三十',
    45: '四十五',
    99: '九十九',
    100: '一百',
    101: '一百零一',
    110: '一百一十',
    1001: '一千零一',
    1010: '一千零一十',
  };
  for (const [n, text] of Object.entries(expected)) {
    it(`says window ${n} as ${text}`, () => expect(spokenCardinal(Number(n))).toBe(text));
  }

  it('says every window number 1–99 as a Chinese number built from tens and units', () => {
    const digit = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    for (let n = 1; n <= 99; n++) {
      const tens = Math.floor(n / 10);
      const units = n % 10;
      const want = tens === 0 ? digit[units] : (tens === 1 ? '' : digit[tens]) + '十' + digit[units];
      expect(spokenCardinal(n), `window ${n}`).toBe(want);
    }
  });

  it('refuses numbers it cannot say', () => {
    expect(() => spokenCardinal(-1)).toThrow(RangeError);
    expect(() => spokenCardinal(1.5)).toThrow(RangeError);
    expect(() => spokenCardinal(10_000)).toThrow(RangeError);
  });
});

describe('callText()', () => {
  it('fills the default template: 请 A 零一二 号 到 三 号窗口 办理', () => {
    expect(callText({ number: 'A012', windowNumber: 3 })).toBe('请 A 零一二 号 到 三 号窗口 办理');
    expect(callText({ number: 'A012', windowNumber: 3 }, DEFAULT_VOICE_TEMPLATE)).toBe('请 A 零一二 号 到 三 号窗口 办理');
  });

  it('says window 12 as 十二 and window 20 as 二十', () => {
    expect(callText({ number: 'B007', windowNumber: 12 })).toBe('请 B 零零七 号 到 十二 号窗口 办理');
    expect(callText({ number: 'C120', windowNumber: 20 })).toBe('请 C 一二零 号 到 二十 号窗口 办理');
  });

  it("follows a hall's own template, placeholders used any number of times", () => {
    expect(callText({ number: 'A005', windowNumber: 7 }, '{number}号请到{window}号窗口，{number}号')).toBe('A 零零五号请到七号窗口，A 零零五号');
  });

  it('names the floor before the window when a call is announced in another zone', () => {
    expect(callText({ number: 'A012', windowNumber: 9, place: '二楼' })).toBe('请 A 零一二 号 到 二楼 九 号窗口 办理');
    expect(callText({ number: 'A012', windowNumber: 9 })).toBe('请 A 零一二 号 到 九 号窗口 办理');
  });
});
