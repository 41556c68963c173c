import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from './wait-for.js';

export interface PtyPair {
  /** the driver's end */
  a: string;
  /** the simulator's end */
  b: string;
  /** kill socat: both ends vanish, as when a USB adapter is pulled */
  unplug(): Promise<void>;
  /** start socat again on the same link paths */
  replug(): Promise<void>;
  close(): Promise<void>;
}

/** A pseudo-terminal pair from socat, linked at <tmp>/A and <tmp>/B. */
export async function openPtyPair(): Promise<PtyPair> {
  const dir = mkdtempSync(join(tmpdir(), 'hallq-pty-'));
  const a = join(dir, 'A');
  const b = join(dir, 'B');
  let child: ChildProcess | undefined;

  const start = async () => {
    child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.resume();
    await waitFor(() => existsSync(a) && existsSync(b), 'socat pty links');
  };
  const stop = async () => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
    c.kill('SIGTERM');
    await exited;
    await waitFor(() => !existsSync(a) && !existsSync(b), 'socat links removed');
  };

  await start();
  return {
    a,
    b,
    unplug: stop,
    replug: start,
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
