/**
 * The rule for a password a person chooses for themselves: long enough, not one kind of
 * character only, not their username and not a well-known one. The console checks it before
 * sending, the server again; both name the same problem.
 */
export type PasswordProblem = 'tooShort' | 'tooLong' | 'oneKind' | 'containsUsername' | 'common' | 'sameAsCurrent';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/** the first passwords a guesser tries that the other checks would still let through */
const COMMON = new Set([
  'password1',
  'passw0rd',
  'abc12345',
  'abcd1234',
  'qwer1234',
  'a1234567',
  '1234567a',
  '12345678a',
  '1qaz2wsx',
  'qwe12345',
  'admin123',
  'admin1234',
  'aa123456',
  'zxcv1234',
]);

function kinds(password: string): number {
  const letters = /\p{L}/u.test(password);
  const digits = /\p{N}/u.test(password);
  const others = /[^\p{L}\p{N}]/u.test(password);
  return Number(letters) + Number(digits) + Number(others);
}

export function passwordProblem(password: string, who: { username: string; current?: string }): PasswordProblem | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'tooShort';
  if ([...password].length > PASSWORD_MAX_LENGTH) return 'tooLong';
  if (who.current !== undefined && password === who.current) return 'sameAsCurrent';
  if (kinds(password) < 2) return 'oneKind';
  const username = who.username.trim().toLowerCase();
  if (username.length >= 3 && password.toLowerCase().includes(username)) return 'containsUsername';
  if (COMMON.has(password.toLowerCase())) return 'common';
  return null;
}

/** What the server answers for each problem (the console shows its own translation). */
export const PASSWORD_PROBLEM_MESSAGE: Record<PasswordProblem, string> = {
  tooShort: `newPassword: 新密码至少 ${PASSWORD_MIN_LENGTH} 位 (at least ${PASSWORD_MIN_LENGTH} characters)`,
  tooLong: `newPassword: 新密码最多 ${PASSWORD_MAX_LENGTH} 位 (at most ${PASSWORD_MAX_LENGTH} characters)`,
  oneKind: 'newPassword: 新密码须含字母、数字、符号中的至少两种 (mix at least two of letters, digits and symbols)',
  containsUsername: 'newPassword: 新密码不能包含用户名 (must not contain the username)',
  common: 'newPassword: 新密码过于常见 (too common)',
  sameAsCurrent: 'newPassword: 新密码不能与当前密码相同 (must differ from the current one)',
};
