/**
 * The spoken line of a call, built from the hall's voice template (pure; the browser board
 * uses it too). Letters are read as letters and ticket digits one by one ("A012" → "A 零一二"),
 * so "A012" is never heard as "twelve"; the window number is read as a number (12 → 十二).
 */
export const DEFAULT_VOICE_TEMPLATE = '请 {number} 号 到 {window} 号窗口 办理';

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

export interface CallForVoice {
  number: string;
  windowNumber: number;
  /** the window's floor/zone, said before its number ("到 二楼 九 号窗口") when called from another zone */
  place?: string;
}

/** "A012" → "A 零一二": letters kept (spaced), digits one by one. */
export function spokenTicketNumber(number: string): string {
  const parts: string[] = [];
  let digits = '';
  for (const ch of number.trim()) {
    if (ch >= '0' && ch <= '9') {
      digits += DIGITS[Number(ch)];
      continue;
    }
    if (digits) parts.push(digits);
    digits = '';
    if (/[A-Za-z]/.test(ch)) parts.push(ch.toUpperCase());
  }
  if (digits) parts.push(digits);
  return parts.join(' ');
}

/** 3 → 三, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九, 101 → 一百零一 (0–9999). */
export function spokenCardinal(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) throw new RangeError(`window number out of range: ${n}`);
  if (n < 10) return DIGITS[n]!;
  if (n < 20) return '十' + (n % 10 ? DIGITS[n % 10]! : '');
  const units: [number, string][] = [
    [1000, '千'],
    [100, '百'],
    [10, '十'],
    [1, ''],
  ];
  let text = '';
  let zero = false;
  for (const [size, unit] of units) {
    const d = Math.floor(n / size) % 10;
    if (d === 0) {
      if (text) zero = true;
      continue;
    }
    if (zero) text += '零';
    zero = false;
    text += DIGITS[d]! + unit;
  }
  return text;
}

/** The line to say for a call: the template with {number} and {window} (with its place, if any) filled in. */
export function callText(call: CallForVoice, template: string = DEFAULT_VOICE_TEMPLATE): string {
  return template
    .replaceAll('{number}', spokenTicketNumber(call.number))
    .replaceAll('{window}', `${call.place ? `${call.place} ` : ''}${spokenCardinal(call.windowNumber)}`)
    .replace(/\s+/g, ' ')
    .trim();
}
