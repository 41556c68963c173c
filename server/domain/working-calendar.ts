/**
 * The hall's working calendar: which local dates are working days (weekends, public holidays,
 * 调休 swapped working days), the walk-in sessions of a date, and the extended periods
 * (延时 · 错时服务) open to appointments only. Pure: dates and instants come in.
 */
import { clockMinutes, localTime } from './local-time.js';

export type Session = [from: string, to: string];

export interface SeasonHours {
  /** MM-DD on which this season starts */
  from: string;
  sessions: Session[];
}

export interface HallHours {
  summer: SeasonHours;
  winter: SeasonHours;
}

/** The sessions in force on a local date: whichever season started last before it. */
export function sessionsFor(hours: HallHours, monthDay: string): Session[] {
  const { summer, winter } = hours;
  const [early, late] = summer.from <= winter.from ? [summer, winter] : [winter, summer];
  if (monthDay >= late.from || monthDay < early.from) return late.sessions;
  return early.sessions;
}

/** A date that differs from the weekly rule: a public holiday, or a weekend day worked (调休). */
export interface CalendarDay {
  /** YYYY-MM-DD, local */
  date: string;
  kind: 'holiday' | 'workday';
  /** e.g. 国庆节, 国庆调休上班 */
  name: string;
}

/** Hours open to appointments only: every working day (e.g. lunch 12:00–13:00) or one date. */
export interface ExtendedPeriod {
  id: string;
  /** `workdays`, or a local date YYYY-MM-DD (a weekend or holiday opened for booked service) */
  on: string;
  from: string;
  to: string;
  note: string;
}

export interface HallCalendar {
  hours: HallHours;
  /** weekdays with no walk-in service unless swapped (0 = Sunday … 6 = Saturday) */
  weeklyDaysOff: readonly number[];
  days: readonly CalendarDay[];
  extended: readonly ExtendedPeriod[];
}

export const WEEKEND: readonly number[] = [0, 6];

/**
 * The weekly days off when the manager has set none: Saturday and Sunday, except for a hall
 * whose sessions span the whole day (the demo hall, a 24-hour self-service hall).
 */
export function defaultDaysOff(hours: HallHours): readonly number[] {
  const allDay = [hours.summer, hours.winter].every((s) => s.sessions.some(([a, b]) => a === '00:00' && b === '24:00'));
  return allDay ? [] : WEEKEND;
}

export type DayKind = 'workday' | 'weekend' | 'holiday';

export interface CalendarDayView {
  date: string;
  kind: DayKind;
  name?: string;
  /** walk-in sessions (empty on a day off) */
  sessions: Session[];
  /** appointment-only periods */
  extended: Session[];
}

export const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** 0 = Sunday … 6 = Saturday, for a YYYY-MM-DD date (a calendar date, no zone involved). */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function isRealDate(date: string): boolean {
  return DATE_PATTERN.test(date) && addDays(date, 0) === date;
}

export function dayKind(cal: HallCalendar, date: string): { kind: DayKind; name?: string } {
  const special = cal.days.find((d) => d.date === date);
  if (special?.kind === 'holiday') return { kind: 'holiday', name: special.name };
  if (special?.kind === 'workday') return { kind: 'workday', name: special.name };
  return cal.weeklyDaysOff.includes(weekdayOf(date)) ? { kind: 'weekend' } : { kind: 'workday' };
}

/** The sessions in which walk-in tickets are issued on a date. */
export function walkInSessions(cal: HallCalendar, date: string): Session[] {
  return dayKind(cal, date).kind === 'workday' ? sessionsFor(cal.hours, date.slice(5)) : [];
}

/** Extended, appointment-only periods on a date. */
export function extendedPeriods(cal: HallCalendar, date: string): Session[] {
  const working = dayKind(cal, date).kind === 'workday';
  return cal.extended
    .filter((p) => p.on === date || (p.on === 'workdays' && working))
    .map((p): Session => [p.from, p.to])
    .sort((a, b) => clockMinutes(a[0]) - clockMinutes(b[0]));
}

