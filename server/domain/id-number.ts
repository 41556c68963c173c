/**
 * Chinese resident identity numbers (公民身份号码, GB 11643-1999): 17 digits — region (6),
 * birth date YYYYMMDD (8), sequence (3, odd for men) — and an ISO 7064 MOD 11-2 check
 * character, 0–9 or X.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}

/** Upper-cases the check letter and drops spaces: what a visitor types is normalised first. */
export function normalizeIdNumber(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

export type IdNumberProblem = 'format' | 'region' | 'birth-date' | 'checksum';

/** Why a (normalised) number is not a valid resident ID, or null when it is. `today` is YYYY-MM-DD. */
export function idNumberProblem(id: string, today: string): IdNumberProblem | null {
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  if (id[0] === '0' || id[0] === '9') return 'region';
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const parsed = new Date(`${birth}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== birth || birth > today || birth < '1900-01-01') {
    return 'birth-date';
  }
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return 'checksum';
  return null;
}

export const ID_PROBLEM_TEXT: Record<IdNumberProblem, string> = {
  format: 'must be 18 characters: 17 digits and a digit or X',
  region: 'does not start with a valid region code',
  'birth-date': 'does not hold a valid date of birth',
  checksum: 'check character does not match (GB 11643)',
};

/** The last 4 characters, all that is kept in clear for a person to recognise their booking. */
export function idLast4(id: string): string {
  return id.slice(-4);
}
