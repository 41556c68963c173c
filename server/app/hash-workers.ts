import { Worker } from 'node:worker_threads';

/** how much lower than the server's threads the hashing threads run (Linux nice, 0–19) */
export const HASH_THREAD_NICE = 10;

/**
 * Plain CommonJS run with `eval`, so it works the same under tsx, the tests and the built
 * server. On Linux each thread has its own nice value and /proc/thread-self names this one.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { scryptSync } = require('node:crypto');
try {
  const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  require('node:os').setPriority(tid, ${HASH_THREAD_NICE});
} catch { /* not Linux: the thread keeps the process's priority */ }
parentPort.on('message', ({ password, salt, length }) => {
  try {
    parentPort.postMessage({ key: scryptSync(password, salt, length) });
  } catch (err) {
    parentPort.postMessage({ error: String((err && err.message) || err) });
  }
});
`;

type Job = { resolve(key: Buffer): void; reject(err: Error): void };

/**
 * scrypt on threads that run below the server's priority: a flood of logins takes the CPU the
 * event loop leaves, instead of competing with calls, boards and the health check for it (with
 * libuv's pool at the same priority, 8 clients hammering login pushed /api/health's p99 from
 * ~15 to 40–100 ms on a loaded 2-core machine). One job per worker at a time; the caller
 * (PasswordHasher) never runs more than `size` at once.
 */
export class HashWorkers {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job>();
  private count = 0;

  constructor(private readonly size: number) {}

  private spawn(): Worker {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.unref(); // an idle pool never keeps the process alive
    worker.on('message', (m: { key?: Uint8Array; error?: string }) => {
      const job = this.busy.get(worker);
      this.busy.delete(worker);
      this.idle.push(worker);
      if (m.key) job?.resolve(Buffer.from(m.key.buffer, m.key.byteOffset, m.key.byteLength));
      else job?.reject(new Error(m.error ?? 'scrypt failed'));
    });
    worker.on('error', (err) => this.lost(worker, err));
    worker.on('exit', () => this.lost(worker, new Error('hash worker exited')));
    this.count++;
    return worker;
  }

  private lost(worker: Worker, err: Error): void {
    const job = this.busy.get(worker);
    const idleAt = this.idle.indexOf(worker);
    if (!job && idleAt < 0) return; // already let go ('error' is followed by 'exit')
    this.busy.delete(worker);
    if (idleAt >= 0) this.idle.splice(idleAt, 1);
    this.count--;
    job?.reject(err);
  }

  derive(password: string, salt: string, length: number): Promise<Buffer> {
    const worker = this.idle.pop() ?? (this.count < this.size ? this.spawn() : undefined);
    if (!worker) return Promise.reject(new Error(`more than ${this.size} password hashes at once`));
    return new Promise((resolve, reject) => {
      this.busy.set(worker, { resolve, reject });
      worker.postMessage({ password, salt, length });
    });
  }

  async close(): Promise<void> {
    const workers = [...this.idle, ...this.busy.keys()];
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
