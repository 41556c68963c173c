import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chimePcm, chimeWav } from './chime.js';
import { EspeakNgPlatform, platformSay, runProgram, sayCall, type SayPlatform } from './say-engine.js';
import { decodeWav, encodeWav, joinPcm, silence } from './wav.js';

/** Where an announcement's sound goes. Every method returns a Promise and never throws synchronously. */
export interface VoiceOutput {
  readonly engine: string;
  /** resolves when the engine can speak; rejects with the reason when it cannot (→ degraded) */
  check(): Promise<void>;
  /** chime, then the line `repeat` times; resolves when the sound has finished */
  announce(text: string, repeat: number, label: string): Promise<void>;
  close(): void;
}

export type VoiceEngineName = 'auto' | 'espeak' | 'say' | 'simulated';

export interface VoiceOutputOptions {
  engine: VoiceEngineName;
  /** the espeak-ng program (default `espeak-ng`) */
  command?: string;
  /** the platform voice for `say` (default Tingting on macOS, Huihui on Windows) */
  voice?: string;
  /** speed factor, 1.0 = normal */
  speed?: number;
  /** write each announcement as a WAV file here instead of playing it (recording, tests) */
  recordDir?: string;
}

/** A simulated voice: nothing is heard, the announcer's history still records each call. */
export class SimulatedOutput implements VoiceOutput {
  readonly engine = 'simulated';
  async check(): Promise<void> {}
  async announce(): Promise<void> {}
  close(): void {}
}

interface Engine {
  name: string;
  platform: SayPlatform;
  voice: string | null;
  check(): Promise<void>;
}

/** the SAPI voices System.Speech can use (what `say` drives on Windows), one name a line */
const WINDOWS_VOICES =
  'Add-Type -AssemblyName System.Speech; (New-Object System.Speech.Synthesis.SpeechSynthesizer).GetInstalledVoices() | % { $_.VoiceInfo.Name }';

/**
 * A Windows voice must be a SAPI voice System.Speech lists: the Chinese 'Microsoft Huihui
 * Desktop' comes with the Chinese (Simplified) speech pack. `say` puts the name inside a
 * PowerShell string, so a quote in it is refused here.
 */
export function checkWindowsVoice(listed: string, voice: string): void {
  if (!/^[\w .()-]+$/.test(voice)) throw new Error(`voice name ${JSON.stringify(voice)} has characters a Windows voice name does not`);
  const names = listed
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (!names.includes(voice)) {
    throw new Error(
      `the Windows voice ${voice} is not installed (installed: ${names.join(', ') || 'none'}); add the 中文(简体) speech pack in Settings → Time & language → Speech`,
    );
  }
}

function chooseEngine(opts: VoiceOutputOptions): Engine {
  const os = process.platform;
  const useSay = opts.engine === 'say' || (opts.engine === 'auto' && (os === 'darwin' || os === 'win32'));
  if (!useSay) {
    const command = opts.command ?? 'espeak-ng';
    return {
      name: 'espeak',
      platform: new EspeakNgPlatform(command),
      voice: null,
      async check() {
        const voices = await runProgram(command, ['--voices=cmn']);
        if (!voices.includes('cmn-latn-pinyin')) throw new Error(`${command} has no cmn-latn-pinyin voice`);
      },
    };
  }
  const voice = opts.voice ?? (os === 'win32' ? 'Microsoft Huihui Desktop' : 'Tingting');
  return {
    name: 'say',
    platform: platformSay(),
    voice,
    async check() {
      if (os === 'darwin') {
        if (!(await runProgram('say', ['-v', '?'])).includes(voice)) throw new Error(`the macOS voice ${voice} is not installed`);
      } else if (os === 'win32') {
        checkWindowsVoice(await runProgram('powershell', ['-NoProfile', '-Command', WINDOWS_VOICES], 15_000), voice);
      } else {
        throw new Error('say on this platform has no Mandarin voice (use engine espeak)');
      }
    },
  };
}

/** Plays through the machine's speakers: the chime with sox's `play` (when present), then the line. */
class SpeakerOutput implements VoiceOutput {
  private readonly dir = mkdtempSync(join(tmpdir(), 'hallq-voice-'));
  private readonly chimeFile = join(this.dir, 'chime.wav');
  private chimePlayer = false;

  constructor(
    private readonly e: Engine,
    private readonly speed: number,
  ) {
    writeFileSync(this.chimeFile, chimeWav());
  }

  get engine(): string {
    return this.e.name;
  }

  async check(): Promise<void> {
    await this.e.check();
    this.chimePlayer = await runProgram('play', ['--version']).then(
      () => true,
      () => false,
    );
  }

  async announce(text: string, repeat: number): Promise<void> {
    if (this.chimePlayer) await runProgram('play', ['-q', this.chimeFile], 10_000);
    for (let i = 0; i < repeat; i++) {
      await sayCall(this.e.platform, (cb) => this.e.platform.speak(text, this.e.voice, this.speed, cb));
    }
  }

  close(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Writes each announcement (chime + line × repeat) as one WAV file: a record of what was said. */
class RecorderOutput implements VoiceOutput {
  constructor(
    private readonly e: Engine,
    private readonly dir: string,
    private readonly speed: number,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  get engine(): string {
    return this.e.name;
  }

  check(): Promise<void> {
    return this.e.check();
  }

  async announce(text: string, repeat: number, label: string): Promise<void> {
    const lineFile = join(this.dir, `.${label}.line.wav`);
    await sayCall(this.e.platform, (cb) => this.e.platform.export(text, this.e.voice, this.speed, lineFile, cb));
    const line = decodeWav(readFileSync(lineFile));
    rmSync(lineFile, { force: true });
    const rate = line.sampleRate;
    const gap = silence(rate, 0.6);
    const parts = [chimePcm(rate).samples, silence(rate, 0.3)];
    for (let i = 0; i < repeat; i++) parts.push(line.samples, gap);
    writeFileSync(join(this.dir, `${label}.wav`), encodeWav(joinPcm(rate, parts)));
  }

  close(): void {}
}

export function createVoiceOutput(opts: VoiceOutputOptions): VoiceOutput {
  if (opts.engine === 'simulated') return new SimulatedOutput();
  const engine = chooseEngine(opts);
  const speed = opts.speed ?? 1;
  return opts.recordDir ? new RecorderOutput(engine, opts.recordDir, speed) : new SpeakerOutput(engine, speed);
}
