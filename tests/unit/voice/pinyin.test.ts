import { describe, expect, it } from 'vitest';
import { callText } from '../../../drivers/voice/call-text.js';
import { toTonePinyin } from '../../../drivers/voice/pinyin.js';

describe('toTonePinyin()', () => {
  it('turns the call line into tone-numbered pinyin for espeak-ng cmn-latn-pinyin', () => {
    expect(toTonePinyin(callText({ number: 'A012', windowNumber: 12 }))).toBe('qing3 ei1 ling2 yi1 er4 hao4 dao4 shi2 er4 hao4 chuang1 kou3 ban4 li3');
  });

  it('keeps 一 as yi1 in a digit run (no tone sandhi: digits are read one by one)', () => {
    expect(toTonePinyin('一一一')).toBe('yi1 yi1 yi1');
  });

  it('names latin letters as Mandarin speakers do, not as pinyin vowels', () => {
    expect(toTonePinyin('A')).toBe('ei1');
    expect(toTonePinyin('B C')).toBe('bi4 xi4');
    expect(toTonePinyin('W')).toBe('da2 bu5 liu5');
  });

  it('writes the neutral tone as 5 and leaves punctuation out', () => {
    expect(toTonePinyin('好的！')).toBe('hao3 de5');
    expect(toTonePinyin('的，。')).toBe('de5');
  });
});
