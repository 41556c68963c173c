import { callText } from '../../drivers/voice/call-text.js';

export interface BrowserVoiceSettings {
  speaker: 'server' | 'browser';
  template: string;
  repeat: number;
  chimeUrl: string;
}

const MAX_WAITING = 10;

/**
 * The hall board speaking for halls whose speakers hang off the display PC: chime, then the
 * line (Web Speech API, a zh-CN voice) said twice; one call at a time, in order.
 * Kiosk browsers need autoplay allowed (Chromium: --autoplay-policy=no-user-gesture-required).
 */
export class BrowserVoice {
  private readonly waiting: string[] = [];
  private playing = false;
  private readonly chime: HTMLAudioElement;

  constructor(private readonly settings: BrowserVoiceSettings) {
    this.chime = new Audio(settings.chimeUrl);
  }

  announce(call: { number: string; windowNumber: number; place?: string }): void {
    this.waiting.push(callText(call, this.settings.template));
    if (this.waiting.length > MAX_WAITING) this.waiting.shift();
    if (!this.playing) void this.drain();
  }

  private async drain(): Promise<void> {
    this.playing = true;
    for (let text = this.waiting.shift(); text !== undefined; text = this.waiting.shift()) {
      await this.playChime();
      for (let i = 0; i < this.settings.repeat; i++) await speak(text);
    }
    this.playing = false;
  }

  private playChime(): Promise<void> {
    return new Promise((resolve) => {
      this.chime.currentTime = 0;
      this.chime.onended = () => resolve();
      this.chime.play().catch(() => resolve());
      setTimeout(resolve, 3000);
    });
  }
}

function speak(text: string): Promise<void> {
  return new Promise((resolve) => {
    if (typeof speechSynthesis === 'undefined') return resolve();
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = 'zh-CN';
    const voice =
      speechSynthesis.getVoices().find((v) => v.lang.replace('_', '-').startsWith('zh-CN')) ?? speechSynthesis.getVoices().find((v) => v.lang.startsWith('zh'));
    if (voice) utterance.voice = voice;
    utterance.rate = 0.9;
    utterance.onend = () => resolve();
    utterance.onerror = () => resolve();
    speechSynthesis.speak(utterance);
    setTimeout(resolve, 15_000); // a stuck engine must not hold the queue forever
  });
}
