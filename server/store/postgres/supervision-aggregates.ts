import { addSample } from '../../domain/histogram.js';
import type { DayCounter, DayKey, DayMetric, DaySamples, NewVisit, OpenVisit, ServiceSlotAdd, WindowRunState, WindowTimeAdd } from '../../supervision/ports.js';
import type { Queryable } from './hall-transaction.js';

const COUNTERS: DayCounter[] = ['called', 'served', 'no_show', 'transferred', 'e1', 'e2', 'e3', 'e4', 'e5'];
const SLOT_COLUMNS = ['issued', 'cancelled', 'appointments', 'first_called', 'served'] as const;
const SLOT_SUMS = SLOT_COLUMNS.map((c) => `${c} = t.${c} + excluded.${c}`).join(', ');
const STATE_COLUMNS = `window_id AS "windowId", hall_id AS "hallId", status, since, staff_id AS "staffId", busy_since AS "busySince", free_since AS "freeSince"`;

/** a stats table's upsert: counters added, the histograms given replaced by their new packing */
function bumpSql(table: 'sup_day_stats' | 'sup_month_stats', period: 'business_day' | 'month', metrics: readonly DayMetric[]): string {
  const hists = metrics.map((m) => `, ${m}_hist`).join('');
  const values = [...COUNTERS, ...metrics].map((_, i) => `$${i + 6}`).join(', ');
  return `INSERT INTO ${table} AS t (hall_id, ${period}, window_id, staff_id, service_id, ${COUNTERS.join(', ')}${hists})
    VALUES ($1, $2, $3, $4, $5, ${values})
    ON CONFLICT (hall_id, ${period}, window_id, staff_id, service_id) DO UPDATE SET
    ${COUNTERS.map((c) => `${c} = t.${c} + excluded.${c}`).join(', ')}${metrics.map((m) => `, ${m}_hist = excluded.${m}_hist`).join('')}`;
}

/**
 * The report aggregates (sup_* tables) on PostgreSQL: what db/repositories/supervision-aggregates.ts
 * writes on SQLite, the same rows. Called on the hall's write transaction by the aggregator.
 */
export class PgSupervisionAggregateRepository {
  async progress(db: Queryable, name: string): Promise<number> {
    const { rows } = await db.query<{ last_seq: number }>('SELECT last_seq FROM sup_progress WHERE name = $1', [name]);
    return rows[0]?.last_seq ?? 0;
  }

  async setProgress(db: Queryable, name: string, seq: number): Promise<void> {
    await db.query('INSERT INTO sup_progress (name, last_seq) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET last_seq = excluded.last_seq', [name, seq]);
  }

  async addServiceSlot(db: Queryable, r: ServiceSlotAdd): Promise<void> {
    const n = [r.issued ?? 0, r.cancelled ?? 0, r.appointments ?? 0, r.firstCalled ?? 0, r.served ?? 0];
    // the slot and its sums per day and per month × weekday × hour, always together (one statement)
    await db.query(
      `WITH slot AS (
        INSERT INTO sup_service_slots AS t (hall_id, business_day, service_id, slot, weekday, ${SLOT_COLUMNS.join(', ')})
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
        ON CONFLICT (hall_id, business_day, service_id, slot) DO UPDATE SET ${SLOT_SUMS}),
      day AS (
        INSERT INTO sup_service_days AS t (hall_id, business_day, service_id, ${SLOT_COLUMNS.join(', ')})
        VALUES ($1, $2, $3, $6, $7, $8, $9, $10)
        ON CONFLICT (hall_id, business_day, service_id) DO UPDATE SET ${SLOT_SUMS})
      INSERT INTO sup_service_month_hours AS t (hall_id, month, service_id, weekday, hour, ${SLOT_COLUMNS.join(', ')})
      VALUES ($1, $11, $3, $5, $12, $6, $7, $8, $9, $10)
      ON CONFLICT (hall_id, month, service_id, weekday, hour) DO UPDATE SET ${SLOT_SUMS}`,
      [r.hallId, r.day, r.serviceId, r.slot, r.weekday, ...n, r.day.slice(0, 7), r.slot >> 1],
    );
  }

  async bumpDay(db: Queryable, key: DayKey, counters: Partial<Record<DayCounter, number>>, samples: DaySamples = {}): Promise<void> {
    const counts = COUNTERS.map((c) => counters[c] ?? 0);
    const metrics = (Object.keys(samples) as DayMetric[]).filter((m) => (samples[m]?.length ?? 0) > 0);
    for (const [table, period, value] of [
      ['sup_day_stats', 'business_day', key.day],
      ['sup_month_stats', 'month', key.day.slice(0, 7)],
    ] as const) {
      const id = [key.hallId, value, key.windowId, key.staffId, key.serviceId];
      if (metrics.length === 0) {
        await db.query(bumpSql(table, period, []), [...id, ...counts]);
        continue;
      }
      const { rows } = await db.query<Record<string, Buffer | null>>(
        `SELECT ${metrics.map((m) => `${m}_hist`).join(', ')} FROM ${table} WHERE hall_id = $1 AND ${period} = $2 AND window_id = $3 AND staff_id = $4 AND service_id = $5`,
        id,
      );
      const hists = metrics.map((m) => {
        let hist: Uint8Array | null = rows[0]?.[`${m}_hist`] ?? null;
        for (const v of samples[m]!) hist = addSample(hist, v);
        return Buffer.from(hist!.buffer, hist!.byteOffset, hist!.byteLength);
      });
      await db.query(bumpSql(table, period, metrics), [...id, ...counts, ...hists]);
    }
  }

