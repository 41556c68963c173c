import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { openSqliteStore, type SqliteStore } from '../db/sqlite-store.js';
import type { AppContext } from '../server/app/context.js';
import { EventBus } from '../server/app/event-bus.js';
import { seedDatabase } from '../server/config/seed.js';
import { addDays } from '../server/domain/working-days.js';
import { buildSupervision } from '../server/supervision/feature.js';
import { sqliteSupervisionRepositories } from '../db/repositories/supervision-sqlite.js';
import { BENCH_STAFF, benchHallConfig } from './lib/bench-hall.js';
import { apiOf, expectOk } from './lib/http-client.js';
import { startServedServer } from './lib/served-server.js';
import { printTable, printTargets, progress } from './lib/table.js';
import { below } from './lib/targets.js';
import type { BenchSuite } from './suites.js';

/** ≈ 1,370 tickets a day for a year: the ≈ 500,000 tickets of a busy city hall. */
const DAYS = 365;
const TICKETS_PER_DAY = 1370;
const FIRST_DAY = '2025-11-24';
const REPEATS = 5;
const TARGET_MS = 300;

let seed = 20261123;
const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const iso = (day: string, minutes: number) => new Date(Date.parse(`${day}T00:00:00+08:00`) + minutes * 60_000).toISOString();

type Row = [string, string | null, string, string, string];

/** One day of a busy hall as event-log rows (window opening, lunch pause, tickets, ratings), in time order. */
function dayEvents(day: string, windows: { id: string; number: number; serviceIds: string[] }[], staffOf: Map<string, string>, n: { ticket: number }): Row[] {
  const rows: [number, Row][] = [];
  const add = (minutes: number, windowId: string | null, type: string, data: unknown) =>
    rows.push([minutes, ['main', windowId, type, iso(day, minutes), JSON.stringify(data)]]);
  for (const w of windows) {
    const status = (m: number, s: string, reason?: string) =>
      add(m, w.id, 'window.status', {
        windowId: w.id,
        windowNumber: w.number,
        status: s,
        ...(reason ? { reason } : {}),
        ...(s !== 'closed' ? { staffId: staffOf.get(w.id) } : {}),
      });
    status(510, 'open');
    status(690, 'paused', '午休');
    status(780, 'open');
    status(1020, 'closed');
  }
  for (let i = 0; i < TICKETS_PER_DAY; i++) {
    const w = pick(windows);
    const serviceId = pick(w.serviceIds);
    const ticketId = `t${++n.ticket}`;
    const base = { ticketId, number: `A${String(i + 1).padStart(3, '0')}`, serviceId };
    const issuedAt = 510 + rnd() * 440;
    const calledAt = issuedAt + -Math.log(1 - rnd() * 0.999) * 12;
    const atWindow = { ...base, windowId: w.id, windowNumber: w.number, staffId: staffOf.get(w.id), issuedAt: iso(day, issuedAt) };
    add(issuedAt, null, 'ticket.issued', base);
    add(calledAt, w.id, 'ticket.called', { ...atWindow, recall: false, zoneId: 'f1' });
    const r = rnd();
    if (r < 0.05) {
      add(calledAt + 2, w.id, 'ticket.skipped', atWindow);
      continue;
    }
    const startedAt = calledAt + rnd() * 2;
    add(startedAt, w.id, 'ticket.started', atWindow);
    if (r < 0.07) {
      add(startedAt + 3, w.id, 'ticket.transferred', { ...atWindow, fromServiceId: serviceId, toServiceId: serviceId });
      continue;
    }
    const finishedAt = startedAt + 2 + rnd() * 14;
    add(finishedAt, w.id, 'ticket.finished', atWindow);
    if (rnd() < 0.3)
      add(finishedAt + 0.5, w.id, 'evaluation.created', {
        ticketId,
        number: base.number,
        level: rnd() < 0.03 ? 1 + Math.floor(rnd() * 2) : 3 + Math.floor(rnd() * 3),
        tags: [],
        windowId: w.id,
        staffId: staffOf.get(w.id),
      });
  }
  return rows.sort((a, b) => a[0] - b[0]).map((r) => r[1]);
}

function generateYear(store: SqliteStore): number {
  const windows = store.sync.halls.windows('main');
  const staffOf = new Map<string, string>();
  for (const s of store.sync.staff.all()) for (const w of s.windows) if (w.post === 'A' && !staffOf.has(w.windowId)) staffOf.set(w.windowId, s.id);
  const insert = store.db.prepare('INSERT INTO events (hall_id, window_id, type, at, data) VALUES (?, ?, ?, ?, ?)');
  const counter = { ticket: 0 };
  let events = 0;
  for (let d = 0; d < DAYS; d += 30) {
    store.db.transaction(() => {
      for (let k = d; k < Math.min(DAYS, d + 30); k++)
        for (const row of dayEvents(addDays(FIRST_DAY, k), windows, staffOf, counter)) {
          insert.run(...row);
          events++;
        }
    })();
  }
  return events;
}

