import { BENCH_KIOSKS, BENCH_STAFF, benchHallConfig, benchKioskToken } from './lib/bench-hall.js';
import { apiOf, expectOk } from './lib/http-client.js';
import { postLoad } from './lib/load.js';
import { startServedServer, type ServedServer } from './lib/served-server.js';
import { ratio, round3, summarize, type LatencySummary } from './lib/stats.js';
import { printTable, printTargets, progress } from './lib/table.js';
import { atLeast, atMost } from './lib/targets.js';
import type { BenchSuite } from './suites.js';

/** People already waiting for the one service measured: an empty hall, a busy one, a very busy day. */
const QUEUE_LENGTHS = [0, 500, 3000];
const ISSUES = 1000;
const CALLS = 150;
const WARMUP = 300;
/** the service the queue builds up in, served by the window that calls */
const SERVICE = BENCH_STAFF.serviceId;
/** warm-up tickets go to a service the calling window does not serve */
const OTHER_SERVICE = 'hukou';

interface LengthFigures {
  waiting: number;
  issuePerSecond: number;
  issueLatency: LatencySummary;
  issueCpuMsPerTicket: number;
  /** issue requests that failed or timed out (10 s) */
  issueFailed: number;
  callNext: LatencySummary;
  callCpuMsPerCall: number;
}

const kiosk = (serviceId: string) => (i: number) => ({
  headers: { authorization: `Bearer ${benchKioskToken(i % BENCH_KIOSKS)}` },
  body: { serviceId },
});

async function issue(server: ServedServer, serviceId: string, amount: number) {
  return postLoad({ url: `${server.url}/api/tickets`, connections: BENCH_KIOSKS, durationSeconds: 0, amount, connection: kiosk(serviceId) });
}

/** One fresh server: warm it, fill the queue to `waiting`, then time issuing and call-next. */
async function measureAt(waiting: number): Promise<LengthFigures> {
  const server = await startServedServer({ config: benchHallConfig() });
  try {
    const api = apiOf(server.url);
    progress(`${waiting} waiting: warm-up, then filling the queue`);
    await issue(server, OTHER_SERVICE, WARMUP);
    if (waiting > 0) await issue(server, SERVICE, waiting);

    progress(`${waiting} waiting: ${ISSUES} issues on ${BENCH_KIOSKS} connections`);
    let cpu = server.figures().cpuMs;
    const issued = await issue(server, SERVICE, ISSUES);
    const issueCpuMs = server.figures().cpuMs - cpu;

    const { token } = expectOk(await api('POST', '/api/auth/login', { body: { username: BENCH_STAFF.username, password: BENCH_STAFF.password } }), 'login');
    expectOk(await api('POST', `/api/windows/${BENCH_STAFF.windowId}/open`, { token }), 'open window');
    progress(`${waiting} waiting: ${CALLS} call-next, each followed by a no-show`);
    const calls: number[] = [];
    cpu = server.figures().cpuMs;
    for (let i = 0; i < CALLS; i++) {
      const called = await api('POST', `/api/windows/${BENCH_STAFF.windowId}/call-next`, { token, body: {} });
      expectOk(called, 'call-next');
      calls.push(called.ms);
      expectOk(await api('POST', `/api/windows/${BENCH_STAFF.windowId}/skip`, { token, body: {} }), 'skip');
    }
    const callCpuMs = server.figures().cpuMs - cpu;
    return {
      waiting,
      issuePerSecond: Math.round(issued.ok / issued.seconds),
      issueLatency: summarize(issued.latencies),
      issueCpuMsPerTicket: round3(issueCpuMs / Math.max(1, issued.ok)),
      issueFailed: issued.non2xx + issued.errors,
      callNext: summarize(calls),
      callCpuMsPerCall: round3(callCpuMs / (2 * CALLS)),
    };
  } finally {
    await server.stop();
  }
}

async function runQueueLength(): Promise<Record<string, unknown>> {
  const figures: LengthFigures[] = [];
  for (const waiting of QUEUE_LENGTHS) figures.push(await measureAt(waiting));
  printTable(
    `cost with people already waiting for one service (full server; ${ISSUES} issues on ${BENCH_KIOSKS} connections, ${CALLS} call-next; ms)`,
    ['waiting', 'issue/s', 'issue p50', 'issue p99', 'CPU ms/ticket', 'call-next p50', 'call-next p99', 'CPU ms/call or skip'],
    figures.map((f) => [
      f.waiting,
      f.issuePerSecond,
      f.issueLatency.p50,
      f.issueLatency.p99,
      f.issueCpuMsPerTicket,
      f.callNext.p50,
      f.callNext.p99,
      f.callCpuMsPerCall,
    ]),
  );
  const empty = figures[0]!;
  const busiest = figures.at(-1)!;
  const targets = [
    atLeast(`issue throughput with ${busiest.waiting} waiting ≥ 0.9× with none`, ratio(busiest.issuePerSecond, empty.issuePerSecond), 0.9),
    atMost(`CPU per issued ticket with ${busiest.waiting} waiting ≤ 1.1× with none`, ratio(busiest.issueCpuMsPerTicket, empty.issueCpuMsPerTicket), 1.1),
    atMost(
      'failed or timed-out issue requests',
      figures.reduce((n, f) => n + f.issueFailed, 0),
      0,
    ),
    atMost(`call-next p50 with ${busiest.waiting} waiting ≤ 1.1× with none`, ratio(busiest.callNext.p50, empty.callNext.p50), 1.1),
  ];
  printTargets(targets);
  return { issues: ISSUES, calls: CALLS, connections: BENCH_KIOSKS, byQueueLength: figures, targets };
}

export const queueLengthSuite: BenchSuite = { name: 'queue-length', run: runQueueLength };
