import { BENCH_KIOSKS, BENCH_SERVICE_IDS, benchHallConfig, benchKioskToken } from './lib/bench-hall.js';
import { startChild, type BenchChild } from './lib/child.js';
import { figuresOf, postLoad, type LoadFigures, type LoadRun } from './lib/load.js';
import { pacedPostLoad } from './lib/paced-load.js';
import { startServedChild } from './lib/served-server.js';
import { ratio, round3, type LatencySummary } from './lib/stats.js';
import type { ProcessFigures } from './lib/child-side.js';
import { printTable, printTargets, progress } from './lib/table.js';
import { atLeast, atMost } from './lib/targets.js';
import type { BenchSuite } from './suites.js';

const WARMUP_SECONDS = 2;
/** saturated rounds alternate real / bare, so a change in the machine's other load hits both */
const ROUNDS = 3;
const ROUND_SECONDS = 3;
const FIXED_RATE = 500;
/**
 * The steady rate's p99 is its 1 % slowest: of one 6 s run, 30 requests, which one stall of the
 * shared machine (another process, the disk) can make. Three rounds each, alternating real / bare
 * like the saturated ones, pooled: the same stall has to hit one server three times to move it.
 */
const FIXED_RATE_ROUNDS = 3;
const FIXED_RATE_SECONDS = 6;
const COMMIT_PROBES = 300;

interface Contender {
  label: string;
  server: BenchChild;
  url: string;
  saturated: LoadRun[];
  fixedRate: LoadRun[];
  acknowledged: number;
  /** server CPU and bytes written in the saturated rounds */
  saturatedCpuMs: number;
  saturatedUserCpuMs: number;
  saturatedLoopCpuMs: number;
  saturatedWrittenKb: number;
}

interface ContenderFigures {
  saturated: LoadFigures;
  fixedRate: LoadFigures;
  peakRssMb: number;
  /** server CPU and bytes written per acknowledged ticket in the saturated rounds */
  cpuMsPerTicket: number;
  userCpuMsPerTicket: number;
  /** of which on the event loop's thread: what bounds the rate once the loop is saturated */
  loopCpuMsPerTicket: number;
  writtenKbPerTicket: number;
  /** acknowledged (2xx) issues, warm-up included, and the ticket rows the server holds */
  acknowledged: number;
  stored: number;
}

/** One kiosk per connection, services in turn: the load spreads over kiosks and prefixes. */
const kioskRequest = (i: number) => ({
  headers: { authorization: `Bearer ${benchKioskToken(i % BENCH_KIOSKS)}` },
  body: { serviceId: BENCH_SERVICE_IDS[i % BENCH_SERVICE_IDS.length] },
});

async function saturate(c: Contender, seconds: number): Promise<LoadRun> {
  const run = await postLoad({ url: c.url, connections: BENCH_KIOSKS, durationSeconds: seconds, connection: kioskRequest });
  c.acknowledged += run.ok;
  return run;
}

async function measureContenders(contenders: Contender[]): Promise<void> {
  for (const c of contenders) {
    progress(`${c.label}: warm-up ${WARMUP_SECONDS} s`);
    await saturate(c, WARMUP_SECONDS);
  }
  for (let round = 1; round <= ROUNDS; round++) {
    for (const c of contenders) {
      progress(`${c.label}: saturated round ${round}/${ROUNDS}, ${ROUND_SECONDS} s, ${BENCH_KIOSKS} connections`);
      const before = await c.server.ask<ProcessFigures>('stats');
      c.saturated.push(await saturate(c, ROUND_SECONDS));
      const after = await c.server.ask<ProcessFigures>('stats');
      c.saturatedCpuMs += after.cpuMs - before.cpuMs;
      c.saturatedUserCpuMs += after.cpuUserMs - before.cpuUserMs;
      c.saturatedLoopCpuMs += after.loopThreadCpuMs - before.loopThreadCpuMs;
      c.saturatedWrittenKb += after.writtenKb - before.writtenKb;
    }
  }
  for (let round = 1; round <= FIXED_RATE_ROUNDS; round++) {
    for (const c of contenders) {
      progress(`${c.label}: steady ${FIXED_RATE} req/s, round ${round}/${FIXED_RATE_ROUNDS}, ${FIXED_RATE_SECONDS} s`);
      const run = await pacedPostLoad({ url: c.url, ratePerSecond: FIXED_RATE, durationSeconds: FIXED_RATE_SECONDS, request: kioskRequest });
      c.acknowledged += run.ok;
      c.fixedRate.push(run);
    }
  }
}