export function dayView(cal: HallCalendar, date: string): CalendarDayView {
  const { kind, name } = dayKind(cal, date);
  return { date, kind, ...(name ? { name } : {}), sessions: walkInSessions(cal, date), extended: extendedPeriods(cal, date) };
}

/** The instant at which the local wall-clock `date hh:mm` happens in a time zone. */
export function zonedInstant(date: string, hhmm: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const minutes = clockMinutes(hhmm);
  const wall = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 0, minutes);
  let guess = wall;
  // two passes settle the offset, also across a DST change in zones that have one
  for (let i = 0; i < 2; i++) {
    const local = localTime(new Date(guess), timeZone);
    const seen = Date.UTC(Number(local.date.slice(0, 4)), Number(local.date.slice(5, 7)) - 1, Number(local.date.slice(8, 10)), 0, local.minutes);
    guess += wall - seen;
  }
  return new Date(guess);
}

const inside = (minutes: number, [from, to]: Session) => minutes >= clockMinutes(from) && minutes < clockMinutes(to);

/** The next instant at or after `now` when walk-in issuing opens, looking `horizonDays` ahead. */
export function nextOpening(cal: HallCalendar, timeZone: string, now: Date, horizonDays = 60): Date | null {
  const local = localTime(now, timeZone);
  for (let i = 0; i <= horizonDays; i++) {
    const date = addDays(local.date, i);
    for (const [from, to] of walkInSessions(cal, date)) {
      if (i === 0 && local.minutes >= clockMinutes(to)) continue;
      if (i === 0 && local.minutes >= clockMinutes(from)) return now;
      return zonedInstant(date, from, timeZone);
    }
  }
  return null;
}

export interface CalendarOpenState {
  open: boolean;
  /** zh-CN reason shown to visitors when closed */
  reason?: string;
  /** inside an extended period: appointments are served, walk-ins are not */
  appointmentsOnly?: boolean;
  /** ISO instant of the next walk-in opening, when closed */
  nextOpening?: string;
}

const DAY_OFF: Record<Exclude<DayKind, 'workday'>, string> = { weekend: '今日为休息日', holiday: '今日为法定节假日' };

/** Whether walk-in tickets may be issued now, and if not why and until when. */
export function calendarOpenState(cal: HallCalendar, timeZone: string, now: Date): CalendarOpenState {
  const local = localTime(now, timeZone);
  const sessions = walkInSessions(cal, local.date);
  if (sessions.some((s) => inside(local.minutes, s))) return { open: true };
  const next = nextOpening(cal, timeZone, now);
  const nextText = next ? `，下次取号 ${describeInstant(next, timeZone, local.date)}` : '';
  const appointmentsOnly = extendedPeriods(cal, local.date).some((s) => inside(local.minutes, s));
  const base = { open: false, ...(next ? { nextOpening: next.toISOString() } : {}), ...(appointmentsOnly ? { appointmentsOnly } : {}) };
  if (appointmentsOnly) return { ...base, reason: `延时/错时服务时段仅接待预约办理${nextText}` };
  const { kind, name } = dayKind(cal, local.date);
  if (kind !== 'workday') return { ...base, reason: `${DAY_OFF[kind]}${name ? `（${name}）` : ''}，不办理现场取号${nextText}` };
  const text = sessions.map(([a, b]) => `${a}–${b}`).join('，');
  const later = sessions.find(([from]) => clockMinutes(from) > local.minutes);
  return { ...base, reason: later ? `未到办理时间，${later[0]} 开始取号（办理时间 ${text}）` : `今日已停止取号（办理时间 ${text}）${nextText}` };
}

function describeInstant(at: Date, timeZone: string, today: string): string {
  const l = localTime(at, timeZone);
  if (l.date === today) return l.time;
  if (l.date === addDays(today, 1)) return `明天 ${l.time}`;
  return `${l.date.slice(5, 7)}月${l.date.slice(8, 10)}日 ${l.time}`;
}
