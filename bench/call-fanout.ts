import type { ConnectOrder, RoundOrder, RoundResult, TriggerRequest } from './clients/fanout-clients.js';
import { BENCH_DISPLAY_TOKEN, BENCH_STAFF, benchKioskToken } from './lib/bench-hall.js';
import { startChild, type BenchChild } from './lib/child.js';
import { ratio, summarize, type LatencySummary } from './lib/stats.js';
import { printTable, printTargets, progress } from './lib/table.js';
import { atMost, below } from './lib/targets.js';
import type { BenchSuite } from './suites.js';

const CLIENTS = 1000;
const CALLS = 50;
const WARMUP_CALLS = 5;
/** boards watch the hall, a floor or one window: the three room kinds a call reaches */
const SUBSCRIPTIONS = [
  ...Array<Record<string, unknown>>(6).fill({ hallId: 'main' }),
  ...Array<Record<string, unknown>>(3).fill({ hallId: 'main', zoneId: 'f1' }),
  { hallId: 'main', windowId: BENCH_STAFF.windowId },
];

interface FanoutFigures {
  /** every client's receipt, all calls pooled */
  receipt: LatencySummary;
  /** per call, until the last of the clients had it */
  lastReceipt: LatencySummary;
  missing: number;
  server: { rssMb: number; peakRssMb: number; sockets: number };
}

async function post(base: string, path: string, token: string | undefined, body?: unknown): Promise<any> {
  const res = await fetch(base + path, {
    method: 'POST', body: JSON.stringify(body ?? {}),
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  if (!res.ok) throw new Error(`POST ${path} → ${res.status} ${await res.text()}`);
  return res.json();
}

/** Runs warm-up then measured rounds through the clients process and pools the figures. */
async function measure(server: BenchChild, clients: BenchChild, connect: ConnectOrder, roundOf: (i: number) => RoundOrder): Promise<FanoutFigures> {
  await clients.ask('connect', connect);
  const stats = await server.ask<{ sockets: number }>('stats');
  if (stats.sockets < CLIENTS) throw new Error(`server counts ${stats.sockets} sockets, expected ${CLIENTS}`);
  const receipts: number[] = [];
  const last: number[] = [];
  let missing = 0;
  for (let i = 0; i < WARMUP_CALLS + CALLS; i++) {
    const r = await clients.ask<RoundResult>('round', roundOf(i));
    if (i < WARMUP_CALLS) continue;
    const got = r.latenciesMs.filter((x) => x !== null && !Number.isNaN(x));
    receipts.push(...got);
    last.push(Math.max(...got));
    missing += r.missing;
  }
  const after = await server.ask<FanoutFigures['server']>('stats');
  return { receipt: summarize(receipts), lastReceipt: summarize(last), missing, server: after };
}

async function withChildren<T>(serverScript: string, run: (server: BenchChild, clients: BenchChild) => Promise<T>): Promise<T> {
  const server = await startChild(serverScript);
  try {
    const clients = await startChild('clients/fanout-clients.ts');
    try {
      return await run(server, clients);
    } finally {
      await clients.stop();
    }
  } finally {
    await server.stop();
  }
}

/** The real server: a staff member at w1 calls the next ticket while 1,000 boards listen. */
function realServerRun(): Promise<FanoutFigures> {
  return withChildren('servers/real-server.ts', async (server, clients) => {
    const base = String(server.ready.url);
    const { token } = await post(base, '/api/auth/login', undefined, { username: BENCH_STAFF.username, password: BENCH_STAFF.password });
    await post(base, `/api/windows/${BENCH_STAFF.windowId}/open`, token);
    for (let i = 0; i < WARMUP_CALLS + CALLS; i++) await post(base, '/api/tickets', benchKioskToken(0), { serviceId: BENCH_STAFF.serviceId });
    const callNext: TriggerRequest = { method: 'POST', path: `/api/windows/${BENCH_STAFF.windowId}/call-next`, token, body: {} };
    const skip: TriggerRequest = { method: 'POST', path: `/api/windows/${BENCH_STAFF.windowId}/skip`, token, body: {} };
    progress(`real server: connecting ${CLIENTS} subscribed clients`);
    return measure(server, clients, { url: base, count: CLIENTS, token: BENCH_DISPLAY_TOKEN, subscriptions: SUBSCRIPTIONS },
      (i) => ({ ...(i > 0 ? { prepare: { request: skip, event: 'ticket.skipped' } } : {}), request: callNext, event: 'ticket.called' }));
  });
}

function bareServerRun(): Promise<FanoutFigures> {
  return withChildren('servers/bare-broadcast-server.ts', async (server, clients) => {
    const base = `http://127.0.0.1:${String(server.ready.port)}`;
    progress(`bare socket.io: connecting ${CLIENTS} clients`);
    return measure(server, clients, { url: base, count: CLIENTS, token: 'none', subscriptions: SUBSCRIPTIONS },
      () => ({ request: { method: 'POST', path: '/broadcast' }, event: 'ticket.called' }));
  });
}

async function runFanout(): Promise<Record<string, unknown>> {
  const real = await realServerRun();
  const bare = await bareServerRun();
  const row = (name: string, f: FanoutFigures) => [name, f.receipt.p50, f.receipt.p99, f.receipt.max, f.lastReceipt.p50, f.lastReceipt.p99, f.missing, f.server.rssMb, f.server.peakRssMb];
  printTable(`call fan-out: ${CALLS} calls, ${CLIENTS} subscribed socket.io clients (ms, MB)`,
    ['server', 'p50', 'p99', 'max', 'last p50', 'last p99', 'missed', 'RSS', 'peak RSS'], [row('hall queue', real), row('bare socket.io', bare)]);
  const p99Ratio = ratio(real.receipt.p99, bare.receipt.p99);
  const targets = [
    atMost('call→receipt p99 ≤ 1.5× bare', p99Ratio, 1.5),
    below('call→receipt p99 < 50 ms', real.receipt.p99, 50),
    below('server peak RSS at 1,000 sockets < 200 MB', real.server.peakRssMb, 200),
  ];
  if (real.missing > 0) targets.push(atMost('every client received every call', real.missing, 0));
  printTargets(targets);
  return { clients: CLIENTS, calls: CALLS, real, bare, ratios: { p99RealOverBare: p99Ratio, p50RealOverBare: ratio(real.receipt.p50, bare.receipt.p50) }, targets };
}

export const callFanoutSuite: BenchSuite = { name: 'call-fanout', run: runFanout };
