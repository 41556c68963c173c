import { describe, expect, it } from 'vitest';
import { passwordProblem } from '../../../server/domain/password-rule.js';

const who = { username: 'wangfang', current: 'secret123' };

describe('passwordProblem()', () => {
  it('accepts 8 characters of two kinds that are not the username, the current one or a common one', () => {
    expect(passwordProblem('二号窗口办事9q', who)).toBeNull();
    expect(passwordProblem('Hall-queue', who)).toBeNull();
    expect(passwordProblem('t7#k2m9q', who)).toBeNull();
  });

  it('refuses fewer than 8 characters, counting a Chinese character as one', () => {
    expect(passwordProblem('ab1234', who)).toBe('tooShort');
    expect(passwordProblem('王芳王芳123', who)).toBe('tooShort');
    expect(passwordProblem('x'.repeat(129) + '1', who)).toBe('tooLong');
  });

  it('refuses one kind of character only', () => {
    expect(passwordProblem('12345678', who)).toBe('oneKind');
    expect(passwordProblem('abcdefghij', who)).toBe('oneKind');
    expect(passwordProblem('!!!!@@@@', who)).toBe('oneKind');
  });

  it('refuses the username inside it, whatever the case, and the current password', () => {
    expect(passwordProblem('WangFang2024', who)).toBe('containsUsername');
    expect(passwordProblem('secret123', who)).toBe('sameAsCurrent');
    expect(passwordProblem('ab1-xyz9', { username: 'ab' })).toBeNull(); // too short a name to matter
  });

  it('refuses well-known passwords', () => {
    expect(passwordProblem('Password1', who)).toBe('common');
    expect(passwordProblem('abcd1234', who)).toBe('common');
  });
});
