import type { Db } from '../database.js';
import { wholeMonths } from '../../server/domain/report-periods.js';
import type { SupervisionReportPort } from '../../server/supervision/ports.js';
import { statementCache } from './statement-cache.js';

export interface ReportFilter {
  hallId: string;
  /** local business days, inclusive */
  fromDay: string;
  toDay: string;
  serviceIds?: readonly string[];
  windowId?: string;
  staffId?: string;
}

/** One day row's figures: counters and packed duration histograms. */
export interface DayStatsRow {
  windowId: string;
  staffId: string;
  serviceId: string;
  called: number;
  served: number;
  noShow: number;
  transferred: number;
  e1: number;
  e2: number;
  e3: number;
  e4: number;
  e5: number;
  waitHist: Uint8Array | null;
  walkHist: Uint8Array | null;
  serviceHist: Uint8Array | null;
}

export interface SlotRow {
  serviceId: string;
  businessDay: string;
  slot: number;
  weekday: number;
  issued: number;
  cancelled: number;
  appointments: number;
  firstCalled: number;
  served: number;
}
export interface SlotSum {
  serviceId: string;
  businessDay: string;
  weekday: number;
  hour: number;
  issued: number;
  cancelled: number;
  appointments: number;
  served: number;
}
export interface TimeRow {
  windowId: string;
  staffId: string;
  openS: number;
  pausedS: number;
  busyS: number;
}

/** tables of what is issued to a service (not to a window or a person): no window or staff filter */
const SERVICE_TABLES = new Set(['sup_service_slots', 'sup_service_days', 'sup_service_month_hours']);

function where(
  f: ReportFilter,
  table = 'sup_visits',
  period: { column: string; from: string; to: string } = { column: 'business_day', from: f.fromDay, to: f.toDay },
) {
  const parts = [`${table}.hall_id = ?`, `${table}.${period.column} BETWEEN ? AND ?`];
  const args: unknown[] = [f.hallId, period.from, period.to];
  if (f.serviceIds) {
    parts.push(`${table}.service_id IN (${f.serviceIds.map(() => '?').join(',') || "''"})`);
    args.push(...f.serviceIds);
  }
  if (f.windowId && !SERVICE_TABLES.has(table)) {
    parts.push(`${table}.window_id = ?`);
    args.push(f.windowId);
  }
  if (f.staffId && !SERVICE_TABLES.has(table)) {
    parts.push(`${table}.staff_id = ?`);
    args.push(f.staffId);
  }
  return { sql: parts.join(' AND '), args };
}

const STATS_COLUMNS = `window_id AS windowId, staff_id AS staffId, service_id AS serviceId, called, served, no_show AS noShow,
      transferred, e1, e2, e3, e4, e5, wait_hist AS waitHist, walk_hist AS walkHist, service_hist AS serviceHist`;

/** Read side of the report aggregates: grouped sums and histograms, never raw events. */
export class SupervisionReportRepository implements SupervisionReportPort {
  private readonly statement;

  /** `monthRows: false` sums day rows only (the path month rows must always agree with) */
  constructor(
    db: Db,
    private readonly opts: { monthRows?: boolean } = {},
  ) {
    this.statement = statementCache(db);
  }

  /**
   * The figures of the range as rows to add up: its whole calendar months from month rows, the
   * days before and after them from day rows (a year: some three hundred rows instead of ten thousand).
   */
  dayStats(f: ReportFilter): DayStatsRow[] {
    const cut = this.opts.monthRows === false ? { headDays: { from: f.fromDay, to: f.toDay }, months: null, tailDays: null } : wholeMonths(f.fromDay, f.toDay);
    let rows: DayStatsRow[] = [];
    for (const days of [cut.headDays, cut.tailDays]) if (days) rows = rows.concat(this.stats(f, 'sup_day_stats', { column: 'business_day', ...days }));
    if (cut.months) rows = rows.concat(this.stats(f, 'sup_month_stats', { column: 'month', ...cut.months }));
    return rows;
  }

  private stats(f: ReportFilter, table: 'sup_day_stats' | 'sup_month_stats', period: { column: string; from: string; to: string }): DayStatsRow[] {
    const w = where(f, table, period);
    return this.statement(`SELECT ${STATS_COLUMNS} FROM ${table} WHERE ${w.sql}`).all(...w.args) as DayStatsRow[];
  }

  slots(f: ReportFilter): SlotRow[] {
    const w = where(f, 'sup_service_slots');
    return this.statement(
      `SELECT service_id AS serviceId, business_day AS businessDay, slot, weekday, issued, cancelled, appointments,
      first_called AS firstCalled, served
      FROM sup_service_slots WHERE ${w.sql}`,
    ).all(...w.args) as SlotRow[];
  }

