import type { HallEvent } from '../contract/events.js';
import { DomainError } from '../domain/errors.js';
import { mean, percentile, round1 } from '../domain/statistics.js';
import type { AppContext } from './context.js';

export interface WindowReportRow {
  windowId: string;
  windowNumber: number;
  windowName: string;
  staffId: string | null;
  staffName: string | null;
  issued: number;
  called: number;
  served: number;
  noShow: number;
  transferred: number;
  waitMinutes: { p50: number | null; p90: number | null; max: number | null };
  serviceMinutes: { mean: number | null; p90: number | null };
  evaluations: Record<'1' | '2' | '3' | '4' | '5', number>;
}

const minutesBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 60_000;

/**
 * Per window and staff member, from the recorded events in [from, to): what each served, how
 * long visitors waited for them (issue → first call) and how long service took (start → finish).
 */
export async function windowReport(ctx: AppContext, hallId: string, from: string, to: string) {
  if (!(await ctx.store.halls.hall(hallId))) throw new DomainError('NOT_FOUND', `hall ${hallId} does not exist`);
  if (!(Date.parse(from) < Date.parse(to))) throw new DomainError('VALIDATION', 'from must be before to');
  const events = await ctx.store.events.inRange(
    hallId,
    ['ticket.issued', 'ticket.called', 'ticket.started', 'ticket.finished', 'ticket.skipped', 'ticket.transferred', 'evaluation.created'],
    from,
    to,
  );
  const rows = new Map<string, WindowReportRow & { waits: number[]; services: number[] }>();
  const started = new Map<string, string>();
  const issuedByService = new Map<string, number>();
  // names read once before the tally, which runs synchronously over the events
  const windows = new Map((await ctx.store.halls.windows(hallId)).map((w) => [w.id, w]));
  const staff = new Map((await ctx.store.staff.all()).map((s) => [s.id, s]));
  const rowFor = (windowId: string, staffId: string | null | undefined) => {
    const key = `${windowId}/${staffId ?? ''}`;
    let row = rows.get(key);
    if (!row) {
      const w = windows.get(windowId);
      const s = staffId ? staff.get(staffId) : undefined;
      row = {
        windowId,
        windowNumber: w?.number ?? 0,
        windowName: w?.name ?? windowId,
        staffId: staffId ?? null,
        staffName: s?.name ?? null,
        issued: 0,
        called: 0,
        served: 0,
        noShow: 0,
        transferred: 0,
        waitMinutes: { p50: null, p90: null, max: null },
        serviceMinutes: { mean: null, p90: null },
        evaluations: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 },
        waits: [],
        services: [],
      };
      rows.set(key, row);
    }
    return row;
  };
  for (const e of events as HallEvent[]) tally(e, rowFor, started, issuedByService);
  let issuedTotal = 0;
  for (const n of issuedByService.values()) issuedTotal += n;
  const result = (
    await Promise.all(
      [...rows.values()].map(async ({ waits, services, ...row }) => {
        const w = await ctx.store.halls.window(row.windowId);
        row.issued = (w?.serviceIds ?? []).reduce((n, s) => n + (issuedByService.get(s) ?? 0), 0);
        row.waitMinutes = { p50: round1(percentile(waits, 50)), p90: round1(percentile(waits, 90)), max: round1(waits.length ? Math.max(...waits) : null) };
        row.serviceMinutes = { mean: round1(mean(services)), p90: round1(percentile(services, 90)) };
        return row;
      }),
    )
  ).sort((a, b) => a.windowNumber - b.windowNumber || (a.staffName ?? '').localeCompare(b.staffName ?? ''));
  return { hallId, from, to, totals: { issued: issuedTotal }, rows: result };
}

function tally(
  e: HallEvent,
  rowFor: (w: string, s: string | null | undefined) => WindowReportRow & { waits: number[]; services: number[] },
  started: Map<string, string>,
  issuedByService: Map<string, number>,
): void {
  switch (e.type) {
    case 'ticket.issued':
      issuedByService.set(e.data.serviceId, (issuedByService.get(e.data.serviceId) ?? 0) + 1);
      return;
    case 'ticket.called': {
      if (e.data.recall) return;
      const row = rowFor(e.data.windowId, e.data.staffId);
      row.called++;
      if (e.data.issuedAt) row.waits.push(minutesBetween(e.data.issuedAt, e.at));
      return;
    }
    case 'ticket.started':
      started.set(e.data.ticketId, e.at);
      return;
    case 'ticket.finished': {
      const row = rowFor(e.data.windowId, e.data.staffId);
      row.served++;
      const s = started.get(e.data.ticketId);
      if (s) row.services.push(minutesBetween(s, e.at));
      return;
    }
    case 'ticket.skipped':
      rowFor(e.data.windowId, e.data.staffId).noShow++;
      return;
    case 'ticket.transferred':
      if (e.data.windowId) rowFor(e.data.windowId, e.data.staffId).transferred++;
      return;
    case 'evaluation.created': {
      if (!e.data.windowId) return;
      const key = String(e.data.level) as keyof WindowReportRow['evaluations'];
      rowFor(e.data.windowId, e.data.staffId).evaluations[key]++;
      return;
    }
    default:
  }
}

const CSV_HEADERS = [
  '窗口号',
  '窗口',
  '工作人员',
  '取号数',
  '叫号数',
  '办结数',
  '过号数',
  '转办数',
  '等候中位数(分)',
  '等候P90(分)',
  '最长等候(分)',
  '平均办理(分)',
  '办理P90(分)',
  '非常满意',
  '满意',
  '基本满意',
  '不满意',
  '非常不满意',
];

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** CSV with Chinese headers and a BOM so that Excel opens it as UTF-8. */
export function windowReportCsv(report: Awaited<ReturnType<typeof windowReport>>): string {
  const lines = report.rows.map((r) =>
    [
      r.windowNumber,
      r.windowName,
      r.staffName ?? '',
      r.issued,
      r.called,
      r.served,
      r.noShow,
      r.transferred,
      r.waitMinutes.p50,
      r.waitMinutes.p90,
      r.waitMinutes.max,
      r.serviceMinutes.mean,
      r.serviceMinutes.p90,
      r.evaluations[5],
      r.evaluations[4],
      r.evaluations[3],
      r.evaluations[2],
      r.evaluations[1],
    ]
      .map(csvCell)
      .join(','),
  );
  return `\uFEFF${[CSV_HEADERS.join(','), ...lines].join('\r\n')}\r\n`;
}
