import { describe, expect, it } from 'vitest';
import { addDays, addWorkingDays, isOverdue, isWorkingDay, weekdayOf, workingDaysBetween } from '../../../server/domain/working-days.js';

describe('working days (Mon–Fri, holidays and 调休 swapped days)', () => {
  it('knows the weekday of a date', () => {
    expect(weekdayOf('2026-11-23')).toBe(1);
    expect(weekdayOf('2026-11-29')).toBe(0);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('counts weekdays only, never the start day', () => {
    expect(addWorkingDays('2026-11-23', 1)).toBe('2026-11-24');
    expect(addWorkingDays('2026-11-27', 1)).toBe('2026-11-30');
    expect(addWorkingDays('2026-11-28', 1)).toBe('2026-11-30');
    expect(addWorkingDays('2026-11-29', 1)).toBe('2026-11-30');
    expect(addWorkingDays('2026-11-23', 5)).toBe('2026-11-30');
    expect(addWorkingDays('2026-11-23', 15)).toBe('2026-12-14');
    expect(addWorkingDays('2026-11-23', 16)).toBe('2026-12-15');
  });

  it('for every start day of a week, 15 working days is three calendar weeks', () => {
    for (let i = 0; i < 5; i++) {
      const start = addDays('2026-11-23', i);
      expect(addWorkingDays(start, 15)).toBe(addDays(start, 21));
      expect(workingDaysBetween(start, addWorkingDays(start, 15))).toBe(15);
    }
  });

  it('skips public holidays and counts swapped working weekends', () => {
    const calendar = { holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'], workingWeekends: ['2026-10-10'] };
    expect(isWorkingDay('2026-10-01', calendar)).toBe(false);
    expect(isWorkingDay('2026-10-10', calendar)).toBe(true);
    expect(addWorkingDays('2026-09-30', 1, calendar)).toBe('2026-10-08');
    expect(addWorkingDays('2026-10-09', 1, calendar)).toBe('2026-10-10');
  });

  it('a deadline is overdue from the day after it, not on it', () => {
    expect(isOverdue('2026-12-14', '2026-12-14')).toBe(false);
    expect(isOverdue('2026-12-14', '2026-12-15')).toBe(true);
    expect(isOverdue('2026-12-14', '2026-12-13')).toBe(false);
  });

  it('refuses a count below one', () => {
    expect(() => addWorkingDays('2026-11-23', 0)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-11-23', 1.5)).toThrow(RangeError);
    expect(workingDaysBetween('2026-11-24', '2026-11-23')).toBe(0);
  });
});
