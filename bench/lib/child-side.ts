import { readFileSync } from 'node:fs';

export interface ChildRequest {
  id: number;
  type: string;
  payload?: unknown;
}

export type ChildReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

export type Handlers = Record<string, (payload: any) => unknown>;

/**
 * The child's side of bench/lib/child.ts: answers the parent's requests with `handlers`.
 * `ready` answers once `starting` has resolved; `close` runs `close` and exits.
 */
export function serveParent(starting: Promise<Record<string, unknown>>, handlers: Handlers, close: () => Promise<void>): void {
  const send = (reply: ChildReply) => process.send?.(reply);
  const run = async (req: ChildRequest): Promise<unknown> => {
    if (req.type === 'ready') return starting;
    if (req.type === 'close') return close();
    const handler = handlers[req.type];
    if (!handler) throw new Error(`unknown request ${req.type}`);
    return handler(req.payload);
  };
  process.on('message', (req: ChildRequest) => {
    run(req).then(
      (result) => {
        send({ id: req.id, ok: true, result: result ?? null });
        if (req.type === 'close') process.disconnect?.();
      },
      (err: unknown) => send({ id: req.id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
    );
  });
  // The parent gone (crashed, killed) means nobody will ask us to close: do it ourselves.
  process.on('disconnect', () => {
    void close().finally(() => process.exit(0));
  });
}

export interface ProcessFigures {
  /** resident set now and at its peak, in MB: the process's memory as the OS counts it */
  rssMb: number;
  peakRssMb: number;
  /** CPU time used so far (user + system), in ms: unlike wall time, barely moved by other load */
  cpuMs: number;
  /** of which in user space (the rest is the kernel's: socket writes, WAL writes, fsync) */
  cpuUserMs: number;
  /** bytes handed to write() so far (WAL frames, checkpoints, sockets), in KB; Linux only, else 0 */
  writtenKb: number;
  /** CPU time of the main thread alone (the event loop; not GC helpers nor the checkpoint worker), in ms; Linux only, else 0 */
  loopThreadCpuMs: number;
}

/** clock ticks (USER_HZ, 100 on Linux) of the main thread, from its /proc stat line */
function loopThreadCpuMs(): number {
  try {
    const fields = readFileSync(`/proc/self/task/${String(process.pid)}/stat`, 'utf8')
      .split(') ')[1]!
      .split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

function writtenKb(): number {
  try {
    const wchar = /^wchar:\s*(\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'))?.[1];
    return wchar ? Math.round(Number(wchar) / 1024) : 0;
  } catch {
    return 0;
  }
}

export function processFigures(): ProcessFigures {
  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  const cpu = process.cpuUsage();
  return {
    rssMb: mb(process.memoryUsage().rss),
    peakRssMb: mb(process.resourceUsage().maxRSS * 1024),
    cpuMs: Math.round((cpu.user + cpu.system) / 100) / 10,
    cpuUserMs: Math.round(cpu.user / 100) / 10,
    writtenKb: writtenKb(),
    loopThreadCpuMs: loopThreadCpuMs(),
  };
}
