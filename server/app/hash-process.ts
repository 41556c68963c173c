import { spawn, type ChildProcess } from 'node:child_process';

/** how much lower than the server the hashing process runs (Linux nice, 0–19) */
export const HASH_PROCESS_NICE = 10;
/** with no hash asked for this long, the hashing process exits and its memory goes back to the system */
const DEFAULT_IDLE_MS = 30_000;

/**
 * Plain CommonJS run with `-e`, so it works the same under tsx, the tests and the built server.
 * The nice value is set on the main thread before libuv's pool starts: its threads inherit it.
 */
const processSource = (nice: number) => `
const { scrypt } = require('node:crypto');
try { require('node:os').setPriority(${nice}); } catch { /* not allowed: the process keeps the server's priority */ }
process.on('message', ({ id, password, salt, length }) => {
  scrypt(password, salt, length, (err, key) => {
    process.send(err ? { id, error: String(err.message || err) } : { id, key: key.toString('base64') });
  });
});
process.on('disconnect', () => process.exit(0));
`;

type Job = { resolve(key: Buffer): void; reject(err: Error): void };
type Reply = { id: number; key?: string; error?: string };

/**
 * scrypt in a low-priority child process, started when a hash is asked for and ended when
 * none has been for `idleMs`. Not a thread of the server: scrypt's 16 MB block, once freed in a
 * thread of ours, stays in the server's malloc arena for good (a thread's arena is never trimmed
 * below 2× the largest block freed), which with the thread's own isolate added ~23 MB to the
 * server's RSS from the first login on. A process gives it all back when it exits. Its lower
 * priority leaves the event loop its CPU during a flood of logins (at the same priority, 8
 * clients hammering login pushed /api/health's p99 from ~15 to 40–100 ms on a loaded 2-core
 * machine). At most `size` hashes run at once (libuv's pool in the child is that size).
 */
export class HashProcess {
  private child: ChildProcess | undefined;
  private readonly jobs = new Map<number, Job>();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | undefined;
  private exited: Promise<void> = Promise.resolve();

  /** `nice`: 0 when nothing else needs the CPU more (the seeding of a new database at start-up) */
  constructor(
    private readonly size: number,
    private readonly idleMs = DEFAULT_IDLE_MS,
    private readonly nice = HASH_PROCESS_NICE,
  ) {}

  /** the hashing process's pid while it runs */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  private start(): ChildProcess {
    // the server's own loader flags (tsx, a profiler) are not for this plain script
    const { NODE_OPTIONS: _ignored, ...env } = process.env;
    const child = spawn(process.execPath, ['-e', processSource(this.nice)], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      env: { ...env, UV_THREADPOOL_SIZE: String(this.size) },
    });
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.on('message', (m: Reply) => {
      const job = this.jobs.get(m.id);
      if (!job) return;
      this.jobs.delete(m.id);
      if (m.key !== undefined) job.resolve(Buffer.from(m.key, 'base64'));
      else job.reject(new Error(m.error ?? 'scrypt failed'));
      if (this.jobs.size === 0) this.idle();
    });
    const lost = (err: Error) => {
      if (this.child !== child) return;
      this.child = undefined;
      clearTimeout(this.idleTimer);
      for (const job of this.jobs.values()) job.reject(err);
      this.jobs.clear();
    };
    child.once('error', (err) => lost(err));
    child.once('exit', (code, signal) => lost(new Error(`the hashing process exited (${signal ?? code})`)));
    return child;
  }

  /** nothing in flight: the process keeps the server alive no longer, and ends after idleMs */
  private idle(): void {
    this.child?.channel?.unref();
    this.child?.unref();
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.stop(), this.idleMs).unref();
  }

  private stop(): void {
    const child = this.child;
    this.child = undefined;
    child?.disconnect();
  }

  derive(password: string, salt: string, length: number): Promise<Buffer> {
    if (this.jobs.size >= this.size) return Promise.reject(new Error(`more than ${this.size} password hashes at once`));
    clearTimeout(this.idleTimer);
    this.child ??= this.start();
    this.child.ref();
    this.child.channel?.ref();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.jobs.set(id, { resolve, reject });
      this.child!.send({ id, password, salt, length });
    });
  }

  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    for (const job of this.jobs.values()) job.reject(new Error('the password hasher is closed'));
    this.jobs.clear();
    const running = this.child;
    running?.ref(); // an idle process is unref'd: awaiting its exit must keep us alive until it comes
    this.stop();
    if (running) await this.exited;
  }
}
