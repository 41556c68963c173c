import type { CalendarRepository } from '../../server/app/ports.js';
import type { Sync } from '../sync-ports.js';
import type { CalendarDay, ExtendedPeriod } from '../../server/domain/working-calendar.js';
import type { Db } from '../database.js';
import { CacheVersions, VersionedCache } from './cache-versions.js';

interface ExtendedRow {
  id: string;
  on_day: string;
  from_time: string;
  to_time: string;
  note: string;
}

/** The working calendar's dates per hall: holidays, 调休, weekly days off, extended periods. */
export class SqliteCalendarRepository implements Sync<CalendarRepository> {
  private readonly s;
  /** read for every ticket issued (is the hall open?): kept while no calendar row changes */
  private readonly cachedDates;

  constructor(db: Db) {
    this.cachedDates = new VersionedCache<ReturnType<SqliteCalendarRepository['loadDates']>>(new CacheVersions(db), () => 'calendar', 200);
    this.s = {
      days: db.prepare('SELECT date, kind, name FROM calendar_days WHERE hall_id = ? AND date BETWEEN ? AND ? ORDER BY date'),
      extended: db.prepare(`SELECT id, on_day, from_time, to_time, note FROM calendar_extended_periods
        WHERE hall_id = ? AND (on_day = 'workdays' OR on_day BETWEEN ? AND ?) ORDER BY on_day, from_time`),
      weekly: db.prepare('SELECT days_off_json FROM calendar_weekly WHERE hall_id = ?'),
      putDay: db.prepare(`INSERT INTO calendar_days (hall_id, date, kind, name) VALUES (?, ?, ?, ?)
        ON CONFLICT (hall_id, date) DO UPDATE SET kind = excluded.kind, name = excluded.name`),
      deleteDay: db.prepare('DELETE FROM calendar_days WHERE hall_id = ? AND date = ?'),
      deleteYear: db.prepare(`DELETE FROM calendar_days WHERE hall_id = ? AND date LIKE ? || '-%'`),
      putWeekly: db.prepare(`INSERT INTO calendar_weekly (hall_id, days_off_json) VALUES (?, ?)
        ON CONFLICT (hall_id) DO UPDATE SET days_off_json = excluded.days_off_json`),
      addExtended: db.prepare('INSERT INTO calendar_extended_periods (id, hall_id, on_day, from_time, to_time, note) VALUES (?, ?, ?, ?, ?, ?)'),
      deleteExtended: db.prepare('DELETE FROM calendar_extended_periods WHERE hall_id = ? AND id = ?'),
    };
  }

  dates(hallId: string, fromDate: string, toDate: string) {
    return this.cachedDates.get(`${hallId}|${fromDate}|${toDate}`, () => this.loadDates(hallId, fromDate, toDate));
  }

  private loadDates(hallId: string, fromDate: string, toDate: string) {
    const days = this.s.days.all(hallId, fromDate, toDate) as CalendarDay[];
    const extended = (this.s.extended.all(hallId, fromDate, toDate) as ExtendedRow[]).map((r): ExtendedPeriod => ({
      id: r.id,
      on: r.on_day,
      from: r.from_time,
      to: r.to_time,
      note: r.note,
    }));
    const weekly = this.s.weekly.get(hallId) as { days_off_json: string } | undefined;
    return { days, extended, weeklyDaysOff: weekly ? (JSON.parse(weekly.days_off_json) as number[]) : null };
  }

  putDay(hallId: string, day: CalendarDay): void {
    this.s.putDay.run(hallId, day.date, day.kind, day.name);
  }

  deleteDay(hallId: string, date: string): boolean {
    return this.s.deleteDay.run(hallId, date).changes > 0;
  }

  /** removes a year's holidays and swapped days (before loading the year's official notice) */
  deleteYear(hallId: string, year: string): number {
    return this.s.deleteYear.run(hallId, year).changes;
  }

  setWeeklyDaysOff(hallId: string, daysOff: readonly number[]): void {
    this.s.putWeekly.run(hallId, JSON.stringify([...daysOff].sort()));
  }

  addExtended(hallId: string, p: ExtendedPeriod): void {
    this.s.addExtended.run(p.id, hallId, p.on, p.from, p.to, p.note);
  }

  deleteExtended(hallId: string, id: string): boolean {
    return this.s.deleteExtended.run(hallId, id).changes > 0;
  }
}
