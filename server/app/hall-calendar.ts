import type { Hall } from '../domain/model.js';
import { localTime } from '../domain/local-time.js';
import { openStateAt, type OpenState } from '../domain/opening-hours.js';
import { addDays, defaultDaysOff, type HallCalendar } from '../domain/working-calendar.js';
import type { AppContext } from './context.js';

/** How far ahead the next opening is looked for: longer than any Chinese holiday run. */
const LOOK_AHEAD_DAYS = 60;

type CalendarDates = Awaited<ReturnType<NonNullable<AppContext['store']['calendar']>['dates']>> | undefined;

function calendarOf(hall: Hall, dates: CalendarDates): HallCalendar {
  if (!dates) return { hours: hall.hours, days: [], extended: [], weeklyDaysOff: [] };
  return { hours: hall.hours, days: dates.days, extended: dates.extended, weeklyDaysOff: dates.weeklyDaysOff ?? defaultDaysOff(hall.hours) };
}

/** A hall's working calendar for local dates [fromDate, toDate], from the store. */
export async function hallCalendar(ctx: AppContext, hall: Hall, fromDate: string, toDate: string): Promise<HallCalendar> {
  return calendarOf(hall, await ctx.store.calendar?.dates(hall.id, fromDate, toDate));
}

interface KnownOpenState {
  hall: Hall;
  minute: number;
  from: string;
  to: string;
  dates: CalendarDates;
  datesJson?: string;
  state: OpenState;
}

/**
 * Asked for every ticket issued: kept per hall for the minute (opening times are whole minutes),
 * while the hall's hours and its calendar dates are the same. Compared by value when they are
 * new objects: SQLite's repositories hand out the same objects until the config changes, the
 * PostgreSQL ones read new ones each time.
 */
const openStates = new Map<string, KnownOpenState>();

const sameHours = (a: Hall, b: Hall) => a === b || (a.timezone === b.timezone && JSON.stringify(a.hours) === JSON.stringify(b.hours));

function sameDates(known: KnownOpenState, dates: CalendarDates): boolean {
  if (dates === known.dates) return true;
  known.datesJson ??= JSON.stringify(known.dates);
  return JSON.stringify(dates) === known.datesJson;
}

/** Whether walk-in tickets may be issued now, by the hall's calendar; why not and until when. One read of the calendar. */
export async function hallOpenState(ctx: AppContext, hall: Hall, now: Date): Promise<OpenState> {
  const minute = Math.floor(now.getTime() / 60_000);
  const hit = openStates.get(hall.id);
  const current = hit && hit.minute === minute && sameHours(hit.hall, hall) ? hit : undefined;
  const from = current?.from ?? localTime(now, hall.timezone).date;
  const to = current?.to ?? addDays(from, LOOK_AHEAD_DAYS);
  const dates = await ctx.store.calendar?.dates(hall.id, from, to);
  if (current && sameDates(current, dates)) return current.state;
  const state = openStateAt(hall.hours, hall.timezone, now, calendarOf(hall, dates));
  openStates.set(hall.id, { hall, minute, from, to, dates, state });
  return state;
}
