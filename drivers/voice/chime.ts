import { encodeWav, type Pcm } from './wav.js';

/**
 * The "ding-dong" before each call (two decaying bell tones, about 1.2 s), generated rather
 * than shipped so the server, the WAV recorder and the browser board share one sound.
 */
export function chimePcm(sampleRate = 22050): Pcm {
  const notes: [number, number][] = [
    [659.25, 0.55],
    [523.25, 0.7],
  ]; // E5 then C5
  const total = notes.reduce((s, [, d]) => s + d, 0);
  const samples = new Int16Array(Math.round(sampleRate * total));
  let start = 0;
  for (const [freq, seconds] of notes) {
    const n = Math.round(sampleRate * seconds);
    for (let i = 0; i < n; i++) {
      const t = i / sampleRate;
      const envelope = Math.min(1, t * 200) * Math.exp(-3.2 * t);
      const tone = Math.sin(2 * Math.PI * freq * t) + 0.3 * Math.sin(4 * Math.PI * freq * t);
      samples[start + i] = Math.round((0.45 * 32767 * envelope * tone) / 1.3);
    }
    start += n;
  }
  return { sampleRate, samples };
}

export function chimeWav(sampleRate = 22050): Buffer {
  return encodeWav(chimePcm(sampleRate));
}
