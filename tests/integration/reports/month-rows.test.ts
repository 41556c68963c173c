import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteSupervisionRepositories } from '../../../db/repositories/supervision-sqlite.js';
import { createAppointmentsFeature } from '../../../server/appointments/feature.js';
import type { HallServer } from '../../../server/server.js';
import type { PgStore } from '../../../server/store/postgres/pg-store.js';
import { PgSupervisionReportRepository } from '../../../server/store/postgres/supervision-reports.js';
import { buildSupervision, createSupervisionFeature } from '../../../server/supervision/feature.js';
import type { ReportsPort } from '../../../server/supervision/ports.js';
import { supervisionReport, type ReportQuery } from '../../../server/supervision/report.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { TOKENS } from '../../helpers/test-config.js';

/** Beijing wall-clock time on a day → ISO instant. */
const bj = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`).toISOString();
const HOLIDAY = '2026-01-01'; // 元旦: the hall is closed
const SWAPPED_SUNDAY = '2026-01-04'; // 调休: a Sunday worked
const WORKED = ['2025-11-27', '2025-11-28', '2025-12-01', '2025-12-16', '2025-12-31', SWAPPED_SUNDAY, '2026-01-05', '2026-01-30', '2026-02-02', '2026-02-10'];

let app: TestApp<HallServer>;
let manager: string;

async function step(day: string, hhmm: string, method: string, path: string, token: string, body?: unknown) {
  app.clock.set(bj(day, hhmm));
  const res = await app.http(method, path, { token, ...(body !== undefined ? { body } : {}) });
  expect(res.status, `${day} ${hhmm} ${method} ${path}: ${res.text}`).toBeLessThan(300);
  return res.body;
}

/** A morning at w1 (王芳) and w3 (张敏) whose durations vary with k: served, skipped and restored, transferred, paused, cancelled, rated. */
async function workDay(day: string, k: number): Promise<string> {
  app.clock.set(bj(day, '08:50'));
  const wang = await app.login('wangfang');
  const zhang = await app.login('zhangmin');
  manager = await app.login('manager');
  const s = (hhmm: string, method: string, path: string, token: string, body?: unknown) => step(day, hhmm, method, path, token, body);
  const issue = async (hhmm: string, serviceId: string) => (await s(hhmm, 'POST', '/api/tickets', TOKENS.kiosk, { serviceId })).id as string;
  const m = (n: number) => `${String(9 + Math.floor(n / 60)).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}`;
  await s('09:00', 'POST', '/api/windows/w1/open', wang);
  await s('09:00', 'POST', '/api/windows/w3/open', zhang);
  const first = await issue('09:01', 'tax-reg');
  await issue('09:02', 'tax-reg');
  const skipped = await issue('09:03', 'invoice');
  const license = await issue('09:04', 'license');
  await s(m(6 + k), 'POST', '/api/windows/w1/call-next', wang);
  await s(m(7 + k), 'POST', '/api/windows/w1/start', wang);
  await s(m(12 + 2 * k), 'POST', '/api/windows/w1/finish', wang);
  await s(m(13), 'POST', '/api/windows/w3/call-next', zhang);
  await s(m(15), 'POST', '/api/windows/w3/skip', zhang);
  await s(m(16), 'POST', `/api/tickets/${skipped}/restore`, manager, { reason: '过号后返回' });
  await s(m(30 + k), 'POST', '/api/windows/w1/call-next', wang);
  await s(m(31 + k), 'POST', '/api/windows/w1/start', wang);
  await s(m(35 + k), 'POST', '/api/windows/w1/transfer', wang, { toServiceId: 'invoice' });
  await s(m(35 + k), 'POST', '/api/windows/w1/pause', wang, { reason: '临时离岗' });
  await s(m(40 + k), 'POST', '/api/windows/w1/resume', wang);
  for (const at of [41, 55]) {
    await s(m(at), 'POST', '/api/windows/w3/call-next', zhang);
    await s(m(at + 1), 'POST', '/api/windows/w3/start', zhang);
    await s(m(at + 4 + k), 'POST', '/api/windows/w3/finish', zhang);
  }
  await s(m(70), 'POST', '/api/windows/w1/call-next', wang);
  await s(m(71), 'POST', '/api/windows/w1/start', wang);
  await s(m(80 + 3 * k), 'POST', '/api/windows/w1/finish', wang);
  const cancelled = await issue(m(100), 'tax-reg');
  await s(m(101), 'POST', `/api/tickets/${cancelled}/cancel`, manager);
  await s(m(105), 'POST', `/api/tickets/${first}/evaluation`, manager, { level: 5 - (k % 5), phoneCallback: true });
  await s('11:00', 'POST', '/api/windows/w1/close', wang);
  await s('11:00', 'POST', '/api/windows/w3/close', zhang);
  return license;
}

beforeAll(async () => {
  app = await buildTestApp({
    now: bj('2025-11-20', '09:00'),
    features: [createSupervisionFeature({ checkIntervalMs: 3_600_000, debounceMs: 3_600_000 }), createAppointmentsFeature({ jobIntervalMs: 3_600_000 })],
  });
  manager = await app.login('manager');
  await step('2025-11-20', '09:00', 'PUT', `/api/halls/main/calendar/days/${HOLIDAY}`, manager, { kind: 'holiday', name: '元旦' });
  await step('2025-11-20', '09:00', 'PUT', `/api/halls/main/calendar/days/${SWAPPED_SUNDAY}`, manager, { kind: 'workday', name: '调休上班' });
  const licenses: Record<string, string> = {};
  for (const [k, day] of WORKED.entries()) {
    licenses[day] = await workDay(day, k);
    // late ratings by phone callback: 28 Nov's rated on 1 Dec, New Year's Eve's on the holiday
    if (day === '2025-12-01') await step(day, '11:10', 'POST', `/api/tickets/${licenses['2025-11-28']}/evaluation`, manager, { level: 2, phoneCallback: true });
    if (day === '2025-12-31') app.clock.set(bj(HOLIDAY, '09:59'));
    if (day === '2025-12-31') manager = await app.login('manager');
    if (day === '2025-12-31') await step(HOLIDAY, '10:00', 'POST', `/api/tickets/${licenses[day]}/evaluation`, manager, { level: 1, phoneCallback: true });
  }
  app.clock.set(bj('2026-02-11', '09:00'));
}, 120_000);
afterAll(async () => {
  await app?.close();
});

/** the report reads of the app's own store, summing month rows or (`monthRows: false`) day rows only */
function reportsOf(monthRows: boolean): ReportsPort {
  const { sqlite, store } = app.server;
  if (sqlite) return sqliteSupervisionRepositories(sqlite.db, { monthRows }).reports;
  const { pool } = store as PgStore;
  const repo = new PgSupervisionReportRepository({ monthRows });
  return {
    dayStats: (f) => repo.dayStats(pool, f),
    slots: (f) => repo.slots(pool, f),
    windowTime: (f) => repo.windowTime(pool, f),
    slotSums: (f, by) => repo.slotSums(pool, f, by),
    runningWindows: (hallId) => repo.runningWindows(pool, hallId),
    appointmentsMissed: (hallId, from, to) => repo.appointmentsMissed(pool, hallId, from, to),
  };
}

/** the same report summed from month rows (as served) and from day rows only (the old path) */
async function bothWays(q: Omit<ReportQuery, 'hallId'>) {
  const { ctx } = app.server;
  const deps = buildSupervision(ctx, app.server.stores.supervision);
  await deps.aggregator.catchUp('main');
  const reportDeps = (monthRows: boolean) => ({
    reports: reportsOf(monthRows),
    followUps: (h: string, f: string, t: string) => deps.records.followUps(h, f, t),
    followUpComments: (h: string, f: string, t: string) => deps.records.followUpComments(h, f, t),
    weights: (h: string) => deps.settings.weights(h),
  });
  const query = { hallId: 'main', ...q };
  return { months: await supervisionReport(ctx, reportDeps(true), query), days: await supervisionReport(ctx, reportDeps(false), query) };
}

describe('reports read whole months from month rows, equal to the sum of their day rows', () => {
  const ranges = [
    { from: '2025-11-20', to: '2026-02-10', label: 'mid-month to mid-month across the new year' },
    { from: '2025-12-01', to: '2026-01-31', label: 'two whole months' },
    { from: '2025-12-01', to: '2025-12-31', label: 'one whole month' },
    { from: '2025-11-28', to: '2025-12-31', label: 'days, then a whole month' },
    { from: '2026-01-01', to: '2026-02-02', label: 'a whole month, then days' },
    { from: '2025-12-16', to: '2026-01-05', label: 'within two months, none whole' },
    { from: SWAPPED_SUNDAY, to: SWAPPED_SUNDAY, label: 'the 调休 Sunday' },
    { from: '2025-02-11', to: '2026-02-10', label: 'a year, mostly empty months' },
  ];
  const filters = [{}, { staffId: 's1' }, { windowId: 'w3' }, { departmentId: 'tax' }, { serviceId: 'license' }];
  for (const r of ranges)
    it(`${r.label} (${r.from} → ${r.to}), with and without each filter`, async () => {
      for (const f of filters) {
        const { months, days } = await bothWays({ from: r.from, to: r.to, ...f });
        expect(months, JSON.stringify(f)).toEqual(days);
      }
    });

  it('the served report is the day rows’ sum, and counts what a month was given later (a late rating) in that month', async () => {
    const q = 'from=2025-11-20&to=2026-02-10';
    const served = await app.http('GET', `/api/reports/summary?hallId=main&${q}`, { token: await app.login('manager') });
    expect(served.status, served.text).toBe(200);
    expect(served.body).toEqual(JSON.parse(JSON.stringify((await bothWays({ from: '2025-11-20', to: '2026-02-10' })).days)));
    expect(served.body.totals).toMatchObject({ issued: 50, cancelled: 10, called: 60, served: 40, noShow: 10, transferred: 10 });
    const november = (await bothWays({ from: '2025-11-01', to: '2025-11-30' })).months;
    expect(november.totals.evaluations[2]).toBe(1);
    const december = (await bothWays({ from: '2025-12-01', to: '2025-12-31' })).months;
    // 31 Dec's own morning rating (level 1, k = 4) and the one given on the holiday
    expect(december.totals.evaluations[1]).toBe(2);
    expect((await bothWays({ from: HOLIDAY, to: HOLIDAY })).months.totals).toMatchObject({
      issued: 0,
      called: 0,
      evaluations: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 },
    });
  });

  it('a range of whole months reads one row per window, staff and service of each month, not one per day', async () => {
    const f = { hallId: 'main', fromDay: '2025-12-01', toDay: '2026-01-31' };
    const viaMonths = await reportsOf(true).dayStats(f);
    const viaDays = await reportsOf(false).dayStats(f);
    expect(viaDays.length).toBeGreaterThan(viaMonths.length);
    const called = (rows: { called: number }[]) => rows.reduce((n, r) => n + r.called, 0);
    expect(called(viaMonths)).toBe(called(viaDays));
  });
});
