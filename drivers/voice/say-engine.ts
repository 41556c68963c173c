import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { toTonePinyin } from './pinyin.js';

const require = createRequire(import.meta.url);

type Callback = (error: Error | null) => void;

/** The part of `say`'s platform classes we use (say/platform/base.js). */
export interface SayPlatform {
  child: ChildProcess | null;
  speak(text: string, voice: string | null, speed: number | null, callback: Callback): void;
  export(text: string, voice: string | null, speed: number | null, filename: string, callback: Callback): void;
}

interface SayCommand {
  command: string;
  args: string[];
  pipedData: string;
  options: object;
}

const SayPlatformBase = require('say/platform/base.js') as new () => SayPlatform & { baseSpeed: number; convertSpeed(speed: number): number };

/**
 * espeak-ng as one more `say` platform, so `speak` and `export` work as they do with the macOS
 * and Windows voices. Text comes in as Chinese and is spoken through the `cmn-latn-pinyin` voice
 * as tone-numbered pinyin: Debian's festival (say's Linux engine) has no Mandarin voice.
 */
export class EspeakNgPlatform extends SayPlatformBase {
  constructor(private readonly command = 'espeak-ng') {
    super();
    this.baseSpeed = 160; // words per minute at speed 1.0: a calm hall pace, still clear from afar
  }

  private args(text: string, voice: string | null, speed: number | null): string[] {
    return ['-v', voice ?? 'cmn-latn-pinyin', '-s', String(this.convertSpeed(speed ?? 1)), toTonePinyin(text)];
  }

  buildSpeakCommand({ text, voice, speed }: { text: string; voice: string | null; speed: number | null }): SayCommand {
    return { command: this.command, args: this.args(text, voice, speed), pipedData: '', options: {} };
  }

  buildExportCommand({ text, voice, speed, filename }: { text: string; voice: string | null; speed: number | null; filename: string }): SayCommand {
    return { command: this.command, args: ['-w', filename, ...this.args(text, voice, speed)], pipedData: '', options: {} };
  }

  runStopCommand(): void {
    this.child?.kill();
  }

  getVoices(): { command: string; args: string[] } {
    return { command: this.command, args: ['--voices=cmn'] };
  }
}

/** `say`'s own platform for this OS (macOS `say`, Windows SAPI, Linux festival). */
export function platformSay(): SayPlatform {
  const { Say } = require('say') as { Say: new () => SayPlatform };
  return new Say();
}

/**
 * Runs one say call as a Promise. `say` spawns without an 'error' listener, so a missing
 * program would crash the process: the listener is attached here, right after the spawn.
 */
export function sayCall(platform: SayPlatform, run: (callback: Callback) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const done: Callback = (error) => {
      if (settled) return;
      settled = true;
      if (error) reject(error);
      else resolve();
    };
    try {
      run(done);
    } catch (error) {
      done(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    platform.child?.once('error', (error) => done(error));
  });
}

/** Runs a program to its end and returns what it printed; rejects when it cannot start or fails. */
export function runProgram(command: string, args: string[], timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
    });
    child.stderr.on('data', (d: Buffer) => {
      out += d.toString('utf8');
    });
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} exited with ${code}: ${out.trim().slice(0, 200)}`))));
  });
}
