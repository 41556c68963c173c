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
      (err: unknown) => send({ id: req.id, ok: false, error: err instanceof Error ? err.stack ?? err.message : String(err) }),
    );
  });
  // The parent gone (crashed, killed) means nobody will ask us to close: do it ourselves.
  process.on('disconnect', () => { void close().finally(() => process.exit(0)); });
}

/** Resident set now and at its peak, in MB: the process's memory as the OS counts it. */
export function memoryFigures(): { rssMb: number; peakRssMb: number } {
  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  return { rssMb: mb(process.memoryUsage().rss), peakRssMb: mb(process.resourceUsage().maxRSS * 1024) };
}
