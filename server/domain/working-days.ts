/**
 * Working days for promised deadlines (差评整改: callback within 1 working day, rectification
 * within 15). Monday–Friday are working days, except listed holidays; listed swapped days
 * (调休 weekend days that are worked) count as working days. Dates are local YYYY-MM-DD.
 */
export interface WorkingCalendar {
  /** public holidays: not worked even on a weekday */
  holidays?: readonly string[];
  /** weekend days that are worked (调休) */
  workingWeekends?: readonly string[];
}

const DAY_MS = 86_400_000;

/** 0 = Sunday … 6 = Saturday, of a YYYY-MM-DD date (calendar arithmetic, no time zone). */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function isWorkingDay(date: string, calendar: WorkingCalendar = {}): boolean {
  if (calendar.holidays?.includes(date)) return false;
  if (calendar.workingWeekends?.includes(date)) return true;
  const wd = weekdayOf(date);
  return wd !== 0 && wd !== 6;
}

/** The date that is the n-th working day after `date` (n ≥ 1); the start day itself never counts. */
export function addWorkingDays(date: string, n: number, calendar: WorkingCalendar = {}): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError('n must be a positive integer');
  let d = date;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d, calendar)) left--;
  }
  return d;
}

/** Working days strictly after `from` up to and including `to` (0 when to ≤ from). */
export function workingDaysBetween(from: string, to: string, calendar: WorkingCalendar = {}): number {
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d, calendar)) count++;
  return count;
}

/** A deadline that falls on `dueDate` is overdue from the next calendar day on. */
export const isOverdue = (dueDate: string, today: string): boolean => today > dueDate;
