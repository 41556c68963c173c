import autocannon from 'autocannon';
import { summarize, type LatencySummary } from './stats.js';

export interface LoadOrder {
  url: string;
  connections: number;
  durationSeconds: number;
  /** stop after this many requests instead of after durationSeconds */
  amount?: number;
  /** the headers and JSON body of connection i (autocannon keeps one per connection) */
  connection(i: number): { headers: Record<string, string>; body: unknown };
}

/** One load run, raw: runs of the same server are pooled by figuresOf. */
export interface LoadRun {
  seconds: number;
  ok: number;
  non2xx: number;
  errors: number;
  /** requests of a steady-rate run not sent because the server had fallen a second behind */
  unsent?: number;
  statusCodes: Record<string, number>;
  /** ms of every 2xx answer, at µs precision (autocannon's own histogram keeps whole ms) */
  latencies: number[];
}

export interface LoadFigures {
  requestsPerSecond: number;
  ok: number;
  failed: number;
  /** see LoadRun.unsent: the server could not sustain the rate */
  unsent: number;
  statusCodes: Record<string, number>;
  latency: LatencySummary;
}

export function figuresOf(runs: readonly LoadRun[]): LoadFigures {
  const seconds = runs.reduce((s, r) => s + r.seconds, 0);
  const ok = runs.reduce((s, r) => s + r.ok, 0);
  const statusCodes: Record<string, number> = {};
  for (const r of runs) for (const [code, n] of Object.entries(r.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + n;
  return {
    requestsPerSecond: Math.round(ok / seconds),
    ok,
    failed: runs.reduce((s, r) => s + r.non2xx + r.errors, 0),
    unsent: runs.reduce((s, r) => s + (r.unsent ?? 0), 0),
    statusCodes,
    latency: summarize(runs.flatMap((r) => r.latencies)),
  };
}

/** POSTs as fast as the server answers, with autocannon (in this process; the server runs in its own). */
export async function postLoad(order: LoadOrder): Promise<LoadRun> {
  let nextConnection = 0;
  const latencies: number[] = [];
  const instance = autocannon({
    url: order.url,
    method: 'POST',
    connections: order.connections,
    pipelining: 1,
    timeout: 10,
    ...(order.amount === undefined ? { duration: order.durationSeconds } : { amount: order.amount }),
    setupClient(client) {
      const { headers, body } = order.connection(nextConnection++);
      client.setHeaders({ 'content-type': 'application/json', ...headers });
      client.setBody(JSON.stringify(body));
    },
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status >= 200 && status < 300) latencies.push(ms);
  });
  const result = await instance;
  return {
    seconds: result.duration,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count])),
    latencies,
  };
}
