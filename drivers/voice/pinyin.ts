import { pinyin } from 'pinyin-pro';

/**
 * Tone-numbered pinyin for espeak-ng's `cmn-latn-pinyin` voice (its plain `cmn` voice reads
 * tone digits in English). Latin letters are spelled the way a Mandarin speaker names them
 * (A → ei1, B → bi4 …): said as pinyin, a bare "A" would come out as the vowel "a".
 */
const LETTERS: Record<string, string> = {
  A: 'ei1',
  B: 'bi4',
  C: 'xi4',
  D: 'di4',
  E: 'yi4',
  F: 'ai2 fu5',
  G: 'ji4',
  H: 'ai1 qi1',
  I: 'ai4',
  J: 'jie4',
  K: 'kai4',
  L: 'ai2 le5',
  M: 'ai2 mu5',
  N: 'en1',
  O: 'ou1',
  P: 'pi4',
  Q: 'kiu1',
  R: 'a2 er5',
  S: 'ai2 si1',
  T: 'ti4',
  U: 'you1',
  V: 'wei1',
  W: 'da2 bu5 liu5',
  X: 'ai2 ke4 si1',
  Y: 'wai4',
  Z: 'zei4',
};

/** "请 A 零一二 号" → "qing3 ei1 ling2 yi1 er4 hao4" */
export function toTonePinyin(text: string): string {
  const syllables = pinyin(text, { toneType: 'num', type: 'array', toneSandhi: false, nonZh: 'spaced', v: true });
  const words: string[] = [];
  for (const raw of syllables) {
    const s = raw.trim();
    if (!s) continue;
    if (/^[A-Za-z]$/.test(s)) {
      words.push(LETTERS[s.toUpperCase()]!);
      continue;
    }
    // pinyin-pro writes the neutral tone as 0; espeak-ng expects 5
    if (/^[a-zü]+[0-5]$/i.test(s)) words.push(s.replace(/0$/, '5'));
    else if (/^[a-z]+$/i.test(s)) words.push(...[...s.toUpperCase()].map((c) => LETTERS[c] ?? ''));
    // punctuation and other signs are pauses at most: left out
  }
  return words.filter(Boolean).join(' ');
}
