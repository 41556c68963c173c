import { addSample } from '../../server/domain/histogram.js';
import type { Db } from '../database.js';
import type { Statement } from 'better-sqlite3';
import type { DaySamples, NewVisit, ServiceSlotAdd, SupervisionAggregatePort, WindowTimeAdd } from '../../server/supervision/ports.js';

export interface WindowRunState {
  windowId: string;
  hallId: string;
  status: string;
  since: string;
  staffId: string;
  busySince: string | null;
  freeSince: string | null;
}

export interface OpenVisit {
  ticketId: string;
  visitNo: number;
  day: string;
  calledAt: string;
  startedAt: string | null;
  windowId: string;
  staffId: string;
  serviceId: string;
}

/** The row a visit's figures add to: its hall, call day, window, staff and service. */
export interface DayKey {
  hallId: string;
  day: string;
  windowId: string;
  staffId: string;
  serviceId: string;
}
export type DayCounter = 'called' | 'served' | 'no_show' | 'transferred' | 'e1' | 'e2' | 'e3' | 'e4' | 'e5';
export type DayMetric = 'wait' | 'walk' | 'service';
const SLOT_SUMS = `issued = issued + excluded.issued, cancelled = cancelled + excluded.cancelled,
  appointments = appointments + excluded.appointments, first_called = first_called + excluded.first_called, served = served + excluded.served`;
const COUNTERS: DayCounter[] = ['called', 'served', 'no_show', 'transferred', 'e1', 'e2', 'e3', 'e4', 'e5'];

interface StateRow {
  window_id: string;
  hall_id: string;
  status: string;
  since: string;
  staff_id: string;
  busy_since: string | null;
  free_since: string | null;
}

/** Writes of the report aggregates (sup_* tables); the supervision aggregator decides what to write. */
export class SupervisionAggregateRepository implements SupervisionAggregatePort {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      progress: db.prepare('SELECT last_seq FROM sup_progress WHERE name = ?').pluck(),
      setProgress: db.prepare('INSERT INTO sup_progress (name, last_seq) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET last_seq = excluded.last_seq'),
      slot: db.prepare(`INSERT INTO sup_service_slots (hall_id, business_day, service_id, slot, weekday, issued, cancelled, appointments, first_called, served)
        VALUES (@hallId, @day, @serviceId, @slot, @weekday, @issued, @cancelled, @appointments, @firstCalled, @served)
        ON CONFLICT(hall_id, business_day, service_id, slot) DO UPDATE SET issued = issued + excluded.issued,
        cancelled = cancelled + excluded.cancelled, appointments = appointments + excluded.appointments,
        first_called = first_called + excluded.first_called, served = served + excluded.served`),
      serviceDay: db.prepare(`INSERT INTO sup_service_days (hall_id, business_day, service_id, issued, cancelled, appointments, first_called, served)
        VALUES (@hallId, @day, @serviceId, @issued, @cancelled, @appointments, @firstCalled, @served)
        ON CONFLICT(hall_id, business_day, service_id) DO UPDATE SET ${SLOT_SUMS}`),
      monthHour:
        db.prepare(`INSERT INTO sup_service_month_hours (hall_id, month, service_id, weekday, hour, issued, cancelled, appointments, first_called, served)
        VALUES (@hallId, @month, @serviceId, @weekday, @hour, @issued, @cancelled, @appointments, @firstCalled, @served)
        ON CONFLICT(hall_id, month, service_id, weekday, hour) DO UPDATE SET ${SLOT_SUMS}`),
      day: statsStatements(db, 'sup_day_stats', 'business_day'),
      month: statsStatements(db, 'sup_month_stats', 'month'),
      lastVisit: db.prepare(
        'SELECT ticket_id AS ticketId, visit_no AS visitNo, business_day AS day, called_at AS calledAt, started_at AS startedAt, window_id AS windowId, staff_id AS staffId, service_id AS serviceId FROM sup_visits WHERE ticket_id = ? ORDER BY visit_no DESC LIMIT 1',
      ),
      insertVisit:
        db.prepare(`INSERT OR IGNORE INTO sup_visits (ticket_id, visit_no, hall_id, business_day, service_id, window_id, staff_id, called_at, call_slot, first_call, wait_t)
        VALUES (@ticketId, @visitNo, @hallId, @day, @serviceId, @windowId, @staffId, @calledAt, @slot, @firstCall, @waitT)`),
      startVisit: db.prepare("UPDATE sup_visits SET started_at = ?, walk_t = ?, outcome = 'serving' WHERE ticket_id = ? AND visit_no = ?"),
      endVisit: db.prepare('UPDATE sup_visits SET finished_at = ?, finish_slot = ?, service_t = ?, outcome = ? WHERE ticket_id = ? AND visit_no = ?'),
      rateVisit: db.prepare('UPDATE sup_visits SET eval_level = ? WHERE ticket_id = ? AND visit_no = ?'),
      windowState: db.prepare('SELECT * FROM sup_window_state WHERE window_id = ?'),
      windowStates: db.prepare('SELECT * FROM sup_window_state WHERE hall_id = ?'),
      saveWindowState: db.prepare(`INSERT INTO sup_window_state (window_id, hall_id, status, since, staff_id, busy_since, free_since)
        VALUES (@windowId, @hallId, @status, @since, @staffId, @busySince, @freeSince)
        ON CONFLICT(window_id) DO UPDATE SET status = excluded.status, since = excluded.since, staff_id = excluded.staff_id,
        busy_since = excluded.busy_since, free_since = excluded.free_since`),
      addTime: db.prepare(`INSERT INTO sup_window_time (hall_id, business_day, window_id, staff_id, open_s, paused_s, busy_s)
        VALUES (@hallId, @day, @windowId, @staffId, @open, @paused, @busy)
        ON CONFLICT(hall_id, business_day, window_id, staff_id) DO UPDATE SET open_s = open_s + excluded.open_s,
        paused_s = paused_s + excluded.paused_s, busy_s = busy_s + excluded.busy_s`),
    };
  }

  progress(name: string): number {
    return (this.s.progress.get(name) as number | undefined) ?? 0;
  }

  setProgress(name: string, seq: number): void {
    this.s.setProgress.run(name, seq);
  }

  addServiceSlot(r: ServiceSlotAdd): void {
    const row = { issued: 0, cancelled: 0, appointments: 0, firstCalled: 0, served: 0, ...r, month: r.day.slice(0, 7), hour: r.slot >> 1 };
    // the slot and its sums per day and per month × weekday × hour, always together
    this.s.slot.run(row);
    this.s.serviceDay.run(row);
    this.s.monthHour.run(row);
  }

  /**
   * adds to a day row's counters and, when given, one duration sample (tenths of a minute);
   * the same to the row of its month, so that both always hold the same sums
   */
  bumpDay(key: DayKey, counters: Partial<Record<DayCounter, number>>, samples: DaySamples = {}): void {
    const row: Record<string, unknown> = { ...key, month: key.day.slice(0, 7) };
    const metrics = (Object.keys(samples) as DayMetric[]).filter((m) => (samples[m]?.length ?? 0) > 0);
    for (const [s, period] of [
      [this.s.day, key.day],
      [this.s.month, row.month],
    ] as const) {
      for (const c of COUNTERS) row[c] = counters[c] ?? 0;
      if (metrics.length === 0) {
        s.bump.none.run(row);
        continue;
      }
      for (const metric of metrics) {
        let hist = s.hist[metric].get(key.hallId, period, key.windowId, key.staffId, key.serviceId) as Uint8Array | null | undefined;
        for (const value of samples[metric]!) hist = addSample(hist, value);
        row.hist = Buffer.from(hist!.buffer, hist!.byteOffset, hist!.byteLength);
        s.bump[metric].run(row);
        for (const c of COUNTERS) row[c] = 0; // the counters go in once, with the first histogram
      }
    }
  }

  lastVisit(ticketId: string): OpenVisit | undefined {
    return this.s.lastVisit.get(ticketId) as OpenVisit | undefined;
  }

  lastVisits(ticketIds: readonly string[]): OpenVisit[] {
    return ticketIds.flatMap((id) => this.lastVisit(id) ?? []);
  }

  insertVisit(v: NewVisit): void {
    this.s.insertVisit.run(v);
  }

  startVisit(ticketId: string, visitNo: number, at: string, walkT: number): void {
    this.s.startVisit.run(at, walkT, ticketId, visitNo);
  }

  endVisit(ticketId: string, visitNo: number, at: string, slot: number, serviceT: number | null, outcome: 'done' | 'no_show' | 'transferred'): void {
    this.s.endVisit.run(at, slot, serviceT, outcome, ticketId, visitNo);
  }

  rateVisit(ticketId: string, visitNo: number, level: number): void {
    this.s.rateVisit.run(level, ticketId, visitNo);
  }

  windowState(windowId: string): WindowRunState | undefined {
    const r = this.s.windowState.get(windowId) as StateRow | undefined;
    return r && toState(r);
  }

  windowStates(hallId: string): WindowRunState[] {
    return (this.s.windowStates.all(hallId) as StateRow[]).map(toState);
  }

  saveWindowState(w: WindowRunState): void {
    this.s.saveWindowState.run(w);
  }

  addWindowTime(r: WindowTimeAdd): void {
    this.s.addTime.run(r);
  }
}

