import type { AppContext } from '../app/context.js';
import { DomainError } from '../domain/errors.js';
import { localTime } from '../domain/local-time.js';
import { performanceScore, type Score, type ScoreWeights } from '../domain/performance-score.js';
import { defaultGrouping, groupDays, type Grouping } from '../domain/report-periods.js';
import { addDays, isOverdue } from '../domain/working-days.js';
import type { FollowUpRecord, ReportFilter, ReportsPort } from './ports.js';
import { addDayRow, addTally, addTime, emptyTally, figures, unpackDayRow, type Figures, type Tally } from './tally.js';

export interface ReportQuery {
  hallId: string;
  from: string;
  to: string;
  departmentId?: string;
  serviceId?: string;
  windowId?: string;
  staffId?: string;
  /** how the daily series is grouped (default: by the range's length) */
  group?: Grouping;
}

export interface ReportDeps {
  reports: ReportsPort;
  followUps(hallId: string, fromIso: string, toIso: string): Promise<FollowUpRecord[]>;
  /** the visitors' comments on those follow-ups, by ticket (read one by one when absent) */
  followUpComments?(hallId: string, fromIso: string, toIso: string): Promise<Map<string, string>>;
  weights(hallId: string): Promise<ScoreWeights>;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
export const MAX_REPORT_DAYS = 400;

/** The UTC instant of a local midnight in a time zone. */
export function zonedMidnight(day: string, timeZone: string): string {
  const guess = Date.parse(`${day}T00:00:00Z`);
  const lt = localTime(new Date(guess), timeZone);
  const localAsUtc = Date.parse(`${lt.date}T${lt.time}:00Z`);
  return new Date(guess - (localAsUtc - guess)).toISOString();
}

async function validate(ctx: AppContext, q: ReportQuery) {
  const hall = await ctx.store.halls.hall(q.hallId);
  if (!hall) throw new DomainError('NOT_FOUND', `hall ${q.hallId} does not exist`);
  for (const k of ['from', 'to'] as const) {
    if (!DAY.test(q[k]) || Number.isNaN(Date.parse(q[k]))) throw new DomainError('VALIDATION', `${k} must be a date YYYY-MM-DD`);
  }
  if (q.from > q.to) throw new DomainError('VALIDATION', 'from must not be after to');
  if (Date.parse(q.to) - Date.parse(q.from) > MAX_REPORT_DAYS * 86_400_000)
    throw new DomainError('VALIDATION', `to: a report covers at most ${MAX_REPORT_DAYS} days`);
  const services = await ctx.store.halls.services(q.hallId);
  if (q.departmentId && !services.some((s) => s.departmentId === q.departmentId))
    throw new DomainError('VALIDATION', `departmentId ${q.departmentId} has no service in this hall`);
  if (q.serviceId && !services.some((s) => s.id === q.serviceId)) throw new DomainError('VALIDATION', `serviceId ${q.serviceId} is not a service of this hall`);
  if (q.windowId && (await ctx.store.halls.window(q.windowId))?.hallId !== q.hallId)
    throw new DomainError('VALIDATION', `windowId ${q.windowId} is not a window of this hall`);
  if (q.staffId && !(await ctx.store.staff.get(q.staffId))) throw new DomainError('VALIDATION', `staffId ${q.staffId} does not exist`);
  return { hall, services };
}

function filterOf(q: ReportQuery, services: { id: string; departmentId: string }[]): ReportFilter {
  const chosen = services.filter((s) => (!q.departmentId || s.departmentId === q.departmentId) && (!q.serviceId || s.id === q.serviceId));
  return {
    hallId: q.hallId,
    fromDay: q.from,
    toDay: q.to,
    ...(q.departmentId || q.serviceId ? { serviceIds: chosen.map((s) => s.id) } : {}),
    ...(q.windowId ? { windowId: q.windowId } : {}),
    ...(q.staffId ? { staffId: q.staffId } : {}),
  };
}

class Rollup {
  readonly groups = new Map<string, Tally>();
  get(key: string): Tally {
    let t = this.groups.get(key);
    if (!t) this.groups.set(key, (t = emptyTally()));
    return t;
  }
}

/** Every figure of a report, from the aggregates only. */
export async function supervisionReport(ctx: AppContext, deps: ReportDeps, q: ReportQuery) {
  const { hall, services } = await validate(ctx, q);
  const f = filterOf(q, services);
  const norm = new Map(services.map((s) => [s.id, s.avgServiceMinutes]));
  const marks = hall.policy.waitAlertMinutes;
  const byWindowStaff = new Rollup(),
    byStaff = new Rollup(),
    byWindow = new Rollup(),
    byService = new Rollup();
  const total = emptyTally();
  const each = (r: { windowId: string; staffId: string; serviceId?: string }, fn: (t: Tally) => void) => {
    fn(total);
    fn(byWindowStaff.get(`${r.windowId}/${r.staffId}`));
    fn(byWindow.get(r.windowId));
    if (r.staffId) fn(byStaff.get(r.staffId));
    if (r.serviceId) fn(byService.get(r.serviceId));
  };
  // Day rows (a year: thousands) are first summed per window, staff and service (dozens), and
  // those sums go into the five roll-ups: each histogram is added once instead of five times.
  const leaves = new Map<string, { r: { windowId: string; staffId: string; serviceId: string }; t: Tally }>();
  for (const row of await deps.reports.dayStats(f)) {
    const key = `${row.windowId}/${row.staffId}/${row.serviceId}`;
    let leaf = leaves.get(key);
    if (!leaf) leaves.set(key, (leaf = { r: { windowId: row.windowId, staffId: row.staffId, serviceId: row.serviceId }, t: emptyTally() }));
    addDayRow(leaf.t, unpackDayRow(row), norm.get(row.serviceId) ?? 0);
  }
  for (const { r, t } of leaves.values()) each(r, (into) => addTally(into, t));
  if (!f.serviceIds) for (const r of await deps.reports.windowTime(f)) each(r, (t) => addTime(t, r));
  await addOngoingTime(ctx, deps, q, f, each);

  const byDayService = await deps.reports.slotSums(f, 'day-service');
  const issuedBy = new Map<string, { issued: number; cancelled: number; appointments: number }>();
  for (const s of byDayService) {
    const i = issuedBy.get(s.serviceId) ?? { issued: 0, cancelled: 0, appointments: 0 };
    issuedBy.set(s.serviceId, { issued: i.issued + s.issued, cancelled: i.cancelled + s.cancelled, appointments: i.appointments + s.appointments });
  }
  const sum = (k: 'issued' | 'cancelled' | 'appointments') => [...issuedBy.values()].reduce((n, i) => n + i[k], 0);
  const weights = await deps.weights(q.hallId);
  const fromIso = zonedMidnight(q.from, hall.timezone);
  const toIso = zonedMidnight(addDays(q.to, 1), hall.timezone);
  const today = localTime(ctx.clock.now(), hall.timezone).date;
  const staffRows = [...byStaff.groups].map(([id, t]) => ({ id, t }));
  const peerMax = Math.max(0, ...staffRows.map((r) => r.t.served));
  const windowPeerMax = Math.max(0, ...[...byWindow.groups.values()].map((t) => t.served));

  const scope = reportScope(q);
  const names = nameLookup(ctx);
  const comments = await deps.followUpComments?.(q.hallId, zonedMidnight(q.from, hall.timezone), zonedMidnight(addDays(q.to, 1), hall.timezone));
  const timeFigures = <T extends Figures>(fig: T): T =>
    scope.notApplicable.length ? ({ ...fig, openMinutes: null, pausedMinutes: null, idleMinutes: null } as unknown as T) : fig;
  const touched = (id: string) => !(q.windowId || q.staffId) || byService.groups.has(id);

  return {
    hallId: q.hallId,
    hallName: hall.name,
    timezone: hall.timezone,
    from: q.from,
    to: q.to,
    waitMarks: marks,
    filters: { departmentId: q.departmentId ?? null, serviceId: q.serviceId ?? null, windowId: q.windowId ?? null, staffId: q.staffId ?? null },
    scope,
    totals: {
      issued: sum('issued'),
      cancelled: sum('cancelled'),
      appointmentsKept: sum('appointments'),
      appointmentsMissed: await deps.reports.appointmentsMissed(q.hallId, fromIso, toIso),
      ...timeFigures(figures(total, marks)),
    },
    windows: (await Promise.all([...byWindowStaff.groups].map(async ([key, t]) => await windowRow(ctx, key, t, marks)))).sort(
      (a, b) => a.windowNumber - b.windowNumber || (a.staffName ?? '').localeCompare(b.staffName ?? ''),
    ),
    staff: (
      await Promise.all(
        staffRows.map(async ({ id, t }) => ({
          staffId: id,
          staffName: (await ctx.store.staff.get(id))?.name ?? id,
          employeeNo: (await ctx.store.staff.get(id))?.employeeNo ?? '',
          ...figures(t, marks),
          score: scoreOf(t, peerMax, weights),
        })),
      )
    )
      // the unranked (数据不足) after everyone ranked, then by volume
      .sort((a, b) => (b.score.total ?? -1) - (a.score.total ?? -1) || b.served - a.served),
    windowScores: (
      await Promise.all(
        [...byWindow.groups].map(async ([id, t]) => ({
          windowId: id,
          windowNumber: (await ctx.store.halls.window(id))?.number ?? 0,
          score: scoreOf(t, windowPeerMax, weights),
        })),
      )
    ).sort((a, b) => a.windowNumber - b.windowNumber),
    // under a window or staff filter, only the services that person or window served
    services: services
      .filter((s) => (!f.serviceIds || f.serviceIds.includes(s.id)) && touched(s.id))
      .map((s) => ({
        serviceId: s.id,
        serviceName: s.name,
        departmentId: s.departmentId,
        issued: issuedBy.get(s.id)?.issued ?? 0,
        cancelled: issuedBy.get(s.id)?.cancelled ?? 0,
        ...timeFigures(figures(byService.groups.get(s.id) ?? emptyTally(), marks)),
      })),
    heatmap: heatmap(await deps.reports.slotSums(f, 'weekday-hour')),
    ...series(q, daily(q, byDayService)),
    badReviews: await Promise.all(
      (await deps.followUps(q.hallId, fromIso, toIso))
        .filter((r) => r.createdAt >= fromIso && r.createdAt < toIso && (!f.windowId || r.windowId === f.windowId) && (!f.staffId || r.staffId === f.staffId))
        // each record is this report's own: completed in place, not copied (a year lists thousands)
        .map(async (r) => Object.assign(r, followUpState(r, today), await followUpNames(ctx, r, hall.timezone, names, comments))),
    ),
  };
}

/**
 * Names of windows, staff and services by id, each looked up once: a year's 差评 list names
 * thousands of rows. The lookup's promise is kept, not its answer: the rows are completed all at
 * once (Promise.all), so every row would otherwise ask before the first answer came.
 */
export function nameLookup(ctx: AppContext) {
  const memo = (find: (id: string) => Promise<string | undefined>) => {
    const known = new Map<string, Promise<string>>();
    return (id: string): Promise<string> => {
      let name = known.get(id);
      if (!name) known.set(id, (name = find(id).then((found) => found ?? id)));
      return name;
    };
  };
  return {
    window: memo(async (id) => (await ctx.store.halls.window(id))?.name),
    staff: memo(async (id) => (await ctx.store.staff.get(id))?.name),
    service: memo(async (id) => (await ctx.store.halls.service(id))?.name),
  };
}

/** what a manager reads in 差评整改: names, not ids; the visitor's words; local times */
export async function followUpNames(ctx: AppContext, r: FollowUpRecord, timeZone: string, names = nameLookup(ctx), comments?: Map<string, string>) {
  const local = (iso: string | null) => {
    if (!iso) return null;
    const t = localTime(new Date(iso), timeZone);
    return `${t.date} ${t.time}`;
  };
  return {
    windowName: r.windowId ? await names.window(r.windowId) : null,
    staffName: r.staffId ? await names.staff(r.staffId) : null,
    serviceName: r.serviceId ? await names.service(r.serviceId) : null,
    comment: comments ? (comments.get(r.ticketId) ?? '') : ((await ctx.store.evaluations.get(r.ticketId))?.comment ?? ''),
    createdAtLocal: local(r.createdAt),
    callbackAtLocal: local(r.callbackAt),
    rectifiedAtLocal: local(r.rectifiedAt),
  };
}

export type SupervisionReport = Awaited<ReturnType<typeof supervisionReport>>;

/**
 * What a filter cannot narrow, said instead of silently mixing scopes: a ticket is issued to a
 * service, not to a window or a person, so under a window/staff filter the issued, cancelled
 * and appointment figures, the daily chart and the heatmap are the hall's (or the services')
 * — labelled hall-wide; and a window's signed-in time cannot be split by service, so under a
 * department/service filter open/paused/idle minutes are left out (null), never shown as 0.
 */
export function reportScope(q: Pick<ReportQuery, 'departmentId' | 'serviceId' | 'windowId' | 'staffId'>) {
  return {
    hallWide: q.windowId || q.staffId ? ['issued', 'cancelled', 'appointmentsKept', 'appointmentsMissed', 'daily', 'heatmap'] : [],
    notApplicable: q.departmentId || q.serviceId ? ['openMinutes', 'pausedMinutes', 'idleMinutes'] : [],
  };
}

async function windowRow(ctx: AppContext, key: string, t: Tally, marks: readonly number[]) {
  const [windowId = '', staffId = ''] = key.split('/');
  const w = await ctx.store.halls.window(windowId);
  const s = staffId ? await ctx.store.staff.get(staffId) : undefined;
  return {
    windowId,
    windowNumber: w?.number ?? 0,
    windowName: w?.name ?? windowId,
    staffId: staffId || null,
    staffName: s?.name ?? null,
    ...figures(t, marks),
  };
}

export function scoreOf(t: Tally, peerMaxServed: number, weights: ScoreWeights): Score {
  const fig: Figures = figures(t);
  return performanceScore(
    {
      served: t.served,
      peerMaxServed,
      called: t.called,
      noShow: t.noShow,
      meanWaitMinutes: fig.waitMinutes.mean,
      meanServiceMinutes: fig.serviceMinutes.mean,
      normMinutes: t.served ? t.normMinutesServed / t.served : null,
      evaluations: Object.values(t.evaluations).reduce((a, b) => a + b, 0),
      satisfied: t.evaluations[3] + t.evaluations[4] + t.evaluations[5],
      badReviews: t.evaluations[1] + t.evaluations[2],
      openSeconds: t.openS,
      pausedSeconds: t.pausedS,
    },
    weights,
  );
}

async function addOngoingTime(
  ctx: AppContext,
  deps: ReportDeps,
  q: ReportQuery,
  f: ReportFilter,
  each: (r: { windowId: string; staffId: string }, fn: (t: Tally) => void) => void,
): Promise<void> {
  if (f.serviceIds) return;
  const hall = (await ctx.store.halls.hall(q.hallId))!;
  const now = ctx.clock.now();
  const today = localTime(now, hall.timezone).date;
  if (today < q.from || today > q.to) return;
  for (const s of await deps.reports.runningWindows(q.hallId)) {
    if ((f.windowId && s.windowId !== f.windowId) || (f.staffId && s.staffId !== f.staffId)) continue;
    if (s.status === 'closed' && !s.busySince) continue;
    const open = s.status === 'closed' ? 0 : Math.max(0, (now.getTime() - Date.parse(s.since)) / 1000);
    const busy = s.busySince ? Math.max(0, (now.getTime() - Date.parse(s.busySince)) / 1000) : 0;
    each(s, (t) => addTime(t, { openS: open, pausedS: s.status === 'paused' ? open : 0, busyS: busy }));
  }
}

function heatmap(sums: { weekday: number; hour: number; issued: number; served: number }[]) {
  const issued = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const done = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const s of sums) {
    const row = (s.weekday + 6) % 7;
    issued[row]![s.hour]! += s.issued;
    done[row]![s.hour]! += s.served;
  }
  return { weekdays: ['一', '二', '三', '四', '五', '六', '日'], hours: Array.from({ length: 24 }, (_, h) => h), issued, served: done };
}

