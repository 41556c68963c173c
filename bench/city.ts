import { SERVER_OPTIONS } from '../server/cli-options.js';
import { startPostgres, type PostgresServer } from '../tests/helpers/postgres-server.js';
import { cityConfig, type CitySize } from './city/city-config.js';
import { runCityDay, type CityDayFigures, type Route } from './city/city-day.js';
import { startServedServer, type ServedServer } from './lib/served-server.js';
import { round3 } from './lib/stats.js';
import { printTable, progress } from './lib/table.js';
import type { BenchSuite } from './suites.js';

/**
 * A city's day: `halls` halls × `windowsPerHall` windows, `tickets` tickets spread over the halls,
 * issued and called over real HTTP (`npm run serve` processes), on one SQLite node per hall group
 * and on 1, 2 and 3 nodes over one PostgreSQL. Opt-in (`--only city`). HALLQ_BENCH_CITY_HALLS /
 * _WINDOWS / _TICKETS scale it, HALLQ_BENCH_CITY_LAYOUTS picks layouts. The default is what four
 * layouts get through in minutes on a shared 2-core machine: a whole city's day (50 × 10, 40,000
 * tickets) runs at tens of tickets/s there, the four layouts well over an hour (docs/en/benchmarks.md).
 */
export const CITY_DAY: CitySize = { halls: 20, windowsPerHall: 5, tickets: 2_000 };
const MAX_NODES = 3;

function sizeFromEnv(): CitySize {
  const num = (name: string, fallback: number) => {
    const v = Number(process.env[name]);
    return Number.isInteger(v) && v > 0 ? v : fallback;
  };
  return {
    halls: num('HALLQ_BENCH_CITY_HALLS', CITY_DAY.halls),
    windowsPerHall: num('HALLQ_BENCH_CITY_WINDOWS', CITY_DAY.windowsPerHall),
    tickets: num('HALLQ_BENCH_CITY_TICKETS', CITY_DAY.tickets),
  };
}

export interface LayoutFigures extends CityDayFigures {
  layout: string;
  nodes: number;
  /** CPU of every node in the day, per ticket */
  serverCpuMsPerTicket: number;
  /** ticket rows in the SQLite files afterwards (every acknowledged one must be there) */
  stored?: number;
}

/** 'source': server/main.ts through tsx, for the test that runs the city small */
type Entry = 'built' | 'source';

/** Starting takes a scrypt hash per clerk's password on a new store: minutes at full size. */
const START_TIMEOUT_MS = 15 * 60_000;

async function measure(layout: string, size: CitySize, servers: ServedServer[], route: Route): Promise<LayoutFigures> {
  progress(`${layout}: the day (${size.tickets} tickets)`);
  const cpuBefore = servers.reduce((s, n) => s + n.figures().cpuMs, 0);
  const day = await runCityDay(size, route);
  const cpu = servers.reduce((s, n) => s + n.figures().cpuMs, 0) - cpuBefore;
  const serverCpuMsPerTicket = round3(cpu / Math.max(1, day.tickets));
  progress(
    `${layout}: ${day.tickets} tickets, ${day.calls} calls, ${day.ticketsPerSecond} tickets/s, issue p50/p99 ${Math.round(day.issue.p50)}/${Math.round(day.issue.p99)} ms, ` +
      `call ${Math.round(day.call.p50)}/${Math.round(day.call.p99)} ms, ${day.failed} failed, ${serverCpuMsPerTicket} ms CPU per ticket`,
  );
  return { layout, nodes: servers.length, ...day, serverCpuMsPerTicket };
}

