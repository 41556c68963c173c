/**
 * The printed ticket as lines and blocks, laid out for a thermal printer whose width counts
 * columns: a hanzi (and any full-width character) takes two, ASCII one. node-thermal-printer's
 * own wrapping counts characters, so CJK lines are laid out here instead. Pure: no I/O.
 */

import { boundedMemo } from './bounded-memo.js';

/** normal, or the characters 2, 3 or 4 times as wide and as tall */
export type TextSize = 'normal' | 'double' | 'triple' | 'quad';
export const TEXT_SCALE: Record<TextSize, number> = { normal: 1, double: 2, triple: 3, quad: 4 };
export type Align = 'left' | 'center';

export type TicketBlock =
  | { kind: 'text'; text: string; align: Align; size: TextSize; bold: boolean }
  | { kind: 'rule' }
  | { kind: 'qr'; data: string }
  | { kind: 'feed'; lines: number }
  | { kind: 'cut' };

/** What a ticket shows; the feature fills it from the ticket and its hall. */
export interface PrintableTicket {
  hallName: string;
  serviceName: string;
  number: string;
  priority: boolean;
  waitingAhead: number;
  estimatedWaitMinutes: number;
  /** local wall-clock time of issue, already formatted (e.g. 2026-11-23 10:00) */
  issuedAtLocal: string;
  windowNumbers: number[];
  /** the wait in words (a range, or that no window is open); preferred to estimatedWaitMinutes */
  waitText?: string;
  /** 一次性告知 in short (one line) */
  materials?: string;
  /** the windows in words, floors named (e.g. 1号窗口，二楼 4号窗口); preferred to windowNumbers */
  windowsText?: string;
  /** the phone status page, encoded in the QR code */
  statusUrl: string;
  notice: string;
  reprint?: boolean;
}

const WIDE_RANGES: readonly [number, number][] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x20000, 0x3fffd],
];

/** Columns one character takes on the printer: 2 for CJK and full-width forms, else 1. */
export function charColumns(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  for (const [from, to] of WIDE_RANGES) if (code >= from && code <= to) return 2;
  return 1;
}

export function textColumns(text: string): number {
  let n = 0;
  for (const ch of text) n += charColumns(ch);
  return n;
}

/** Characters a line must not begin with (closing punctuation), per Chinese typesetting. */
const NO_LINE_START = new Set([...'，。、；：？！）》」』】〕…％,.;:?!)%']);

/**
 * Splits text into lines of at most `columns` columns. ASCII words are not cut unless longer
 * than a line; closing punctuation never starts a line (it takes the previous character along).
 */
export function wrapColumns(text: string, columns: number): string[] {
  if (columns < 2) throw new RangeError('columns must be at least 2');
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line: string[] = [];
    let used = 0;
    for (const token of tokens(paragraph)) {
      const width = textColumns(token);
      if (used + width > columns && line.length > 0) {
        const carried = NO_LINE_START.has(token) ? takeCarry(line) : [];
        lines.push(line.join('').trimEnd());
        line = carried;
        used = textColumns(carried.join(''));
        if (token === ' ') continue;
      }
      for (const piece of width > columns ? [...token] : [token]) {
        const w = textColumns(piece);
        if (used + w > columns) {
          lines.push(line.join(''));
          line = [];
          used = 0;
        }
        line.push(piece);
        used += w;
      }
    }
    lines.push(line.join('').trimEnd());
  }
  return lines;
}

function takeCarry(line: string[]): string[] {
  const last = line.pop();
  return last && last !== ' ' ? [last] : [];
}

