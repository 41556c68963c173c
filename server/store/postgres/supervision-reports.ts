import { wholeMonths } from '../../domain/report-periods.js';
import type { DayStatsRow, ReportFilter, SlotRow, SlotSum, TimeRow } from '../../supervision/ports.js';
import type { Queryable } from './hall-transaction.js';

type Period = { column: string; from: string; to: string };
type Grouping = 'service' | 'day' | 'day-service' | 'weekday-hour';

/** tables of what is issued to a service (not to a window or a person): no window or staff filter */
const SERVICE_TABLES = new Set(['sup_service_slots', 'sup_service_days', 'sup_service_month_hours']);

function where(f: ReportFilter, table: string, period: Period = { column: 'business_day', from: f.fromDay, to: f.toDay }) {
  const args: unknown[] = [f.hallId, period.from, period.to];
  const parts = [`hall_id = $1`, `${period.column} BETWEEN $2 AND $3`];
  if (f.serviceIds) parts.push(`service_id = ANY($${args.push([...f.serviceIds])}::text[])`);
  if (f.windowId && !SERVICE_TABLES.has(table)) parts.push(`window_id = $${args.push(f.windowId)}`);
  if (f.staffId && !SERVICE_TABLES.has(table)) parts.push(`staff_id = $${args.push(f.staffId)}`);
  return { sql: parts.join(' AND '), args };
}

const STATS_COLUMNS = `window_id AS "windowId", staff_id AS "staffId", service_id AS "serviceId", called, served, no_show AS "noShow",
  transferred, e1, e2, e3, e4, e5, wait_hist AS "waitHist", walk_hist AS "walkHist", service_hist AS "serviceHist"`;

/**
 * The report reads of db/repositories/supervision-reports.ts on PostgreSQL: the same cut of a range
 * into month rows and day rows, the same sums. Reads run on any pooled connection, outside the hall's lock.
 */
export class PgSupervisionReportRepository {
  constructor(private readonly opts: { monthRows?: boolean } = {}) {}

  async dayStats(db: Queryable, f: ReportFilter): Promise<DayStatsRow[]> {
    const cut = this.opts.monthRows === false ? { headDays: { from: f.fromDay, to: f.toDay }, months: null, tailDays: null } : wholeMonths(f.fromDay, f.toDay);
    const parts = await Promise.all([
      ...[cut.headDays, cut.tailDays].map((days) => (days ? this.stats(db, f, 'sup_day_stats', { column: 'business_day', ...days }) : [])),
      cut.months ? this.stats(db, f, 'sup_month_stats', { column: 'month', ...cut.months }) : [],
    ]);
    return parts.flat();
  }

  private async stats(db: Queryable, f: ReportFilter, table: 'sup_day_stats' | 'sup_month_stats', period: Period): Promise<DayStatsRow[]> {
    const w = where(f, table, period);
    return (await db.query<DayStatsRow>(`SELECT ${STATS_COLUMNS} FROM ${table} WHERE ${w.sql}`, w.args)).rows;
  }

  async slots(db: Queryable, f: ReportFilter): Promise<SlotRow[]> {
    const w = where(f, 'sup_service_slots');
    const sql = `SELECT service_id AS "serviceId", business_day AS "businessDay", slot, weekday, issued, cancelled, appointments,
      first_called AS "firstCalled", served FROM sup_service_slots WHERE ${w.sql}`;
    return (await db.query<SlotRow>(sql, w.args)).rows;
  }

  async windowTime(db: Queryable, f: ReportFilter): Promise<TimeRow[]> {
    const args: unknown[] = [f.hallId, f.fromDay, f.toDay];
    const parts = ['hall_id = $1', 'business_day BETWEEN $2 AND $3'];
    if (f.windowId) parts.push(`window_id = $${args.push(f.windowId)}`);
    if (f.staffId) parts.push(`staff_id = $${args.push(f.staffId)}`);
    const sql = `SELECT window_id AS "windowId", staff_id AS "staffId", SUM(open_s) AS "openS", SUM(paused_s) AS "pausedS", SUM(busy_s) AS "busyS"
      FROM sup_window_time WHERE ${parts.join(' AND ')} GROUP BY window_id, staff_id`;
    return (await db.query<TimeRow>(sql, args)).rows;
  }

