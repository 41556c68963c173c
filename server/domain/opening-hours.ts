import { calendarOpenState, type CalendarDay, type ExtendedPeriod, type HallHours } from './working-calendar.js';

export { sessionsFor } from './working-calendar.js';
export type { HallHours, SeasonHours, Session } from './working-calendar.js';

export interface OpenState {
  open: boolean;
  /** zh-CN reason shown to visitors when closed */
  reason?: string;
  /** inside an extended period (延时 · 错时服务): appointments only */
  appointmentsOnly?: boolean;
  /** ISO instant of the next walk-in opening, when closed */
  nextOpening?: string;
}

/** The dated part of a hall's working calendar (see working-calendar.ts). */
export interface CalendarDates {
  days: readonly CalendarDay[];
  extended: readonly ExtendedPeriod[];
  weeklyDaysOff: readonly number[];
}

const EVERY_DAY_WORKS: CalendarDates = { days: [], extended: [], weeklyDaysOff: [] };

/**
 * Whether walk-in tickets may be issued now: a working day (holidays, weekends and 调休 from
 * the calendar) and inside one of its sessions. Without a calendar every day is a working day.
 */
export function openStateAt(hours: HallHours, timeZone: string, now: Date, calendar: CalendarDates = EVERY_DAY_WORKS): OpenState {
  return calendarOpenState({ hours, ...calendar }, timeZone, now);
}
