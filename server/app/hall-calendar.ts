import type { Hall } from '../domain/model.js';
import { localTime } from '../domain/local-time.js';
import { openStateAt, type OpenState } from '../domain/opening-hours.js';
import { addDays, defaultDaysOff, type HallCalendar } from '../domain/working-calendar.js';
import type { AppContext } from './context.js';

/** How far ahead the next opening is looked for: longer than any Chinese holiday run. */
const LOOK_AHEAD_DAYS = 60;

/** A hall's working calendar for local dates [fromDate, toDate], from the store. */
export async function hallCalendar(ctx: AppContext, hall: Hall, fromDate: string, toDate: string): Promise<HallCalendar> {
  const dates = await ctx.store.calendar?.dates(hall.id, fromDate, toDate);
  if (!dates) return { hours: hall.hours, days: [], extended: [], weeklyDaysOff: [] };
  return { hours: hall.hours, days: dates.days, extended: dates.extended, weeklyDaysOff: dates.weeklyDaysOff ?? defaultDaysOff(hall.hours) };
}

/**
 * Asked for every ticket issued: kept per hall for the minute (opening times are whole minutes),
 * while the hall (a new object when its config changes) and its calendar dates are the same.
 */
const openStates = new WeakMap<Hall, { minute: number; from: string; to: string; dates: unknown; state: OpenState }>();

/** Whether walk-in tickets may be issued now, by the hall's calendar; why not and until when. */
export async function hallOpenState(ctx: AppContext, hall: Hall, now: Date): Promise<OpenState> {
  const minute = Math.floor(now.getTime() / 60_000);
  const hit = openStates.get(hall);
  if (hit && hit.minute === minute && (await ctx.store.calendar?.dates(hall.id, hit.from, hit.to)) === hit.dates) return hit.state;
  const from = localTime(now, hall.timezone).date;
  const to = addDays(from, LOOK_AHEAD_DAYS);
  const cal = await hallCalendar(ctx, hall, from, to);
  const state = openStateAt(hall.hours, hall.timezone, now, cal);
  openStates.set(hall, { minute, from, to, dates: await ctx.store.calendar?.dates(hall.id, from, to), state });
  return state;
}
