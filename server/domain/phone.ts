/** Visitors' phone numbers: mainland mobiles (1[3-9]xxxxxxxxx) and landlines with area code. */

export type PhoneKind = 'mobile' | 'landline';

const MOBILE = /^1[3-9]\d{9}$/;
// 010 and 02x have 2-digit codes after the 0 and 8-digit numbers; the other areas 3 digits and 7–8
const LANDLINE = /^0(?:10|2\d)\d{8}$|^0[3-9]\d{2}\d{7,8}$/;

/**
 * Drops spaces, dashes, dots and brackets, and a +86 / 0086 country prefix: "+86 138-1234-5678"
 * → 13812345678, "(0571) 8765-4321" → 057187654321, "+86 10 1234 5678" → 01012345678 (a
 * landline dialled from abroad loses its leading 0, which is put back).
 */
export function normalizePhone(raw: string): string {
  const digits = raw.replace(/[\s\-().]/g, '');
  const national = /^(?:\+86|0086)(\d+)$/.exec(digits)?.[1];
  if (national === undefined) return digits;
  if (MOBILE.test(national) || national.startsWith('0')) return national;
  return LANDLINE.test(`0${national}`) ? `0${national}` : digits;
}

/** What a normalized number is, or null when it is neither a mobile nor a landline with area code. */
export function phoneKind(phone: string): PhoneKind | null {
  if (MOBILE.test(phone)) return 'mobile';
  if (LANDLINE.test(phone)) return 'landline';
  return null;
}

export function isValidPhone(phone: string): boolean {
  return phoneKind(phone) !== null;
}

/** Only a mobile receives SMS: a landline booking gets no messages. */
export function isMobile(phone: string): boolean {
  return phoneKind(phone) === 'mobile';
}

/** 13812345678 → 138****5678; a landline keeps its area code and last 4. */
export function maskPhone(phone: string): string {
  if (phone.length <= 4) return '*'.repeat(phone.length);
  if (/^1\d{10}$/.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  const head = phone.startsWith('01') || phone.startsWith('02') ? 3 : 4;
  return `${phone.slice(0, head)}${'*'.repeat(Math.max(1, phone.length - head - 4))}${phone.slice(-4)}`;
}