/** ASCII words stay whole; every other character is its own token. */
function tokens(text: string): string[] {
  return text.match(/[A-Za-z0-9@#&_\-/:.]+|./gsu) ?? [];
}

/** Left text and right text on one line, padded to `columns` (right text wins if too long). */
export function twoColumns(left: string, right: string, columns: number): string {
  const gap = columns - textColumns(left) - textColumns(right);
  return gap >= 1 ? left + ' '.repeat(gap) + right : `${left} ${right}`;
}

export interface LayoutOptions {
  /** columns of the normal font: 48 on 80 mm paper, 32 on 58 mm */
  columns: number;
}

/**
 * The ticket number as large as the paper allows, as commercial queue tickets print it: four
 * times the normal size (on 80 mm paper about 12 mm tall), three or two times when it is too long.
 */
export function numberSize(number: string, columns: number): TextSize {
  const sizes: TextSize[] = ['quad', 'triple', 'double'];
  return sizes.find((size) => textColumns(number) * TEXT_SCALE[size] <= columns) ?? 'normal';
}

/** wrapColumns of the ticket's texts, most of which every ticket repeats */
const wrapOnTicket = boundedMemo((key: string) => {
  const cut = key.indexOf(':');
  return Object.freeze(wrapColumns(key.slice(cut + 1), Number(key.slice(0, cut))));
});

/** The ticket from top to cut. Text n times the normal size has 1/n of the columns. */
export function ticketLayout(t: PrintableTicket, { columns }: LayoutOptions): TicketBlock[] {
  const text = (s: string, opts: Partial<{ align: Align; size: TextSize; bold: boolean }> = {}): TicketBlock[] => {
    const size = opts.size ?? 'normal';
    const width = Math.floor(columns / TEXT_SCALE[size]);
    return wrapOnTicket(`${width}:${s}`).map((line) => ({ kind: 'text', text: line, align: opts.align ?? 'left', size, bold: opts.bold ?? false }));
  };
  const windows = t.windowsText || (t.windowNumbers.length > 0 ? `${t.windowNumbers.join('、')}号窗口` : '请留意叫号');
  return [
    ...text(t.hallName, { align: 'center', bold: true }),
    ...text(t.reprint ? `${t.serviceName}（补打）` : t.serviceName, { align: 'center' }),
    { kind: 'rule' },
    ...text(t.number, { align: 'center', size: numberSize(t.number, columns), bold: true }),
    ...(t.priority ? text('绿色通道（工作人员可能核实）', { align: 'center' }) : []),
    { kind: 'rule' },
    { kind: 'text', text: twoColumns('前面等候', `${t.waitingAhead} 人`, columns), align: 'left', size: 'normal', bold: false },
    ...(t.waitText && t.waitText.length + 6 > columns
      ? text(`预计等候：${t.waitText}`)
      : [
          {
            kind: 'text',
            text: twoColumns('预计等候', t.waitText || `约 ${t.estimatedWaitMinutes} 分钟`, columns),
            align: 'left',
            size: 'normal',
            bold: false,
          } as TicketBlock,
        ]),
    ...text(`办理窗口：${windows}`),
    ...text(`取号时间：${t.issuedAtLocal}`),
    ...(t.materials ? text(`请备齐：${t.materials}`) : []),
    { kind: 'feed', lines: 1 },
    ...text('扫码查看排队进度', { align: 'center' }),
    { kind: 'qr', data: t.statusUrl },
    ...text(t.notice, { align: 'left' }),
    { kind: 'feed', lines: 1 },
    { kind: 'cut' },
  ];
}

/** What the manager's 测试 prints: proof that the printer, its Chinese mode, the large number and the QR work. */
export interface TestPage {
  printerId: string;
  hallName: string;
  /** local wall-clock time, already formatted */
  atLocal: string;
  /** the address phones reach (the QR codes' base) */
  publicUrl: string;
}

/** The test page from top to cut: what a ticket uses (GBK text, the number size, a QR), with the printer's id. */
export function testPageLayout(p: TestPage, { columns }: LayoutOptions): TicketBlock[] {
  const line = (text: string, align: Align = 'left', size: TextSize = 'normal', bold = false): TicketBlock[] =>
    wrapColumns(text, Math.floor(columns / TEXT_SCALE[size])).map((l) => ({ kind: 'text', text: l, align, size, bold }));
  return [
    ...line(p.hallName, 'center', 'normal', true),
    ...line('打印机测试页 TEST PAGE', 'center'),
    { kind: 'rule' },
    ...line('A001', 'center', numberSize('A001', columns), true),
    { kind: 'rule' },
    ...line(`打印机：${p.printerId}`),
    ...line(`纸宽：${columns} 列`),
    ...line(`时间：${p.atLocal}`),
    ...line('中文：政务服务中心排队叫号'),
    { kind: 'feed', lines: 1 },
    ...line('扫码打开（手机应能访问）', 'center'),
    { kind: 'qr', data: p.publicUrl },
    ...line(p.publicUrl, 'center'),
    { kind: 'feed', lines: 1 },
    { kind: 'cut' },
  ];
}

export const DEFAULT_NOTICE = '请留意叫号屏与语音提示。过号请到服务台办理恢复或重新取号。本票当日有效。';