/** one SQLite node per group of halls (hall h on node h mod n), each with its own data dir and config */
export async function sqliteGroups(size: CitySize, entry: Entry = 'built'): Promise<LayoutFigures> {
  const n = Math.min(MAX_NODES, size.halls);
  const groups = Array.from({ length: n }, (_, g) => Array.from({ length: size.halls }, (_, h) => h).filter((h) => h % n === g));
  progress(`SQLite: starting ${n} nodes, one per hall group`);
  const servers = await startAll(groups.map((halls) => () => startServedServer({ config: cityConfig(size, halls), entry, startTimeoutMs: START_TIMEOUT_MS })));
  try {
    const figures = await measure(`SQLite, a node per hall group`, size, servers, (h) => servers[h % n]!.url);
    return { ...figures, stored: servers.reduce((sum, s) => sum + s.storedTickets(), 0) };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

/** starts every server; if one fails, stops those that started */
async function startAll(starts: (() => Promise<ServedServer>)[]): Promise<ServedServer[]> {
  const t0 = Date.now();
  const settled = await Promise.allSettled(starts.map((start) => start()));
  const failure = settled.find((r) => r.status === 'rejected');
  if (!failure) {
    progress(`${starts.length} node(s) serving after ${Math.round((Date.now() - t0) / 1000)} s`);
    return settled.map((r) => (r as PromiseFulfilledResult<ServedServer>).value);
  }
  await Promise.all(settled.map((r) => (r.status === 'fulfilled' ? r.value.stop() : undefined)));
  throw failure.reason;
}

/**
 * A database seeded with the city's configuration, which every PostgreSQL layout starts from a copy
 * of: seeding hashes a password per clerk (500 scrypt hashes at full size), once instead of per layout.
 */
async function seededTemplate(size: CitySize, pgServer: PostgresServer): Promise<string> {
  const database = await pgServer.createDatabase();
  progress(`PostgreSQL: seeding the city into ${database}, the layouts' template`);
  const t0 = Date.now();
  const seeder = await startServedServer({ config: cityConfig(size, allHalls(size)), args: ['--database', database], startTimeoutMs: START_TIMEOUT_MS });
  await seeder.stop();
  progress(`seeded in ${Math.round((Date.now() - t0) / 1000)} s`);
  return new URL(database).pathname.slice(1);
}

const allHalls = (size: CitySize) => Array.from({ length: size.halls }, (_, h) => h);

/** `n` nodes over a fresh copy of the seeded database: hall h's kiosk on node h mod n, its windows spread over all */
async function postgresNodes(size: CitySize, pgServer: PostgresServer, template: string, n: number): Promise<LayoutFigures> {
  const database = await pgServer.createDatabase(template);
  const config = cityConfig(size, allHalls(size));
  const start = () => startServedServer({ config, args: ['--database', database], startTimeoutMs: START_TIMEOUT_MS });
  progress(`PostgreSQL: starting ${n} node(s) on ${database}, a copy of the seeded city`);
  const servers = await startAll(Array.from({ length: n }, () => start));
  try {
    return await measure(`PostgreSQL, ${n} node${n > 1 ? 's' : ''}`, size, servers, (h, w) => servers[(w < 0 ? h : h + w + 1) % n]!.url);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

const LAYOUT_NAMES = ['sqlite', ...Array.from({ length: MAX_NODES }, (_, i) => `pg${i + 1}`)];

/** HALLQ_BENCH_CITY_LAYOUTS=sqlite,pg1,pg2,pg3 (the default: all): a whole city's layouts one run at a time */
function layoutsFromEnv(): Set<string> {
  const asked = (process.env.HALLQ_BENCH_CITY_LAYOUTS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = asked.filter((name) => !LAYOUT_NAMES.includes(name));
  if (unknown.length > 0) throw new Error(`HALLQ_BENCH_CITY_LAYOUTS: unknown layout ${unknown.join(', ')} (known: ${LAYOUT_NAMES.join(', ')})`);
  return new Set(asked.length > 0 ? asked : LAYOUT_NAMES);
}

async function runCity(): Promise<Record<string, unknown>> {
  const size = sizeFromEnv();
  const chosen = layoutsFromEnv();
  progress(`city: ${size.halls} halls × ${size.windowsPerHall} windows, ${size.tickets} tickets; layouts ${[...chosen].join(', ')}`);
  const layouts: LayoutFigures[] = chosen.has('sqlite') ? [await sqliteGroups(size)] : [];
  const nodeCounts = Array.from({ length: MAX_NODES }, (_, i) => i + 1).filter((n) => chosen.has(`pg${n}`));
  // server/main.ts runs on PostgreSQL with --database; without it, only the SQLite layout runs
  const postgresReady = 'database' in SERVER_OPTIONS;
  if (postgresReady && nodeCounts.length > 0) {
    const pgServer = await startPostgres();
    try {
      const template = await seededTemplate(size, pgServer);
      for (const n of nodeCounts) layouts.push(await postgresNodes(size, pgServer, template, n));
    } finally {
      pgServer.stop();
    }
  } else if (!postgresReady) progress('PostgreSQL layouts skipped: the server has no --database option yet');
  printTable(
    `a city's day: ${size.halls} halls × ${size.windowsPerHall} windows, ${size.tickets} tickets, issued and called at full speed over HTTP, idle clerks woken by the hall's live feed (tickets/s, calls/s, ms)`,
    [
      'layout',
      'nodes',
      'tickets',
      's',
      'tickets/s',
      'calls/s',
      'issue p50',
      'issue p99',
      'call p50',
      'call p99',
      'empty look-ups',
      'failed',
      'stored',
      'CPU ms/ticket',
    ],
    layouts.map((l) => [
      l.layout,
      l.nodes,
      l.tickets,
      l.seconds,
      l.ticketsPerSecond,
      l.callsPerSecond,
      l.issue.p50,
      l.issue.p99,
      l.call.p50,
      l.call.p99,
      l.emptyCalls,
      l.failed,
      l.stored ?? '–',
      l.serverCpuMsPerTicket,
    ]),
  );
  return { size, postgres: postgresReady ? 'measured' : 'skipped: no --database option', layouts };
}

export const citySuite: BenchSuite = { name: 'city', optional: true, run: runCity };
