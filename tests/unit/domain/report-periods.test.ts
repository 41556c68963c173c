import { describe, expect, it } from 'vitest';
import { defaultGrouping, groupDays, periodOf, presetRange, sheetPeriods, wholeMonths } from '../../../server/domain/report-periods.js';

describe("report presets, from the hall's today", () => {
  it('本周 starts on Monday, also when today is Sunday or the week crosses a new year', () => {
    expect(presetRange('this-week', '2026-11-29')).toEqual({ from: '2026-11-23', to: '2026-11-29' }); // a Sunday
    expect(presetRange('this-week', '2026-11-23')).toEqual({ from: '2026-11-23', to: '2026-11-23' }); // a Monday
    expect(presetRange('this-week', '2027-01-01')).toEqual({ from: '2026-12-28', to: '2027-01-01' });
  });

  it('上月 is the whole previous month, December when today is in January; leap February', () => {
    expect(presetRange('last-month', '2027-01-15')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(presetRange('last-month', '2028-03-01')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });

  it('今天, 本月, 本季度 and 本年 run up to today', () => {
    expect(presetRange('today', '2026-11-23')).toEqual({ from: '2026-11-23', to: '2026-11-23' });
    expect(presetRange('this-month', '2026-11-23')).toEqual({ from: '2026-11-01', to: '2026-11-23' });
    expect(presetRange('this-quarter', '2026-11-23')).toEqual({ from: '2026-10-01', to: '2026-11-23' });
    expect(presetRange('this-quarter', '2026-03-31')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(presetRange('this-year', '2026-11-23')).toEqual({ from: '2026-01-01', to: '2026-11-23' });
  });
});

describe('grouping a range', () => {
  it('days into weeks (Monday first), months and quarters', () => {
    expect(periodOf('2026-11-29', 'week')).toEqual({ key: '2026-11-23', label: '11-23起' });
    expect(periodOf('2026-11-29', 'month')).toEqual({ key: '2026-11', label: '2026年11月' });
    expect(periodOf('2026-11-29', 'quarter')).toEqual({ key: '2026-Q4', label: '2026年第4季度' });
    const rows = [
      { day: '2026-11-29', issued: 2, served: 1 },
      { day: '2026-11-30', issued: 3, served: 3 },
      { day: '2026-12-01', issued: 1, served: 0 },
    ];
    expect(groupDays(rows, 'week').map((g) => [g.key, g.issued, g.served, g.from, g.to])).toEqual([
      ['2026-11-23', 2, 1, '2026-11-29', '2026-11-29'],
      ['2026-11-30', 4, 3, '2026-11-30', '2026-12-01'],
    ]);
    expect(groupDays(rows, 'month').map((g) => [g.label, g.issued])).toEqual([
      ['2026年11月', 5],
      ['2026年12月', 1],
    ]);
  });

  it('a year is not 365 bars by default', () => {
    expect(defaultGrouping('2026-11-01', '2026-11-30')).toBe('day');
    expect(defaultGrouping('2026-10-01', '2026-12-31')).toBe('week');
    expect(defaultGrouping('2026-01-01', '2026-12-31')).toBe('month');
  });
});

describe("the export's sheets per period", () => {
  it('none for one day, a sheet per day up to a month, else per month cut to the range', () => {
    expect(sheetPeriods('2026-11-23', '2026-11-23')).toEqual([]);
    expect(sheetPeriods('2026-11-29', '2026-12-01').map((p) => p.label)).toEqual(['2026-11-29', '2026-11-30', '2026-12-01']);
    expect(sheetPeriods('2026-11-01', '2026-11-30')).toHaveLength(30);
    expect(sheetPeriods('2026-11-15', '2027-01-10')).toEqual([
      { from: '2026-11-15', to: '2026-11-30', label: '2026年11月' },
      { from: '2026-12-01', to: '2026-12-31', label: '2026年12月' },
      { from: '2027-01-01', to: '2027-01-10', label: '2027年1月' },
    ]);
    expect(sheetPeriods('2026-01-01', '2026-12-31')).toHaveLength(12);
  });
});

describe('a report range cut into whole months and the days at its ends', () => {
  it('reads the whole months of a range from month rows and the days around them from day rows, across a new year', () => {
    expect(wholeMonths('2025-11-24', '2026-11-23')).toEqual({
      headDays: { from: '2025-11-24', to: '2025-11-30' },
      months: { from: '2025-12', to: '2026-10' },
      tailDays: { from: '2026-11-01', to: '2026-11-23' },
    });
    expect(wholeMonths('2025-12-01', '2026-01-31')).toEqual({ headDays: null, months: { from: '2025-12', to: '2026-01' }, tailDays: null });
  });

  it('a month counts whole only from its first to its last day (28 or 29 February, 30 or 31)', () => {
    expect(wholeMonths('2028-02-01', '2028-02-29').months).toEqual({ from: '2028-02', to: '2028-02' });
    expect(wholeMonths('2028-02-01', '2028-02-28')).toEqual({ headDays: { from: '2028-02-01', to: '2028-02-28' }, months: null, tailDays: null });
    expect(wholeMonths('2026-02-01', '2026-02-28').months).toEqual({ from: '2026-02', to: '2026-02' });
    expect(wholeMonths('2026-04-02', '2026-05-31')).toEqual({
      headDays: { from: '2026-04-02', to: '2026-04-30' },
      months: { from: '2026-05', to: '2026-05' },
      tailDays: null,
    });
  });

  it('a range inside one month, or across two with neither whole, is days only', () => {
    expect(wholeMonths('2026-11-23', '2026-11-23')).toEqual({ headDays: { from: '2026-11-23', to: '2026-11-23' }, months: null, tailDays: null });
    expect(wholeMonths('2025-12-16', '2026-01-05')).toEqual({ headDays: { from: '2025-12-16', to: '2026-01-05' }, months: null, tailDays: null });
  });
});
