import { hallCalendar, hallOpenState } from '../app/hall-calendar.js';
import { localTime } from '../domain/local-time.js';
import type { OpenState } from '../domain/opening-hours.js';
import { addDays, dayView, isRealDate, type CalendarDayView, type ExtendedPeriod } from '../domain/working-calendar.js';
import { hallOf, invalid, type AppointmentDeps } from './deps.js';

export interface CalendarDto {
  hallId: string;
  timezone: string;
  /** walk-in issuing now: open, or why not and the next opening */
  now: OpenState;
  days: CalendarDayView[];
  extendedPeriods: ExtendedPeriod[];
  weeklyDaysOff: readonly number[];
}

// a whole year (the console's year calendar), leap years included
const MAX_DAYS = 365;

/** The hall's hours day by day over [from, to] (default: today and the next 13 days). */
export async function calendarView(deps: AppointmentDeps, hallId: string, from?: string, to?: string): Promise<CalendarDto> {
  const hall = await hallOf(deps, hallId);
  const now = deps.ctx.clock.now();
  const start = from ?? localTime(now, hall.timezone).date;
  const end = to ?? addDays(start, 13);
  if (!isRealDate(start)) throw invalid('from', 'must be a date YYYY-MM-DD');
  if (!isRealDate(end)) throw invalid('to', 'must be a date YYYY-MM-DD');
  if (end < start || end > addDays(start, MAX_DAYS)) throw invalid('to', `must be on or after from and at most ${MAX_DAYS} days later`);
  const cal = await hallCalendar(deps.ctx, hall, start, end);
  const days: CalendarDayView[] = [];
  for (let d = start; d <= end; d = addDays(d, 1)) days.push(dayView(cal, d));
  return {
    hallId: hall.id,
    timezone: hall.timezone,
    now: await hallOpenState(deps.ctx, hall, now),
    days,
    extendedPeriods: [...cal.extended],
    weeklyDaysOff: cal.weeklyDaysOff,
  };
}