async function figuresOfContender(c: Contender): Promise<ContenderFigures> {
  const { peakRssMb, tickets } = await c.server.ask<{ peakRssMb: number; tickets: number }>('stats');
  const saturated = figuresOf(c.saturated);
  return {
    saturated,
    fixedRate: figuresOf(c.fixedRate),
    cpuMsPerTicket: round3(c.saturatedCpuMs / saturated.ok),
    userCpuMsPerTicket: round3(c.saturatedUserCpuMs / saturated.ok),
    loopCpuMsPerTicket: round3(c.saturatedLoopCpuMs / saturated.ok),
    writtenKbPerTicket: Math.round((c.saturatedWrittenKb / saturated.ok) * 10) / 10,
    peakRssMb,
    acknowledged: c.acknowledged,
    stored: tickets,
  };
}

async function runIssueThroughput(): Promise<Record<string, unknown>> {
  const servers = await Promise.all([startServedChild({ config: benchHallConfig() }), startChild('servers/bare-issue-server.ts')]);
  try {
    const contenders = servers.map((server, i): Contender => ({
      label: i === 0 ? 'hall queue' : 'bare fastify + sqlite',
      server,
      url: `http://127.0.0.1:${String(server.ready.port)}/api/tickets`,
      saturated: [],
      fixedRate: [],
      acknowledged: 0,
      saturatedCpuMs: 0,
      saturatedUserCpuMs: 0,
      saturatedLoopCpuMs: 0,
      saturatedWrittenKb: 0,
    }));
    await measureContenders(contenders);
    const [real, bare] = (await Promise.all(contenders.map(figuresOfContender))) as [ContenderFigures, ContenderFigures];
    progress(`disk: ${COMMIT_PROBES} durable commits back to back`);
    const diskCommit = await servers[1]!.ask<LatencySummary>('commitLatency', COMMIT_PROBES);
    return report(real, bare, diskCommit);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

function report(real: ContenderFigures, bare: ContenderFigures, diskCommit: LatencySummary): Record<string, unknown> {
  const row = (name: string, f: ContenderFigures) => [
    name,
    f.saturated.requestsPerSecond,
    `${f.cpuMsPerTicket} (${f.userCpuMsPerTicket})`,
    f.loopCpuMsPerTicket,
    f.writtenKbPerTicket,
    f.saturated.latency.p50,
    f.saturated.latency.p99,
    f.fixedRate.requestsPerSecond,
    f.fixedRate.latency.p50,
    f.fixedRate.latency.p99,
    f.fixedRate.unsent,
    f.saturated.failed + f.fixedRate.failed,
    f.peakRssMb,
  ];
  printTable(
    `POST /api/tickets: ${BENCH_KIOSKS} connections saturated, then a steady ${FIXED_RATE}/s (${FIXED_RATE_ROUNDS} rounds of ${FIXED_RATE_SECONDS} s, pooled) (tickets/s, ms, MB)`,
    [
      'server',
      'tickets/s',
      'CPU ms/ticket (user)',
      'loop thread',
      'KB written/ticket',
      'p50',
      'p99',
      `@${FIXED_RATE}/s`,
      'p50',
      'p99',
      'unsent',
      'failed',
      'peak RSS',
    ],
    [row('hall queue', real), row('bare fastify + sqlite', bare)],
  );
  printTable(
    "one durable SQLite commit alone (WAL, synchronous=FULL), no HTTP: the disk's floor (ms)",
    ['commits', 'p50', 'p99', 'max'],
    [[diskCommit.n, diskCommit.p50, diskCommit.p99, diskCommit.max]],
  );
  const throughputRatio = ratio(real.saturated.requestsPerSecond, bare.saturated.requestsPerSecond);
  const targets = [
    atLeast('issue throughput ≥ 0.7× bare', throughputRatio, 0.7),
    atMost(`${FIXED_RATE} req/s sustained (requests unsent: the server fell 1 s behind)`, real.fixedRate.unsent, 0),
    atMost(`issue p99 at ${FIXED_RATE} req/s ≤ 2× bare`, ratio(real.fixedRate.latency.p99, bare.fixedRate.latency.p99), 2),
    atMost('failed issue requests', real.saturated.failed + real.fixedRate.failed, 0),
    atMost('acknowledged tickets missing from the database', real.acknowledged - real.stored, 0),
  ];
  printTargets(targets);
  return {
    connections: BENCH_KIOSKS,
    rounds: ROUNDS,
    roundSeconds: ROUND_SECONDS,
    fixedRate: FIXED_RATE,
    fixedRateRounds: FIXED_RATE_ROUNDS,
    fixedRateSeconds: FIXED_RATE_SECONDS,
    real,
    bare,
    diskCommit,
    ratios: {
      throughputRealOverBare: throughputRatio,
      cpuPerTicketRealOverBare: ratio(real.cpuMsPerTicket, bare.cpuMsPerTicket),
      fixedRateP99RealOverBare: ratio(real.fixedRate.latency.p99, bare.fixedRate.latency.p99),
    },
    targets,
  };
}

export const issueThroughputSuite: BenchSuite = { name: 'issue-throughput', run: runIssueThroughput };