  async lastVisit(db: Queryable, ticketId: string): Promise<OpenVisit | undefined> {
    const { rows } = await db.query<OpenVisit>(
      `SELECT ticket_id AS "ticketId", visit_no AS "visitNo", business_day AS day, called_at AS "calledAt", started_at AS "startedAt",
      window_id AS "windowId", staff_id AS "staffId", service_id AS "serviceId" FROM sup_visits WHERE ticket_id = $1 ORDER BY visit_no DESC LIMIT 1`,
      [ticketId],
    );
    return rows[0];
  }

  async lastVisits(db: Queryable, ticketIds: readonly string[]): Promise<OpenVisit[]> {
    if (ticketIds.length === 0) return [];
    const { rows } = await db.query<OpenVisit>(
      `SELECT DISTINCT ON (ticket_id) ticket_id AS "ticketId", visit_no AS "visitNo", business_day AS day, called_at AS "calledAt",
      started_at AS "startedAt", window_id AS "windowId", staff_id AS "staffId", service_id AS "serviceId"
      FROM sup_visits WHERE ticket_id = ANY($1::text[]) ORDER BY ticket_id, visit_no DESC`,
      [ticketIds],
    );
    return rows;
  }

  async insertVisit(db: Queryable, v: NewVisit): Promise<void> {
    await db.query(
      `INSERT INTO sup_visits (ticket_id, visit_no, hall_id, business_day, service_id, window_id, staff_id, called_at, call_slot, first_call, wait_t)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING`,
      [v.ticketId, v.visitNo, v.hallId, v.day, v.serviceId, v.windowId, v.staffId, v.calledAt, v.slot, v.firstCall !== 0, v.waitT],
    );
  }

  async startVisit(db: Queryable, ticketId: string, visitNo: number, at: string, walkT: number): Promise<void> {
    await db.query("UPDATE sup_visits SET started_at = $1, walk_t = $2, outcome = 'serving' WHERE ticket_id = $3 AND visit_no = $4", [
      at,
      walkT,
      ticketId,
      visitNo,
    ]);
  }

  async endVisit(
    db: Queryable,
    ticketId: string,
    visitNo: number,
    at: string,
    slot: number,
    serviceT: number | null,
    outcome: 'done' | 'no_show' | 'transferred',
  ): Promise<void> {
    await db.query('UPDATE sup_visits SET finished_at = $1, finish_slot = $2, service_t = $3, outcome = $4 WHERE ticket_id = $5 AND visit_no = $6', [
      at,
      slot,
      serviceT,
      outcome,
      ticketId,
      visitNo,
    ]);
  }

  async rateVisit(db: Queryable, ticketId: string, visitNo: number, level: number): Promise<void> {
    await db.query('UPDATE sup_visits SET eval_level = $1 WHERE ticket_id = $2 AND visit_no = $3', [level, ticketId, visitNo]);
  }

  async windowState(db: Queryable, windowId: string): Promise<WindowRunState | undefined> {
    const { rows } = await db.query<WindowRunState>(`SELECT ${STATE_COLUMNS} FROM sup_window_state WHERE window_id = $1`, [windowId]);
    return rows[0];
  }

  async windowStates(db: Queryable, hallId: string): Promise<WindowRunState[]> {
    const { rows } = await db.query<WindowRunState>(`SELECT ${STATE_COLUMNS} FROM sup_window_state WHERE hall_id = $1`, [hallId]);
    return rows;
  }

  async saveWindowState(db: Queryable, w: WindowRunState): Promise<void> {
    await db.query(
      `INSERT INTO sup_window_state (window_id, hall_id, status, since, staff_id, busy_since, free_since) VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (window_id) DO UPDATE SET status = excluded.status, since = excluded.since, staff_id = excluded.staff_id,
      busy_since = excluded.busy_since, free_since = excluded.free_since`,
      [w.windowId, w.hallId, w.status, w.since, w.staffId, w.busySince, w.freeSince],
    );
  }

  async addWindowTime(db: Queryable, r: WindowTimeAdd): Promise<void> {
    await db.query(
      `INSERT INTO sup_window_time AS t (hall_id, business_day, window_id, staff_id, open_s, paused_s, busy_s) VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (hall_id, business_day, window_id, staff_id) DO UPDATE SET open_s = t.open_s + excluded.open_s,
      paused_s = t.paused_s + excluded.paused_s, busy_s = t.busy_s + excluded.busy_s`,
      [r.hallId, r.day, r.windowId, r.staffId, r.open, r.paused, r.busy],
    );
  }
}
