import type { AppContext } from '../app/context.js';
import { listServices } from '../app/snapshot.js';
import { balanceSuggestions, type HallWatch } from '../domain/alerts.js';
import { waitGroupMessage, waitGroups } from '../domain/wait-alerts.js';
import { localTime } from '../domain/local-time.js';
import { addDays } from '../domain/working-days.js';
import type { AggregatesPort, AlertRecord, DayStatsRow, RecordsPort, ReportsPort } from './ports.js';
import { alertEventData, watchHall } from './alert-engine.js';
import { deviceName, deviceReason, type HardwareWhere } from './device-labels.js';
import type { SupervisionSettings } from './settings.js';
import { addDayRow, emptyTally, figures } from './tally.js';

export interface LiveDeps {
  aggregates: AggregatesPort;
  reports: ReportsPort;
  records: RecordsPort;
  settings: SupervisionSettings;
  /** the hardware section of the config, for device names */
  hardware?: () => Promise<HardwareWhere[]>;
}

/** how many resolved alerts stay listed under the active ones */
const RESOLVED_SHOWN = 20;

const minutesSince = (iso: string | null | undefined, now: Date) => (iso ? Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / 60_000)) : null);

/** The manager's live monitor: windows, queues, today's totals, devices, alerts, suggestions, chart. */
export async function liveMonitor(ctx: AppContext, deps: LiveDeps, hallId: string) {
  const hall = (await ctx.store.halls.hall(hallId))!;
  const now = ctx.clock.now();
  const today = localTime(now, hall.timezone).date;
  const watch = await watchHall(ctx, deps.aggregates, deps.records, hallId);
  const f = { hallId, fromDay: today, toDay: today };
  const rows = await deps.reports.dayStats(f);
  const servedBy = new Map<string, number>();
  for (const r of rows) servedBy.set(r.windowId, (servedBy.get(r.windowId) ?? 0) + r.served);
  const windows = await Promise.all(
    (await ctx.store.halls.windows(hallId)).map(async (w) => {
      const t = w.currentTicketId ? await ctx.store.tickets.get(w.currentTicketId) : undefined;
      const active = t && (t.status === 'called' || t.status === 'serving') ? t : undefined;
      const staff = w.staffId ? await ctx.store.staff.get(w.staffId) : undefined;
      return {
        id: w.id,
        number: w.number,
        name: w.name,
        status: w.status,
        reason: w.pauseReason,
        staffName: staff?.name ?? null,
        statusMinutes: minutesSince(w.statusChangedAt, now),
        servedToday: servedBy.get(w.id) ?? 0,
        serviceIds: w.serviceIds,
        current: active
          ? { number: active.number, status: active.status, minutes: minutesSince(active.status === 'serving' ? active.startedAt : active.calledAt, now) }
          : null,
      };
    }),
  );
  const oldest = new Map<string, string>();
  for (const t of watch.waiting) if (!oldest.has(t.serviceId) || t.issuedAt < oldest.get(t.serviceId)!) oldest.set(t.serviceId, t.issuedAt);
  const services = (await listServices(ctx, hallId)).map((s) => ({
    id: s.id,
    name: s.name,
    prefix: s.prefix,
    waiting: s.waiting,
    estimatedWaitMinutes: s.estimatedWaitMinutes,
    longestWaitMinutes: minutesSince(oldest.get(s.id), now) ?? 0,
    windowNumbers: s.windowNumbers,
    openWindowNumbers: windows.filter((w) => w.status === 'open' && w.serviceIds.includes(s.id)).map((w) => w.number),
  }));
  return {
    hallId,
    hallName: hall.name,
    timezone: hall.timezone,
    now: now.toISOString(),
    today,
    windows,
    services,
    totals: await todayTotals(
      deps,
      f,
      rows,
      services.reduce((n, s) => n + s.waiting, 0),
    ),
    devices: await liveDevices(ctx, deps, hallId),
    alerts: await liveAlerts(ctx, deps, hallId, watch),
    suggestions: balanceSuggestions(watch, await deps.settings.alerts(hallId)),
    chart: await halfHourChart(deps.reports, hallId, today, Math.floor(localTime(now, hall.timezone).minutes / 30)),
  };
}

async function liveDevices(ctx: AppContext, deps: LiveDeps, hallId: string) {
  const hardware = (await deps.hardware?.()) ?? [];
  return await Promise.all(
    (await ctx.store.devices.health(hallId)).map(async (d) => ({
      id: d.id,
      kind: d.kind,
      name: await deviceName(ctx, d.id, d.kind, hardware),
      status: d.status,
      lastError: d.lastError,
      reason: deviceReason(d.lastError),
      at: d.updatedAt,
    })),
  );
}

