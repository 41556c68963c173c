import { build } from 'esbuild';
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildReply, ChildRequest } from './child-side.js';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** inside node_modules, so the bundles resolve the packages (and the project root) as the source does */
const BUNDLE_DIR = join(PROJECT_ROOT, 'node_modules', '.cache', 'hallq-bench');

/**
 * Bundles a bench entry and the project code it imports into one plain-JS file (packages stay
 * imports). Run under plain `node`, a server's RSS is its own: the tsx loader thread alone
 * would add some 45 MB.
 */
async function bundle(script: string): Promise<string> {
  const outfile = join(BUNDLE_DIR, `${script.replace(/[/.]/g, '-')}.mjs`);
  await build({
    entryPoints: [fileURLToPath(new URL(`../${script}`, import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  return outfile;
}

/** A bench process (server or clients) driven over its IPC channel. */
export interface BenchChild {
  /** what the child said when it was ready (its port, …) */
  ready: Record<string, unknown>;
  ask<T = unknown>(type: string, payload?: unknown, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

/** HALLQ_BENCH_CPU_PROF=DIR writes a V8 CPU profile of every bench server process into DIR. */
function profileFlags(script: string): string[] {
  const dir = process.env.HALLQ_BENCH_CPU_PROF;
  return dir && script.startsWith('servers/') ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

/**
 * Starts `bench/<script>` as its own Node process, so that its CPU and its RSS are its own. Its stdout goes to our stderr: stdout is kept for the tables.
 */
export async function startChild(script: string, args: string[] = [], readyTimeoutMs = 60_000): Promise<BenchChild> {
  const child = fork(await bundle(script), args, {
    cwd: PROJECT_ROOT,
    execArgv: profileFlags(script),
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  child.stdout?.pipe(process.stderr);
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextId = 1;
  child.on('message', (m: ChildReply) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.ok) p.resolve(m.result);
    else p.reject(new Error(`${script}: ${m.error}`));
  });
  child.on('exit', (code, signal) => {
    for (const p of pending.values()) p.reject(new Error(`${script} exited (${code ?? signal})`));
    pending.clear();
  });

  const ask = <T>(type: string, payload?: unknown, timeoutMs = 120_000) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${script}: no answer to ${type} within ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      child.send({ id, type, payload } satisfies ChildRequest);
    });

  try {
    const ready = await ask<Record<string, unknown>>('ready', undefined, readyTimeoutMs);
    return { ready, ask, stop: () => stopChild(child, ask) };
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
}

async function stopChild(child: ChildProcess, ask: BenchChild['ask']): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await ask('close', undefined, 10_000).catch(() => child.kill('SIGKILL'));
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
