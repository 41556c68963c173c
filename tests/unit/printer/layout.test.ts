import { describe, expect, it } from 'vitest';
import {
  charColumns,
  numberSize,
  TEXT_SCALE,
  textColumns,
  ticketLayout,
  twoColumns,
  wrapColumns,
  type PrintableTicket,
} from '../../../drivers/printer/layout.js';

const ticket: PrintableTicket = {
  hallName: '市政务服务中心',
  serviceName: '税务登记',
  number: 'A012',
  priority: false,
  waitingAhead: 3,
  estimatedWaitMinutes: 12,
  issuedAtLocal: '2026-11-23 10:00',
  windowNumbers: [1, 2],
  statusUrl: 'http://hall.example/t/abc?token=xyz',
  notice: '过号请重新取号。',
};

describe('printer columns', () => {
  it('counts a hanzi, full-width punctuation and CJK extension B as two columns, ASCII as one', () => {
    expect(charColumns('税')).toBe(2);
    expect(charColumns('，')).toBe(2);
    expect(charColumns('（')).toBe(2);
    expect(charColumns('𠀀')).toBe(2);
    expect(charColumns('A')).toBe(1);
    expect(charColumns(' ')).toBe(1);
    expect(textColumns('A012 号')).toBe(7);
  });
});

describe('wrapColumns()', () => {
  it('never lets a line of hanzi exceed the paper width', () => {
    const text = '请留意叫号屏与语音提示过号请到服务台办理恢复或重新取号本票当日有效';
    for (const columns of [32, 48, 7]) {
      const lines = wrapColumns(text, columns);
      for (const line of lines) expect(textColumns(line)).toBeLessThanOrEqual(columns);
      expect(lines.join('')).toBe(text);
    }
  });

  it('puts as many hanzi on a line as fit: 16 on 32 columns', () => {
    expect(wrapColumns('一二三四五六七八九十一二三四五六七', 32)).toEqual(['一二三四五六七八九十一二三四五六', '七']);
  });

  it('does not start a line with closing punctuation: it takes the previous hanzi along', () => {
    const lines = wrapColumns('一二三四五，六', 10);
    expect(lines).toEqual(['一二三四', '五，六']);
    for (const line of lines) expect(line.startsWith('，')).toBe(false);
  });

  it('keeps ASCII words whole when they fit and cuts only longer ones', () => {
    expect(wrapColumns('扫码 https://hall.example/t/1', 12)).toEqual(['扫码', 'https://hall', '.example/t/1']);
    expect(wrapColumns('take ticket A012', 12)).toEqual(['take ticket', 'A012']);
  });

  it('keeps explicit line breaks and refuses a width too small for a hanzi', () => {
    expect(wrapColumns('一\n二', 10)).toEqual(['一', '二']);
    expect(() => wrapColumns('一', 1)).toThrow(RangeError);
  });
});

describe('twoColumns()', () => {
  it('pads left and right text to the width counting hanzi as two', () => {
    const line = twoColumns('前面等候', '3 人', 20);
    expect(textColumns(line)).toBe(20);
    expect(line.startsWith('前面等候')).toBe(true);
    expect(line.endsWith('3 人')).toBe(true);
  });
});

describe('ticketLayout()', () => {
  it('shows hall, service, the number at four times the size, people ahead, wait, windows, time, QR and a cut, in that order', () => {
    const blocks = ticketLayout(ticket, { columns: 48 });
    const texts = blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : [`<${b.kind}>`]));
    const at = (needle: string) => texts.findIndex((t) => t.includes(needle));
    expect(at('市政务服务中心')).toBeLessThan(at('税务登记'));
    expect(at('税务登记')).toBeLessThan(at('A012'));
    expect(blocks.find((b) => b.kind === 'text' && b.text === 'A012')).toMatchObject({ size: 'quad', align: 'center' });
    expect(at('3 人')).toBeGreaterThan(at('A012'));
    expect(texts.some((t) => t.includes('约 12 分钟'))).toBe(true);
    expect(texts.some((t) => t.includes('1、2号窗口'))).toBe(true);
    expect(texts.some((t) => t.includes('2026-11-23 10:00'))).toBe(true);
    expect(blocks.find((b) => b.kind === 'qr')).toEqual({ kind: 'qr', data: ticket.statusUrl });
    expect(blocks[blocks.length - 1]).toEqual({ kind: 'cut' });
  });

  it('keeps every line within 32 columns on 58 mm paper, large text counted at its size', () => {
    const long = { ...ticket, hallName: '某某市某某区政务服务中心不动产登记分中心（第二办事大厅）' };
    for (const b of ticketLayout(long, { columns: 32 })) {
      if (b.kind === 'text') expect(textColumns(b.text) * TEXT_SCALE[b.size]).toBeLessThanOrEqual(32);
    }
  });

  it('prints the number four times the normal size where it fits, smaller only when it would not', () => {
    expect(numberSize('A012', 48)).toBe('quad');
    expect(numberSize('A012', 32)).toBe('quad');
    expect(numberSize('AB12345678', 32)).toBe('triple');
    expect(numberSize('ABC123456789', 32)).toBe('double');
  });

  it('marks a priority ticket and a reprint', () => {
    const texts = ticketLayout({ ...ticket, priority: true, reprint: true }, { columns: 48 }).flatMap((b) => (b.kind === 'text' ? [b.text] : []));
    expect(texts.some((t) => t.includes('绿色通道'))).toBe(true);
    expect(texts.some((t) => t.includes('补打'))).toBe(true);
  });

  it('says to watch the calls when no window serves the service', () => {
    const texts = ticketLayout({ ...ticket, windowNumbers: [] }, { columns: 48 }).flatMap((b) => (b.kind === 'text' ? [b.text] : []));
    expect(texts.some((t) => t.includes('请留意叫号'))).toBe(true);
  });
});