/** unacknowledged first, then the most serious, then the newest */
const bySeverity = (a: AlertRecord, b: AlertRecord) =>
  Number(Boolean(a.ackAt)) - Number(Boolean(b.ackAt)) || b.level - a.level || b.raisedAt.localeCompare(a.raisedAt) || b.id - a.id;

/**
 * Every active alert, however many (a wall monitor that drops one hides a real problem), ranked
 * by severity; then the latest resolved ones. A queue's waiting alert carries its current count
 * and the tickets behind it.
 */
async function liveAlerts(ctx: AppContext, deps: LiveDeps, hallId: string, watch: HallWatch) {
  const groups = new Map(waitGroups(watch, await deps.settings.alerts(hallId)).map((g) => [g.serviceId, g]));
  const hardware = (await deps.hardware?.()) ?? [];
  const active = (await deps.records.activeAlerts(hallId)).sort(bySeverity);
  const since = new Date(watch.now.getTime() - 12 * 3600_000).toISOString();
  const resolved = (await deps.records.recentAlerts(hallId, since, RESOLVED_SHOWN * 2)).filter((a) => a.resolvedAt).slice(0, RESOLVED_SHOWN);
  return await Promise.all(
    [...active, ...resolved].map(async (a) => {
      const g = !a.resolvedAt && a.kind === 'wait' && a.subjectType === 'service' ? groups.get(a.subjectId) : undefined;
      const device = a.kind === 'device-offline' ? { message: `${await deviceName(ctx, a.subjectId, String(a.data?.kind ?? ''), hardware)} 离线` } : {};
      const ackName = a.ackBy ? ((await ctx.store.staff.get(a.ackBy))?.name ?? a.ackBy) : null;
      return {
        ...alertEventData(a),
        ...device,
        ...(g ? { message: waitGroupMessage(g), tickets: g.tickets } : {}),
        resolvedAt: a.resolvedAt,
        ackBy: a.ackBy,
        ackByName: ackName,
        ackAt: a.ackAt,
        ackNote: a.ackNote,
      };
    }),
  );
}

async function todayTotals(deps: LiveDeps, f: { hallId: string; fromDay: string; toDay: string }, rows: DayStatsRow[], waiting: number) {
  const t = emptyTally();
  for (const r of rows) addDayRow(t, r, 0);
  const slots = await deps.reports.slots(f);
  const fig = figures(t);
  return {
    issued: slots.reduce((n, s) => n + s.issued, 0),
    cancelled: slots.reduce((n, s) => n + s.cancelled, 0),
    waiting,
    served: fig.served,
    noShow: fig.noShow,
    transferred: fig.transferred,
    meanWaitMinutes: fig.waitMinutes.mean,
    badReviews: fig.badReviews,
  };
}

/** Waiting (at each half hour's end) and served per half hour: today against the same weekday of the last 8 weeks. */
export async function halfHourChart(reports: ReportsPort, hallId: string, today: string, nowSlot = 47) {
  const series = async (day: string) => {
    const f = { hallId, fromDay: day, toDay: day };
    const delta = new Array<number>(48).fill(0);
    const served = new Array<number>(48).fill(0);
    let any = false;
    for (const s of await reports.slots(f)) {
      delta[s.slot]! += s.issued - s.cancelled - s.firstCalled;
      served[s.slot]! += s.served;
      if (s.issued) any = true;
    }
    let running = 0;
    return { any, waiting: delta.map((d) => Math.max(0, (running += d))), served };
  };
  const [weeks, now] = await Promise.all([Promise.all(Array.from({ length: 8 }, (_, i) => series(addDays(today, -7 * (i + 1))))), series(today)]);
  const past = weeks.filter((s) => s.any);
  const avg = (pick: (s: typeof now) => number[]) =>
    now.waiting.map((_, i) => (past.length ? Math.round((past.reduce((n, s) => n + pick(s)[i]!, 0) / past.length) * 10) / 10 : 0));
  const used = [...now.waiting.keys()].filter((i) => i >= 14 && i <= 37);
  const label = (i: number) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`;
  return {
    labels: used.map(label),
    weeksAveraged: past.length,
    // today's series stop at the current half hour: the future is not zero, it is unknown
    waitingToday: used.map((i) => (i <= nowSlot ? now.waiting[i]! : null)),
    servedToday: used.map((i) => (i <= nowSlot ? now.served[i]! : null)),
    waitingAverage: used.map((i) => avg((s) => s.waiting)[i]!),
    servedAverage: used.map((i) => avg((s) => s.served)[i]!),
  };
}
