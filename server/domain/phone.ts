/** Visitors' phone numbers: mainland mobiles (1[3-9]xxxxxxxxx) and landlines with area code. */

/** Drops spaces, dashes and a +86 / 0086 country prefix. */
export function normalizePhone(raw: string): string {
  const digits = raw.replace(/[\s\-()]/g, '');
  return digits.replace(/^(\+86|0086)(?=1\d{10}$)/, '');
}

export function isValidPhone(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(phone) || /^0\d{2,3}\d{7,8}$/.test(phone);
}

/** 13812345678 → 138****5678; a landline keeps its area code and last 4. */
export function maskPhone(phone: string): string {
  if (phone.length <= 4) return '*'.repeat(phone.length);
  if (/^1\d{10}$/.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  const head = phone.startsWith('01') || phone.startsWith('02') ? 3 : 4;
  return `${phone.slice(0, head)}${'*'.repeat(Math.max(1, phone.length - head - 4))}${phone.slice(-4)}`;
}
