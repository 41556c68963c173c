import { Agent, request as httpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { LoadRun } from './load.js';

export interface PacedOrder {
  url: string;
  ratePerSecond: number;
  durationSeconds: number;
  /** the headers and JSON body of request i */
  request(i: number): { headers: Record<string, string>; body: unknown };
  /** stop sending once this many answers are outstanding (default: one second's worth) */
  maxOutstanding?: number;
}

/**
 * An open-loop load at a steady rate: request k is due at start + k/rate and its latency counts
 * from that due time, so a slow answer that delays later sends is charged to them too (no
 * coordinated omission). autocannon's `overallRate` is not used for this: it sends each
 * connection's quota for the second in one burst at the start of the second, which measures
 * a burst of 500, not 500 req/s.
 */
export async function pacedPostLoad(order: PacedOrder): Promise<LoadRun> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const total = Math.round(order.ratePerSecond * order.durationSeconds);
  const interval = 1000 / order.ratePerSecond;
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  let outstanding = 0;
  const maxOutstanding = order.maxOutstanding ?? Math.ceil(order.ratePerSecond);
  const start = performance.now();
  const send = (i: number) => {
    const due = start + i * interval;
    const { headers, body } = order.request(i);
    outstanding += 1;
    inFlight.push(
      post(order.url, agent, headers, JSON.stringify(body))
        .then(
          (status) => {
            statusCodes[status] = (statusCodes[status] ?? 0) + 1;
            if (status >= 200 && status < 300) latencies.push(performance.now() - due);
          },
          () => {
            errors += 1;
          },
        )
        .finally(() => {
          outstanding -= 1;
        }),
    );
  };
  let k = 0;
  // A server that falls a second behind will not catch up at this rate: stop, and say so.
  while (k < total && outstanding <= maxOutstanding) {
    while (k < total && start + k * interval <= performance.now()) send(k++);
    // Sleep until just before the next due time, then poll: timers alone are ±1 ms late.
    const wait = start + k * interval - performance.now();
    await new Promise((resolve) => (wait > 1.5 ? setTimeout(resolve, wait - 1) : setImmediate(resolve)));
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  return { seconds, ok: latencies.length, non2xx: k - errors - latencies.length, errors, unsent: total - k, statusCodes, latencies };
}

function post(url: string, agent: Agent, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', agent, timeout: 10_000, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}