/** A stats table's statements (day rows keyed by business_day, month rows by month): read a histogram, add to a row. */
function statsStatements(db: Db, table: 'sup_day_stats' | 'sup_month_stats', period: 'business_day' | 'month') {
  const param = period === 'month' ? '@month' : '@day';
  const metrics = ['wait', 'walk', 'service'] as const;
  return {
    hist: Object.fromEntries(
      metrics.map((m) => [
        m,
        db.prepare(`SELECT ${m}_hist FROM ${table} WHERE hall_id = ? AND ${period} = ? AND window_id = ? AND staff_id = ? AND service_id = ?`).pluck(),
      ]),
    ) as Record<DayMetric, Statement>,
    bump: Object.fromEntries(
      [...metrics, 'none' as const].map((m) => [
        m,
        db.prepare(`INSERT INTO ${table}
        (hall_id, ${period}, window_id, staff_id, service_id, ${COUNTERS.join(', ')}${m === 'none' ? '' : `, ${m}_hist`})
        VALUES (@hallId, ${param}, @windowId, @staffId, @serviceId, ${COUNTERS.map((c) => `@${c}`).join(', ')}${m === 'none' ? '' : ', @hist'})
        ON CONFLICT(hall_id, ${period}, window_id, staff_id, service_id) DO UPDATE SET
        ${COUNTERS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}${m === 'none' ? '' : `, ${m}_hist = excluded.${m}_hist`}`),
      ]),
    ) as Record<DayMetric | 'none', Statement>,
  };
}

function toState(r: StateRow): WindowRunState {
  return { windowId: r.window_id, hallId: r.hall_id, status: r.status, since: r.since, staffId: r.staff_id, busySince: r.busy_since, freeSince: r.free_since };
}
