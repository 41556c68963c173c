import type { Db } from '../database.js';

export interface ReportFilter {
  hallId: string;
  /** local business days, inclusive */
  fromDay: string;
  toDay: string;
  serviceIds?: readonly string[];
  windowId?: string;
  staffId?: string;
}

export interface VisitCounts {
  windowId: string;
  staffId: string;
  serviceId: string;
  called: number;
  served: number;
  noShow: number;
  transferred: number;
  waits: number;
  waitSum: number;
  over1: number;
  over2: number;
  over3: number;
  e1: number; e2: number; e3: number; e4: number; e5: number;
}

export interface HistRow { windowId: string; staffId: string; serviceId: string; value: number; n: number }
export interface SlotRow { serviceId: string; businessDay: string; slot: number; weekday: number; issued: number; cancelled: number; appointments: number }
export interface TimeRow { windowId: string; staffId: string; openS: number; pausedS: number; busyS: number }
export interface SlotCountRow { businessDay: string; slot: number; n: number }

function where(f: ReportFilter, table = 'sup_visits'): { sql: string; args: unknown[] } {
  const parts = [`${table}.hall_id = ?`, `${table}.business_day BETWEEN ? AND ?`];
  const args: unknown[] = [f.hallId, f.fromDay, f.toDay];
  if (f.serviceIds) {
    parts.push(`${table}.service_id IN (${f.serviceIds.map(() => '?').join(',') || "''"})`);
    args.push(...f.serviceIds);
  }
  if (f.windowId && table !== 'sup_service_slots') { parts.push(`${table}.window_id = ?`); args.push(f.windowId); }
  if (f.staffId && table !== 'sup_service_slots') { parts.push(`${table}.staff_id = ?`); args.push(f.staffId); }
  return { sql: parts.join(' AND '), args };
}

/** Read side of the report aggregates: grouped sums and histograms, never raw events. */
export class SupervisionReportRepository {
  constructor(private readonly db: Db) {}

  visitCounts(f: ReportFilter, marksTenths: readonly [number, number, number]): VisitCounts[] {
    const w = where(f);
    return this.db.prepare(`SELECT window_id AS windowId, staff_id AS staffId, service_id AS serviceId, COUNT(*) AS called,
      SUM(outcome = 'done') AS served, SUM(outcome = 'no_show') AS noShow, SUM(outcome = 'transferred') AS transferred,
      SUM(first_call = 1 AND wait_t IS NOT NULL) AS waits, COALESCE(SUM(CASE WHEN first_call = 1 THEN wait_t END), 0) AS waitSum,
      SUM(first_call = 1 AND wait_t > ?) AS over1, SUM(first_call = 1 AND wait_t > ?) AS over2, SUM(first_call = 1 AND wait_t > ?) AS over3,
      SUM(eval_level = 1) AS e1, SUM(eval_level = 2) AS e2, SUM(eval_level = 3) AS e3, SUM(eval_level = 4) AS e4, SUM(eval_level = 5) AS e5
      FROM sup_visits WHERE ${w.sql} GROUP BY window_id, staff_id, service_id`).all(...marksTenths, ...w.args) as VisitCounts[];
  }

  /** [value, count] per window, staff and service of one duration column */
  histogram(f: ReportFilter, metric: 'wait' | 'walk' | 'service'): HistRow[] {
    const w = where(f);
    const col = `${metric}_t`;
    const extra = metric === 'wait' ? ' AND first_call = 1' : '';
    return this.db.prepare(`SELECT window_id AS windowId, staff_id AS staffId, service_id AS serviceId, ${col} AS value, COUNT(*) AS n
      FROM sup_visits WHERE ${w.sql} AND ${col} IS NOT NULL${extra} GROUP BY window_id, staff_id, service_id, ${col}`).all(...w.args) as HistRow[];
  }

  slots(f: ReportFilter): SlotRow[] {
    const w = where(f, 'sup_service_slots');
    return this.db.prepare(`SELECT service_id AS serviceId, business_day AS businessDay, slot, weekday, issued, cancelled, appointments
      FROM sup_service_slots WHERE ${w.sql}`).all(...w.args) as SlotRow[];
  }

  /** first calls per day and half-hour slot (waiting curve) */
  firstCallSlots(f: ReportFilter): SlotCountRow[] {
    const w = where(f);
    return this.db.prepare(`SELECT business_day AS businessDay, call_slot AS slot, COUNT(*) AS n FROM sup_visits
      WHERE ${w.sql} AND first_call = 1 GROUP BY business_day, call_slot`).all(...w.args) as SlotCountRow[];
  }

  servedSlots(f: ReportFilter): SlotCountRow[] {
    const w = where(f);
    return this.db.prepare(`SELECT business_day AS businessDay, finish_slot AS slot, COUNT(*) AS n FROM sup_visits
      WHERE ${w.sql} AND outcome = 'done' GROUP BY business_day, finish_slot`).all(...w.args) as SlotCountRow[];
  }

  windowTime(f: ReportFilter): TimeRow[] {
    const parts = ['hall_id = ?', 'business_day BETWEEN ? AND ?'];
    const args: unknown[] = [f.hallId, f.fromDay, f.toDay];
    if (f.windowId) { parts.push('window_id = ?'); args.push(f.windowId); }
    if (f.staffId) { parts.push('staff_id = ?'); args.push(f.staffId); }
    return this.db.prepare(`SELECT window_id AS windowId, staff_id AS staffId, SUM(open_s) AS openS, SUM(paused_s) AS pausedS, SUM(busy_s) AS busyS
      FROM sup_window_time WHERE ${parts.join(' AND ')} GROUP BY window_id, staff_id`).all(...args) as TimeRow[];
  }

  /** each window's running state (status since when, busy since when) */
  runningWindows(hallId: string): { windowId: string; staffId: string; status: string; since: string; busySince: string | null }[] {
    return this.db.prepare(`SELECT window_id AS windowId, staff_id AS staffId, status, since, busy_since AS busySince FROM sup_window_state
      WHERE hall_id = ?`).all(hallId) as { windowId: string; staffId: string; status: string; since: string; busySince: string | null }[];
  }

  /** appointments whose slot fell in the range and that were forfeited, when the appointments feature's table exists */
  appointmentsMissed(hallId: string, fromIso: string, toIso: string): number | null {
    const cols = this.db.prepare("SELECT name FROM pragma_table_info('appointments')").pluck().all() as string[];
    if (!cols.includes('status') || !cols.includes('slot_start') || !cols.includes('hall_id')) return null;
    return this.db.prepare("SELECT COUNT(*) FROM appointments WHERE hall_id = ? AND status = 'no_show' AND slot_start >= ? AND slot_start < ?").pluck().get(hallId, fromIso, toIso) as number;
  }
}
