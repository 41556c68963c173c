import type { CalendarDay, ExtendedPeriod } from '../../domain/working-calendar.js';
import { PgConfigCopy, type Loaded, type Version } from './config-copy.js';
import type { Queryable } from './hall-transaction.js';

type CalendarDates = { days: CalendarDay[]; extended: ExtendedPeriod[]; weeklyDaysOff: number[] | null };

/**
 * The working calendar's dates per hall on PostgreSQL: holidays, 调休, weekly days off, extended
 * periods. Read for every ticket issued (is the hall open?): kept in the node's copy of the
 * configuration at the `calendar` version (config-copy.ts).
 */
export class PgCalendarRepository {
  constructor(private readonly copy: PgConfigCopy = new PgConfigCopy()) {}

  /** CalendarRepository.dates: one round trip for the three parts and their version */
  dates(db: Queryable, hallId: string, fromDate: string, toDate: string): Promise<CalendarDates> {
    return this.copy.read(db, `calendar:${hallId}|${fromDate}|${toDate}`, ['calendar'], () => this.load(db, hallId, fromDate, toDate));
  }

  private async load(db: Queryable, hallId: string, fromDate: string, toDate: string): Promise<Loaded<CalendarDates>> {
    const { rows } = await db.query<{ days: CalendarDay[]; extended: ExtendedPeriod[]; weekly: number[] | null; v: Version }>(
      `SELECT (SELECT v FROM cache_versions WHERE name = 'calendar') AS v,
        COALESCE((SELECT json_agg(json_build_object('date', date, 'kind', kind, 'name', name) ORDER BY date)
          FROM calendar_days WHERE hall_id = $1 AND date BETWEEN $2 AND $3), '[]') AS days,
        COALESCE((SELECT json_agg(json_build_object('id', id, 'on', on_day, 'from', from_time, 'to', to_time, 'note', note) ORDER BY on_day, from_time)
          FROM calendar_extended_periods WHERE hall_id = $1 AND (on_day = 'workdays' OR on_day BETWEEN $2 AND $3)), '[]') AS extended,
        (SELECT days_off_json FROM calendar_weekly WHERE hall_id = $1) AS weekly`,
      [hallId, fromDate, toDate],
    );
    const r = rows[0]!;
    return { value: { days: r.days, extended: r.extended, weeklyDaysOff: r.weekly }, names: ['calendar'], versions: [r.v] };
  }

  async putDay(db: Queryable, hallId: string, day: CalendarDay): Promise<void> {
    await db.query(
      `INSERT INTO calendar_days (hall_id, date, kind, name) VALUES ($1, $2, $3, $4)
      ON CONFLICT (hall_id, date) DO UPDATE SET kind = excluded.kind, name = excluded.name`,
      [hallId, day.date, day.kind, day.name],
    );
  }

  async deleteDay(db: Queryable, hallId: string, date: string): Promise<boolean> {
    return ((await db.query('DELETE FROM calendar_days WHERE hall_id = $1 AND date = $2', [hallId, date])).rowCount ?? 0) > 0;
  }

  /** removes a year's holidays and swapped days (before loading the year's official notice) */
  async deleteYear(db: Queryable, hallId: string, year: string): Promise<number> {
    return (await db.query(`DELETE FROM calendar_days WHERE hall_id = $1 AND date LIKE $2 || '-%'`, [hallId, year])).rowCount ?? 0;
  }

  async setWeeklyDaysOff(db: Queryable, hallId: string, daysOff: readonly number[]): Promise<void> {
    await db.query(
      `INSERT INTO calendar_weekly (hall_id, days_off_json) VALUES ($1, $2)
      ON CONFLICT (hall_id) DO UPDATE SET days_off_json = excluded.days_off_json`,
      [hallId, JSON.stringify([...daysOff].sort())],
    );
  }

  async addExtended(db: Queryable, hallId: string, p: ExtendedPeriod): Promise<void> {
    await db.query('INSERT INTO calendar_extended_periods (id, hall_id, on_day, from_time, to_time, note) VALUES ($1, $2, $3, $4, $5, $6)', [
      p.id,
      hallId,
      p.on,
      p.from,
      p.to,
      p.note,
    ]);
  }

  async deleteExtended(db: Queryable, hallId: string, id: string): Promise<boolean> {
    return ((await db.query('DELETE FROM calendar_extended_periods WHERE hall_id = $1 AND id = $2', [hallId, id])).rowCount ?? 0) > 0;
  }
}
