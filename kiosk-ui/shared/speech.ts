/**
 * Spoken prompts for the 适老化 large mode (browser speech, zh-CN). The last line spoken is
 * also kept on <body data-last-spoken> so a screen without a voice still shows what it said.
 */
export function speak(text: string, lang: 'zh-CN' | 'en'): void {
  document.body.dataset.lastSpoken = text;
  const synth = window.speechSynthesis as SpeechSynthesis | undefined;
  if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return;
  try {
    synth.cancel();
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = lang === 'en' ? 'en-US' : 'zh-CN';
    utterance.rate = 0.85;
    synth.speak(utterance);
  } catch {
    // a kiosk without a voice still works: the prompt is on screen
  }
}

/** Ticket numbers read letter by letter and digit by digit: A012 → "A 零 一 二". */
export function spokenNumber(number: string, lang: 'zh-CN' | 'en'): string {
  const digits = '零一二三四五六七八九';
  return [...number].map((c) => (lang === 'zh-CN' && /\d/.test(c) ? digits[Number(c)] : c)).join(' ');
}
