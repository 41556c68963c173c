import type { Hall } from '../domain/model.js';
import { localTime } from '../domain/local-time.js';
import { openStateAt, type OpenState } from '../domain/opening-hours.js';
import { addDays, defaultDaysOff, type HallCalendar } from '../domain/working-calendar.js';
import type { AppContext } from './context.js';

/** How far ahead the next opening is looked for: longer than any Chinese holiday run. */
const LOOK_AHEAD_DAYS = 60;

/** A hall's working calendar for local dates [fromDate, toDate], from the store. */
export function hallCalendar(ctx: AppContext, hall: Hall, fromDate: string, toDate: string): HallCalendar {
  const dates = ctx.store.calendar?.dates(hall.id, fromDate, toDate);
  if (!dates) return { hours: hall.hours, days: [], extended: [], weeklyDaysOff: [] };
  return { hours: hall.hours, days: dates.days, extended: dates.extended, weeklyDaysOff: dates.weeklyDaysOff ?? defaultDaysOff(hall.hours) };
}

/** Whether walk-in tickets may be issued now, by the hall's calendar; why not and until when. */
export function hallOpenState(ctx: AppContext, hall: Hall, now: Date): OpenState {
  const today = localTime(now, hall.timezone).date;
  const cal = hallCalendar(ctx, hall, today, addDays(today, LOOK_AHEAD_DAYS));
  return openStateAt(hall.hours, hall.timezone, now, cal);
}
