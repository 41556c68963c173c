import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { HallConfig } from '../../server/config/schema.js';
import type { BenchChild } from './child.js';
import type { ProcessFigures } from './child-side.js';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/**
 * The built server the suites start: this checkout's, or HALLQ_BENCH_SERVER_ROOT's (another
 * checkout, built): two commits measured by the same bench, side by side.
 */
const SERVED_ROOT = process.env.HALLQ_BENCH_SERVER_ROOT ?? PROJECT_ROOT;
export const SERVED_MAIN = join(SERVED_ROOT, 'dist', 'server', 'main.js');
const DATABASE_FILE = 'hall-queue.sqlite';
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

export interface ServedServerOptions {
  config: HallConfig;
  /** extra `npm run serve` arguments, e.g. the rehearsal clock */
  args?: string[];
  env?: Record<string, string>;
  /** 'built' (default): dist/server/main.js, as `npm run serve`; 'source': server/main.ts through tsx, for tests */
  entry?: 'built' | 'source';
  /** serve this existing data dir (prepared by the caller, left in place) instead of a fresh one */
  dataDir?: string;
  /** how long start-up (migrations, seeding: a scrypt hash per staff password) may take; default 60 s */
  startTimeoutMs?: number;
}

/** The server as users run it: `npm run serve -- --config F --data D --port P`, every feature on. */
export interface ServedServer {
  url: string;
  port: number;
  pid: number;
  dataDir: string;
  figures(): ProcessFigures & { sockets: number };
  /** ticket rows in its database (read-only, beside the running server) */
  storedTickets(): number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function waitUntilServing(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before serving`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`server did not answer ${url}/api/health within ${timeoutMs} ms`);
}

function socketFds(pid: number): number {
  let n = 0;
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      if (readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:')) n++;
    } catch {
      /* closed meanwhile */
    }
  }
  return n;
}

/** CPU, memory and writes of one process, as the OS counts them (Linux /proc). */
function oneProcessFigures(pid: number): ProcessFigures {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s*(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  // fields after the command name (which may hold spaces) start at index 3 (state)
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const user = Number(stat[11]) * (1000 / TICKS_PER_SECOND);
  const system = Number(stat[12]) * (1000 / TICKS_PER_SECOND);
  const wchar = Number(/^wchar:\s*(\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? 0);
  const mb = (k: number) => Math.round((k / 1024) * 10) / 10;
  // the main thread's own line: its task id is the process id
  const loop = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const loopThreadCpuMs = (Number(loop[11]) + Number(loop[12])) * (1000 / TICKS_PER_SECOND);
  return { rssMb: mb(kb('VmRSS')), peakRssMb: mb(kb('VmHWM')), cpuMs: user + system, cpuUserMs: user, writtenKb: Math.round(wchar / 1024), loopThreadCpuMs };
}

/** the processes `pid` started, and theirs (the server's bus process) */
function descendants(pid: number): number[] {
  const found: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      for (const child of readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number)) {
        found.push(child, ...descendants(child));
      }
    }
  } catch {
    /* ended meanwhile */
  }
  return found;
}

/** the login hashing process (server/app/hash-process.ts): it lives 30 s past the last login, then gives all its memory back */
const isHashingProcess = (pid: number): boolean => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('scrypt');
  } catch {
    return false;
  }
};

/**
 * What the server costs the PC: the server process and the processes it keeps running (the
 * serial buses run in one of their own, drivers/bus/bus-process.ts), summed; peaks are each
 * one's own, summed. Not the login hashing process, gone 30 s after the last login (a bench's
 * staff logs in just before it measures). The loop thread is the server's.
 */
export function processFiguresOf(pid: number): ProcessFigures & { processes: number } {
  const own = oneProcessFigures(pid);
  const total = { ...own, processes: 1 };
  for (const child of descendants(pid)) {
    if (isHashingProcess(child)) continue;
    let f: ProcessFigures;
    try {
      f = oneProcessFigures(child);
    } catch {
      continue; // ended meanwhile
    }
    total.processes += 1;
    total.rssMb = Math.round((total.rssMb + f.rssMb) * 10) / 10;
    total.peakRssMb = Math.round((total.peakRssMb + f.peakRssMb) * 10) / 10;
    total.cpuMs += f.cpuMs;
    total.cpuUserMs += f.cpuUserMs;
    total.writtenKb += f.writtenKb;
  }
  return total;
}

/**
 * Starts the built server (`dist/server/main.js`, as `npm run serve` does) on a fresh data dir
 * with `config`, and waits until it answers. `npm run bench` builds first.
 */
export async function startServedServer(opts: ServedServerOptions): Promise<ServedServer> {
  // HALLQ_BENCH_CPU_PROF=DIR: a V8 CPU profile of the server, written into DIR when it stops
  const profile = process.env.HALLQ_BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.HALLQ_BENCH_CPU_PROF}`] : [];
  const entry = opts.entry === 'source' ? ['--import', 'tsx', join(PROJECT_ROOT, 'server', 'main.ts')] : [SERVED_MAIN];
  if (opts.entry !== 'source' && !existsSync(SERVED_MAIN)) throw new Error(`${SERVED_MAIN} is missing: run npm run build first (npm run bench does)`);
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'hallq-served-'));
  const configFile = join(dataDir, 'hall.json');
  writeFileSync(configFile, JSON.stringify(opts.config));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [...profile, ...entry, '--config', configFile, '--data', dataDir, '--port', String(port), '--host', '127.0.0.1', ...(opts.args ?? [])],
    {
      cwd: opts.entry === 'source' ? PROJECT_ROOT : SERVED_ROOT,
      stdio: ['ignore', process.env.HALLQ_BENCH_SERVER_LOG ? 'inherit' : 'ignore', 'inherit'], // no nightly backup or event archiving in the middle of a measurement (0 turns them off)
      env: { ...process.env, HALLQ_LOG_LEVEL: 'warn', HALLQ_BACKUP_KEEP_DAYS: '0', HALLQ_EVENT_RETENTION_DAYS: '0', ...opts.env },
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitUntilServing(url, child, opts.startTimeoutMs ?? 60_000);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  const pid = child.pid!;
  const idleSockets = socketFds(pid);
  let db: Database.Database | undefined;
  return {
    url,
    port,
    pid,
    dataDir,
    figures: () => ({ ...processFiguresOf(pid), sockets: Math.max(0, socketFds(pid) - idleSockets) }),
    storedTickets: () => {
      db ??= new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
      return (db.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n;
    },
    async stop() {
      db?.close();
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The served server behind the BenchChild interface the suites drive (`stats`, `ready.url`). */
export async function startServedChild(opts: ServedServerOptions): Promise<BenchChild & { served: ServedServer }> {
  const served = await startServedServer(opts);
  const answers: Record<string, () => unknown> = {
    stats: () => ({ ...served.figures(), tickets: served.storedTickets() }),
  };
  return {
    served,
    ready: { port: served.port, url: served.url, ...served.figures() },
    ask: async <T>(type: string) => {
      const answer = answers[type];
      if (!answer) throw new Error(`the served server cannot answer ${type}`);
      return answer() as T;
    },
    stop: () => served.stop(),
  };
}