function series(q: ReportQuery, days: { day: string; issued: number; served: number }[]) {
  const group = q.group ?? defaultGrouping(q.from, q.to);
  return { daily: days, periods: { group, rows: groupDays(days, group) } };
}

function daily(q: ReportQuery, slots: { businessDay: string; issued: number; served: number }[]) {
  const days = new Map<string, { day: string; issued: number; served: number }>();
  for (let d = q.from; d <= q.to; d = addDays(d, 1)) days.set(d, { day: d, issued: 0, served: 0 });
  for (const s of slots) {
    const r = days.get(s.businessDay);
    if (r) {
      r.issued += s.issued;
      r.served += s.served;
    }
  }
  return [...days.values()];
}

/** where a follow-up stands today: its status and which deadline is overdue */
function followUpState(r: FollowUpRecord, today: string) {
  const callbackOverdue = !r.callbackAt && isOverdue(r.callbackDue, today);
  const rectifyOverdue = !r.rectifiedAt && isOverdue(r.rectifyDue, today);
  const status = r.rectifiedAt ? 'rectified' : r.callbackAt ? 'called-back' : 'open';
  return { status, callbackOverdue, rectifyOverdue, overdue: callbackOverdue || rectifyOverdue };
}

export function followUpView(r: FollowUpRecord, today: string) {
  return { ...r, ...followUpState(r, today) };
}
