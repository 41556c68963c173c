import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Logger } from 'pino';

/**
 * Gives back the memory a rush took once the hall is quiet again. V8 keeps the heap it grew to
 * during a peak (reserved pages stay reserved while any allocation goes on, and a hall's server
 * never stops allocating: sockets ping, devices are polled), so the process kept the size of the
 * day's busiest hour until the evening. When the event loop has been nearly idle for a while and
 * much of the reserved heap is unused, one full collection compacts the heap and returns the rest:
 * a pause of some tens of ms at a moment nobody is waiting for an answer.
 */
export interface MemoryReadings {
  /** V8's reserved heap and the part of it in use, bytes */
  heapTotal: number;
  heapUsed: number;
  /** the event loop's busy share since the last reading, 0..1 */
  busy: number;
}

export interface IdleTrimOptions {
  /** a full garbage collection */
  collect: () => void;
  read: () => MemoryReadings;
  now: () => number;
  /** readings in a row under `quietBelow` before a collection (default 3) */
  quietReadings?: number;
  quietBelow?: number;
  /** unused reserved heap worth returning, bytes (default 24 MiB) */
  slackBytes?: number;
  /** the least time between two collections, ms (default 60 s) */
  restMs?: number;
}

export class IdleMemoryTrim {
  private quietInARow = 0;
  private lastTrimAt = Number.NEGATIVE_INFINITY;
  private readonly quietReadings: number;
  private readonly quietBelow: number;
  private readonly slackBytes: number;
  private readonly restMs: number;

  constructor(private readonly opts: IdleTrimOptions) {
    this.quietReadings = opts.quietReadings ?? 3;
    this.quietBelow = opts.quietBelow ?? 0.1;
    this.slackBytes = opts.slackBytes ?? 24 * 1024 * 1024;
    this.restMs = opts.restMs ?? 60_000;
  }

  /** one reading; collects (and returns the heap before and after) when the time has come */
  tick(): { before: number; after: number } | undefined {
    const reading = this.opts.read();
    this.quietInARow = reading.busy < this.quietBelow ? this.quietInARow + 1 : 0;
    if (this.quietInARow < this.quietReadings) return undefined;
    if (reading.heapTotal - reading.heapUsed < this.slackBytes) return undefined;
    const now = this.opts.now();
    if (now - this.lastTrimAt < this.restMs) return undefined;
    this.lastTrimAt = now;
    this.quietInARow = 0;
    this.opts.collect();
    return { before: reading.heapTotal, after: this.opts.read().heapTotal };
  }
}

/**
 * V8's full collection as a function, whether or not node was started with --expose-gc: the flag
 * set at run time exposes `gc` in contexts made afterwards. Undefined if this V8 refuses.
 */
export function fullCollection(): (() => void) | undefined {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

const READ_EVERY_MS = 5_000;

/** Starts the idle trim on this process: a reading every 5 s. Returns its stop. */
export function startIdleMemoryTrim(log: Logger): () => void {
  const collect = fullCollection();
  if (!collect) {
    log.warn('idle memory trim unavailable: this runtime does not expose a full collection');
    return () => {};
  }
  let last = performance.eventLoopUtilization();
  const trim = new IdleMemoryTrim({
    collect,
    now: () => performance.now(),
    read: () => {
      const since = performance.eventLoopUtilization(last);
      last = performance.eventLoopUtilization();
      const { heapTotal, heapUsed } = process.memoryUsage();
      return { heapTotal, heapUsed, busy: since.utilization };
    },
  });
  const timer = setInterval(() => {
    const trimmed = trim.tick();
    if (trimmed) log.info({ heapMb: { before: mb(trimmed.before), after: mb(trimmed.after) } }, 'hall quiet: memory of the last rush given back');
  }, READ_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

const mb = (bytes: number) => Math.round(bytes / 1048576);
