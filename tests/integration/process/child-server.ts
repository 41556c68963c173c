import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(import.meta.dirname, '..', '..', '..');

export interface ChildServer {
  proc: ChildProcess;
  url: string;
  /** resolves with the exit code (or the signal's name) */
  exited: Promise<number | string>;
  stderr(): string;
}

/** Runs `server/main.ts` as a real process (tsx), as `npm run serve` would, and waits for its URL log line. */
export function startChildServer(args: string[], env: Record<string, string> = {}): Promise<ChildServer> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, HALLQ_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  proc.stderr!.on('data', (d) => {
    err += String(d);
  });
  const exited = new Promise<number | string>((resolve) => proc.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`server did not start: ${err}`));
    }, 60_000);
    exited.then((code) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`server exited with ${code}: ${err}`), { code, stderr: err }));
    });
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      let entry: { msg?: string; port?: number };
      try {
        entry = JSON.parse(line);
      } catch {
        return;
      }
      if (entry.msg === 'Hall Queue is serving' && entry.port) {
        clearTimeout(timer);
        resolve({ proc, url: `http://127.0.0.1:${entry.port}`, exited, stderr: () => err });
      }
    });
  });
}

/** Runs main.ts to its exit and gives the exit code and stderr (for configs that must be refused). */
export function runChildToExit(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  proc.stderr!.on('data', (d) => {
    err += String(d);
  });
  return new Promise((resolve) => proc.once('exit', (code) => resolve({ code, stderr: err })));
}

/** Starts main.ts and resolves as soon as a log line has this message (the server may still be starting). */
export function startChildUntilLog(args: string[], msg: string): Promise<{ proc: ChildProcess; exited: Promise<number | string> }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, HALLQ_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const exited = new Promise<number | string>((resolve) => proc.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return new Promise((resolve, reject) => {
    exited.then((code) => reject(new Error(`exited with ${code} before logging "${msg}"`)));
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      if (line.includes(`"msg":"${msg}"`)) resolve({ proc, exited });
    });
  });
}