function time<T>(fn: () => T): { ms: number; result: T } {
  const t0 = performance.now();
  const result = fn();
  return { ms: performance.now() - t0, result };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round1 = (n: number) => Math.round(n * 10) / 10;

/** The year in the event log and its aggregates, built in this process: the server then finds nothing left to catch up. */
async function prepareYear(file: string, reuse: boolean): Promise<{ events: number; generateMs: number; aggregateMs: number }> {
  const store = openSqliteStore(file);
  // The generated year is a fixture: per-commit durability would only time the disk.
  store.db.pragma('synchronous = OFF');
  try {
    if (reuse) return { events: store.sync.events.lastSeq('main'), generateMs: 0, aggregateMs: 0 };
    seedDatabase(store.db, benchHallConfig());
    const ctx: AppContext = {
      store,
      bus: new EventBus(),
      clock: { now: () => new Date(`${addDays(FIRST_DAY, DAYS)}T04:00:00Z`) },
      log: pino({ level: 'silent' }),
    };
    progress(`generating ${DAYS} days × ${TICKETS_PER_DAY} tickets into the event log`);
    const gen = time(() => generateYear(store));
    progress(`aggregating ${gen.result} events through the catch-up`);
    const t0 = performance.now();
    await buildSupervision(ctx, sqliteSupervisionRepositories(store.db)).aggregator.catchUp('main');
    const agg = { ms: performance.now() - t0 };
    return { events: gen.result, generateMs: gen.ms, aggregateMs: agg.ms };
  } finally {
    store.close();
  }
}

export const reportYearSuite: BenchSuite = {
  name: 'report-year',
  async run() {
    // HALLQ_BENCH_REPORT_DIR=dir keeps the generated year there and reuses it on the next run
    const kept = process.env.HALLQ_BENCH_REPORT_DIR;
    const dir = kept ?? mkdtempSync(join(tmpdir(), 'hallq-bench-report-'));
    const file = join(dir, 'hall-queue.sqlite');
    const reuse = Boolean(kept && existsSync(file));
    const year = await prepareYear(file, reuse);
    const last = addDays(FIRST_DAY, DAYS - 1);
    // the served server's clock: the morning after the year, whenever the bench runs
    const server = await startServedServer({
      config: benchHallConfig(),
      dataDir: dir,
      args: ['--clock-start', `${addDays(FIRST_DAY, DAYS)}T01:00:00.000Z`, '--clock-speed', '1'],
    });
    try {
      const api = apiOf(server.url);
      const { token } = expectOk(await api('POST', '/api/auth/login', { body: { username: 'manager', password: BENCH_STAFF.password } }), 'login');
      const anyStaff = 'wangfang';
      const anyDept = 'tax';
      const cases: [string, string][] = [
        ['one day', `from=${last}&to=${last}`],
        ['one month', `from=${addDays(last, -29)}&to=${last}`],
        ['one month, one staff member', `from=${addDays(last, -29)}&to=${last}&staffId=${anyStaff}`],
        ['one month, one department', `from=${addDays(last, -29)}&to=${last}&departmentId=${anyDept}`],
        ['one quarter', `from=${addDays(last, -89)}&to=${last}`],
        ['the whole year', `from=${FIRST_DAY}&to=${last}`],
      ];
      const rows: (string | number)[][] = [];
      const figures: Record<string, number> = {};
      let yearServed = 0;
      for (const [label, query] of cases) {
        progress(`GET /api/reports/summary: ${label}`);
        const runs = [];
        for (let i = 0; i < REPEATS; i++) runs.push(await api('GET', `/api/reports/summary?hallId=main&${query}`, { token }));
        const body = expectOk(runs[0]!, label);
        const ms = round1(median(runs.map((r) => r.ms)));
        figures[label] = ms;
        if (label === 'the whole year') yearServed = body.totals.served;
        rows.push([label, body.totals.issued, ms, round1(Math.max(...runs.map((r) => r.ms)))]);
      }
      const xlsx = await (async () => {
        const t0 = performance.now();
        const res = await fetch(`${server.url}/api/reports/summary?hallId=main&${cases[1]![1]}&format=xlsx`, { headers: { authorization: `Bearer ${token}` } });
        await res.arrayBuffer();
        return round1(performance.now() - t0);
      })();
      rows.push(['one month → xlsx', '', xlsx, xlsx]);
      printTable(
        `report over a generated year, over HTTP from the served server (${year.events.toLocaleString('en')} events, ${(DAYS * TICKETS_PER_DAY).toLocaleString('en')} tickets)`,
        ['report', 'tickets issued', 'median ms', 'max ms'],
        rows,
      );
      const aggPerSecond = Math.round(year.events / (year.aggregateMs / 1000));
      if (!reuse) {
        printTable(
          '  building the aggregates',
          ['step', 'seconds', 'events/s'],
          [
            ['generate the event log', round1(year.generateMs / 1000), Math.round(year.events / (year.generateMs / 1000))],
            ['catch-up aggregation', round1(year.aggregateMs / 1000), aggPerSecond],
          ],
        );
      }
      const checks = cases.map(([label]) => below(`${label} < ${TARGET_MS} ms`, figures[label]!, TARGET_MS));
      printTargets(checks);
      return {
        tickets: DAYS * TICKETS_PER_DAY,
        events: year.events,
        yearServed,
        reportMedianMs: figures,
        xlsxMonthMs: xlsx,
        ...(reuse ? {} : { aggregationEventsPerSecond: aggPerSecond }),
        targets: checks,
      };
    } finally {
      await server.stop();
      if (!kept) rmSync(dir, { recursive: true, force: true });
    }
  },
};