  /** issued, cancelled, appointments and served summed by a grouping of the half-hour slots (as on SQLite) */
  async slotSums(db: Queryable, f: ReportFilter, by: Grouping): Promise<SlotSum[]> {
    const days = { column: 'business_day', from: f.fromDay, to: f.toDay };
    if (this.opts.monthRows === false) return this.sums(db, f, 'sup_service_slots', days, by);
    if (by !== 'weekday-hour') return this.sums(db, f, 'sup_service_days', days, by);
    const cut = wholeMonths(f.fromDay, f.toDay);
    const parts = await Promise.all([
      ...[cut.headDays, cut.tailDays].map((d) => (d ? this.sums(db, f, 'sup_service_slots', { column: 'business_day', ...d }, by) : [])),
      cut.months ? this.sums(db, f, 'sup_service_month_hours', { column: 'month', ...cut.months }, by) : [],
    ]);
    const merged = new Map<number, SlotSum>();
    for (const r of parts.flat()) {
      const m = merged.get(r.weekday * 24 + r.hour);
      if (!m) merged.set(r.weekday * 24 + r.hour, { ...r });
      else for (const k of ['issued', 'cancelled', 'appointments', 'served'] as const) m[k] += r[k];
    }
    return [...merged.values()];
  }

  private async sums(
    db: Queryable,
    f: ReportFilter,
    table: 'sup_service_slots' | 'sup_service_days' | 'sup_service_month_hours',
    period: Period,
    by: Grouping,
  ): Promise<SlotSum[]> {
    const w = where(f, table, period);
    const hour = table === 'sup_service_month_hours' ? 'hour' : table === 'sup_service_slots' ? 'slot / 2' : 'NULL::int';
    const group = { service: 'service_id', day: 'business_day', 'day-service': 'business_day, service_id', 'weekday-hour': `weekday, ${hour}` }[by];
    const day = table === 'sup_service_month_hours' ? 'NULL::text' : 'business_day';
    const weekday = table === 'sup_service_days' ? 'NULL::int' : 'weekday';
    const sql = `SELECT MIN(service_id) AS "serviceId", MIN(${day}) AS "businessDay", MIN(${weekday}) AS weekday, MIN(${hour}) AS hour,
      SUM(issued) AS issued, SUM(cancelled) AS cancelled, SUM(appointments) AS appointments, SUM(served) AS served
      FROM ${table} WHERE ${w.sql} GROUP BY ${group}`;
    return (await db.query<SlotSum>(sql, w.args)).rows;
  }

  /** each window's running state (status since when, busy since when) */
  async runningWindows(
    db: Queryable,
    hallId: string,
  ): Promise<{ windowId: string; staffId: string; status: string; since: string; busySince: string | null }[]> {
    const { rows } = await db.query<{ windowId: string; staffId: string; status: string; since: string; busySince: string | null }>(
      `SELECT window_id AS "windowId", staff_id AS "staffId", status, since, busy_since AS "busySince" FROM sup_window_state WHERE hall_id = $1`,
      [hallId],
    );
    return rows;
  }

  /** appointments whose slot fell in the range and that were forfeited (the table is always there on PostgreSQL) */
  async appointmentsMissed(db: Queryable, hallId: string, fromIso: string, toIso: string): Promise<number | null> {
    const { rows } = await db.query<{ n: number }>(
      "SELECT COUNT(*)::int AS n FROM appointments WHERE hall_id = $1 AND status = 'no_show' AND slot_start >= $2 AND slot_start < $3",
      [hallId, fromIso, toIso],
    );
    return rows[0]!.n;
  }
}