  windowTime(f: ReportFilter): TimeRow[] {
    const parts = ['hall_id = ?', 'business_day BETWEEN ? AND ?'];
    const args: unknown[] = [f.hallId, f.fromDay, f.toDay];
    if (f.windowId) {
      parts.push('window_id = ?');
      args.push(f.windowId);
    }
    if (f.staffId) {
      parts.push('staff_id = ?');
      args.push(f.staffId);
    }
    return this.statement(
      `SELECT window_id AS windowId, staff_id AS staffId, SUM(open_s) AS openS, SUM(paused_s) AS pausedS, SUM(busy_s) AS busyS
      FROM sup_window_time WHERE ${parts.join(' AND ')} GROUP BY window_id, staff_id`,
    ).all(...args) as TimeRow[];
  }

  /**
   * issued, cancelled, appointments and served summed by a grouping of the half-hour slots: by
   * service and day from the day sums; by weekday and hour from the month × weekday × hour sums
   * of the range's whole months and the slots of the days at its ends
   */
  slotSums(f: ReportFilter, by: 'service' | 'day' | 'day-service' | 'weekday-hour'): SlotSum[] {
    const days = { column: 'business_day', from: f.fromDay, to: f.toDay };
    if (this.opts.monthRows === false) return this.sums(f, 'sup_service_slots', days, by);
    if (by !== 'weekday-hour') return this.sums(f, 'sup_service_days', days, by);
    const cut = wholeMonths(f.fromDay, f.toDay);
    let rows: SlotSum[] = [];
    for (const d of [cut.headDays, cut.tailDays]) if (d) rows = rows.concat(this.sums(f, 'sup_service_slots', { column: 'business_day', ...d }, by));
    if (cut.months) rows = rows.concat(this.sums(f, 'sup_service_month_hours', { column: 'month', ...cut.months }, by));
    const merged = new Map<number, SlotSum>();
    for (const r of rows) {
      const m = merged.get(r.weekday * 24 + r.hour);
      if (!m) merged.set(r.weekday * 24 + r.hour, { ...r });
      else for (const k of ['issued', 'cancelled', 'appointments', 'served'] as const) m[k] += r[k];
    }
    return [...merged.values()];
  }

  private sums(
    f: ReportFilter,
    table: 'sup_service_slots' | 'sup_service_days' | 'sup_service_month_hours',
    period: { column: string; from: string; to: string },
    by: 'service' | 'day' | 'day-service' | 'weekday-hour',
  ): SlotSum[] {
    const w = where(f, table, period);
    const hour = table === 'sup_service_month_hours' ? 'hour' : table === 'sup_service_slots' ? 'slot / 2' : 'NULL';
    // day-service follows the primary key: no sort, and both the per-service and per-day sums come from it
    const group = { service: 'service_id', day: 'business_day', 'day-service': 'business_day, service_id', 'weekday-hour': `weekday, ${hour}` }[by];
    const day = table === 'sup_service_month_hours' ? 'NULL' : 'business_day';
    const weekday = table === 'sup_service_days' ? 'NULL' : 'weekday';
    return this.statement(
      `SELECT MIN(service_id) AS serviceId, MIN(${day}) AS businessDay, MIN(${weekday}) AS weekday, MIN(${hour}) AS hour,
      SUM(issued) AS issued, SUM(cancelled) AS cancelled, SUM(appointments) AS appointments, SUM(served) AS served
      FROM ${table} WHERE ${w.sql} GROUP BY ${group}`,
    ).all(...w.args) as SlotSum[];
  }

  /** each window's running state (status since when, busy since when) */
  runningWindows(hallId: string): { windowId: string; staffId: string; status: string; since: string; busySince: string | null }[] {
    return this.statement(
      `SELECT window_id AS windowId, staff_id AS staffId, status, since, busy_since AS busySince FROM sup_window_state
      WHERE hall_id = ?`,
    ).all(hallId) as { windowId: string; staffId: string; status: string; since: string; busySince: string | null }[];
  }

  /** appointments whose slot fell in the range and that were forfeited, when the appointments feature's table exists */
  appointmentsMissed(hallId: string, fromIso: string, toIso: string): number | null {
    const cols = this.statement("SELECT name FROM pragma_table_info('appointments')").pluck().all() as string[];
    if (!cols.includes('status') || !cols.includes('slot_start') || !cols.includes('hall_id')) return null;
    return this.statement("SELECT COUNT(*) FROM appointments WHERE hall_id = ? AND status = 'no_show' AND slot_start >= ? AND slot_start < ?")
      .pluck()
      .get(hallId, fromIso, toIso) as number;
  }
}
