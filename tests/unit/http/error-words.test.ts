import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorsEn as visitorEn } from '../../../kiosk-ui/locales/errors.en.js';
import { errorsZhCN as visitorZh } from '../../../kiosk-ui/locales/errors.zh-CN.js';
import { ERROR_CODES, ERROR_STATUS } from '../../../server/contract/error-codes.js';
import { errorsEn as staffEn } from '../../../staff-ui/locales/errors.en.js';
import { errorsZhCN as staffZh } from '../../../staff-ui/locales/errors.zh-CN.js';
import { ApiError } from '../../../ui-common/api.js';
import { errorMessage, type ErrorWords } from '../../../ui-common/error-words.js';

const HANZI = /[\u4e00-\u9fff]/;
const LOCALES: [string, ErrorWords, 'zh' | 'en'][] = [
  ['kiosk-ui (kiosk, phone, booking) zh-CN', visitorZh, 'zh'],
  ['kiosk-ui (kiosk, phone, booking) en', visitorEn, 'en'],
  ['staff-ui (console, admin, booking desk) zh-CN', staffZh, 'zh'],
  ['staff-ui (console, admin, booking desk) en', staffEn, 'en'],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('words for every error code', () => {
  it.each(LOCALES)('%s has one message per code the server can send, in that language only', (_name, words, language) => {
    for (const code of [...ERROR_CODES, 'OFFLINE', 'UNKNOWN'] as const) {
      const text = words[code];
      expect(text, code).toBeTruthy();
      if (language === 'zh') expect(text, `${code}: ${text}`).toMatch(HANZI);
      else expect(text, `${code}: ${text}`).not.toMatch(HANZI);
    }
  });

  it('the codes the server writes in its source are all defined (with their HTTP status)', () => {
    const written = new Set<string>();
    for (const file of [...sourceFiles('server'), ...sourceFiles('drivers').filter((f) => !f.includes('protocol'))]) {
      const text = readFileSync(file, 'utf8');
      // a DomainError, an error body or subscribe refusal ({ code, message }), a code/message pair
      for (const m of text.matchAll(/DomainError\('([A-Z_0-9]+)'|\{ code: '([A-Z_0-9]+)', message|\['([A-Z_0-9]+)', '[^']*[\u4e00-\u9fff a-z]/g))
        written.add(m[1] ?? m[2] ?? m[3]!);
    }
    expect(written.size).toBeGreaterThan(30);
    expect([...written].filter((code) => !(code in ERROR_STATUS))).toEqual([]);
  });

  it("a refusal reads as the code's words, not the server's message; no answer reads as offline", () => {
    const refused = new ApiError(409, 'WINDOW_BUSY', 'window w1 is serving A001: finish or skip it first');
    expect(errorMessage(refused, staffZh)).toBe(staffZh.WINDOW_BUSY);
    expect(errorMessage(refused, staffEn)).toBe(staffEn.WINDOW_BUSY);
    expect(errorMessage(new ApiError(0, 'OFFLINE', 'server unreachable'), visitorZh)).toBe(visitorZh.OFFLINE);
    expect(errorMessage(new ApiError(418, 'SOMETHING_NEW', 'x'), visitorEn)).toBe(visitorEn.UNKNOWN);
  });
});
