import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfigFile } from '../server/config/load-config.js';
import { dayHallFromConfig } from './hall-day/day-hall.js';
import { runHallDay, type DayResult, type DaySize } from './hall-day/run-day.js';
import { ratio } from './lib/stats.js';
import { printTable, printTargets, progress } from './lib/table.js';
import { atMost, type TargetCheck } from './lib/targets.js';
import type { BenchSuite } from './suites.js';

/**
 * A busy hall's whole day on the served server: 20 windows, 12 services, 8,000 visitors with a
 * morning and an afternoon peak, 60 boards and kiosks on socket.io and up to 240 phones
 * following their tickets, LED strips and floor boards on a simulated RS-485 bus, a 9-hour day
 * at 180× (3 minutes). `--tickets N --speed N --windows N` change the size; `--config FILE
 * [--hall ID] [--date YYYY-MM-DD] [--opens HH:MM] [--hours N]` rehearses a hall's own config.
 */
export const BUSY_DAY: DaySize = {
  windows: 20,
  services: 12,
  tickets: 8000,
  boards: 60,
  phones: 240,
  speed: 180,
  ledBus: true,
  quietSeconds: 35,
  closedRestSeconds: 25,
};

function sizeFromArgs(): DaySize {
  const text = { type: 'string' } as const;
  const { values } = parseArgs({
    strict: false,
    options: { tickets: text, speed: text, windows: text, config: text, hall: text, date: text, opens: text, hours: text },
  });
  const num = (v: unknown, fallback: number) => (typeof v === 'string' && Number(v) > 0 ? Number(v) : fallback);
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const size: DaySize = {
    ...BUSY_DAY,
    tickets: num(values.tickets, BUSY_DAY.tickets),
    speed: num(values.speed, BUSY_DAY.speed),
    windows: num(values.windows, BUSY_DAY.windows),
  };
  const configFile = str(values.config);
  const date = str(values.date);
  const opensAt = str(values.opens);
  return {
    ...size,
    ...(configFile ? { hall: dayHallFromConfig(loadConfigFile(resolve(configFile)), str(values.hall)), ledBus: false } : {}),
    ...(date ? { date } : {}),
    ...(opensAt ? { opensAt } : {}),
    ...(values.hours ? { shape: { openMinutes: num(values.hours, 9) * 60 } } : {}),
  };
}

export function printDay(result: DayResult): TargetCheck[] {
  printTable(
    `a busy day, hour by hour (${result.counts.tickets} tickets, ${result.size.windows} windows, ${result.size.speed}×, ${result.realSeconds} s; ms)`,
    ['hour', 'issued', 'issue p50', 'issue p99', 'calls', 'call p50', 'call p99', "bench's loop delay p99 / max"],
    result.hours.map((h) => [h.hour, h.issued, h.issue.p50, h.issue.p99, h.calls, h.call.p50, h.call.p99, `${h.benchLoop.p99} / ${h.benchLoop.max}`]),
  );
  printTable(
    '  the day',
    ['figure', 'value'],
    [
      ['server CPU ms per ticket', result.cpuMsPerTicket],
      [
        'RSS MB at open / after the first hour / at the last call / closed',
        `${result.rssMb.atOpen} / ${result.rssMb.afterFirstHour} / ${result.rssMb.atLastCall} / ${result.rssMb.atClose}`,
      ],
      ['worst event-loop delay, ms', result.worstEventLoopDelayMs],
      [
        "real wait inside the kiosk's range (约 low–high 分钟)",
        `${Math.round(result.waitRange.insideShare * 100)} % (${result.waitRange.inside} inside, ${result.waitRange.below} shorter, ${result.waitRange.above} longer)`,
      ],
      ...Object.entries(result.counts).map(([k, v]) => [k, v]),
    ],
  );
  printTable(
    "  the server's memory (MB; native = RSS − V8 heap − external: SQLite, malloc arenas, code)",
    ['at', 'RSS', 'heap used', 'heap total', 'of it new / old space', 'external', 'native'],
    result.memory.map((m) => [m.at, m.rssMb, m.heapUsedMb, m.heapTotalMb, `${m.newSpaceMb} / ${m.oldSpaceMb}`, m.externalMb, m.nativeMb]),
  );
  printTable(
    '  invariants',
    ['check', 'held', 'found'],
    result.checks.map((c) => [c.check, c.ok ? 'yes' : 'NO', c.found]),
  );
  const busy = result.hours.filter((h) => h.issued > 0 && h.calls > 0);
  const first = busy[0]!;
  const last = busy.at(-1)!;
  return [
    atMost(`last hour's issue p99 ≤ 1.2× the first's (${first.hour} → ${last.hour})`, ratio(last.issue.p99, first.issue.p99), 1.2),
    atMost(`last hour's call p99 ≤ 1.2× the first's (${first.hour} → ${last.hour})`, ratio(last.call.p99, first.call.p99), 1.2),
    atMost('RSS at close ≤ 1.2× after the first hour', ratio(result.rssMb.atClose, result.rssMb.afterFirstHour), 1.2),
    atMost('invariants broken', result.checks.filter((c) => !c.ok).length, 0),
  ];
}

export const hallDaySuite: BenchSuite = {
  name: 'hall-day',
  async run() {
    const result = await runHallDay({ ...sizeFromArgs(), progress });
    const targets = printDay(result);
    printTargets(targets);
    return { ...result, targets };
  },
};
