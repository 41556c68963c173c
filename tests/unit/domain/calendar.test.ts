import { describe, expect, it } from 'vitest';
import { openStateAt, type HallHours } from '../../../server/domain/opening-hours.js';
import {
  addDays,
  calendarOpenState,
  dayKind,
  dayView,
  defaultDaysOff,
  extendedPeriods,
  isRealDate,
  nextOpening,
  walkInSessions,
  WEEKEND,
  zonedInstant,
  type HallCalendar,
} from '../../../server/domain/working-calendar.js';

const HOURS: HallHours = {
  summer: {
    from: '05-01',
    sessions: [
      ['08:30', '11:30'],
      ['13:30', '17:00'],
    ],
  },
  winter: {
    from: '10-01',
    sessions: [
      ['08:30', '11:30'],
      ['13:00', '16:30'],
    ],
  },
};
/** 2026: 国庆 Oct 1–7 off, Sunday Sep 27 and Saturday Oct 10 worked (调休); lunch-hour and one Saturday by appointment. */
const CAL: HallCalendar = {
  hours: HOURS,
  weeklyDaysOff: WEEKEND,
  days: [
    ...[1, 2, 3, 4, 5, 6, 7].map((d) => ({ date: `2026-10-0${d}`, kind: 'holiday' as const, name: '国庆节' })),
    { date: '2026-09-27', kind: 'workday', name: '国庆调休上班' },
    { date: '2026-10-10', kind: 'workday', name: '国庆调休上班' },
  ],
  extended: [
    { id: 'lunch', on: 'workdays', from: '12:00', to: '13:00', note: '午间延时' },
    { id: 'sat', on: '2026-11-28', from: '09:00', to: '12:00', note: '周末预约办' },
  ],
};
const beijing = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`);

describe('dayKind', () => {
  it.each([
    ['2026-11-23', 'workday'],
    ['2026-11-27', 'workday'],
    ['2026-11-28', 'weekend'],
    ['2026-11-29', 'weekend'],
    ['2026-10-01', 'holiday'],
    ['2026-10-07', 'holiday'],
    ['2026-10-08', 'workday'],
    ['2026-09-27', 'workday'],
    ['2026-10-10', 'workday'],
    ['2026-10-11', 'weekend'],
  ])('%s is a %s', (date, kind) => {
    expect(dayKind(CAL, date).kind).toBe(kind);
  });

  it('names the holiday and the swapped working day', () => {
    expect(dayKind(CAL, '2026-10-03')).toEqual({ kind: 'holiday', name: '国庆节' });
    expect(dayKind(CAL, '2026-10-10')).toEqual({ kind: 'workday', name: '国庆调休上班' });
  });

  it('a holiday that falls on a weekend is still a holiday', () => {
    expect(dayKind(CAL, '2026-10-04').kind).toBe('holiday');
  });

  it('weekly days off are data: a hall working Saturdays', () => {
    expect(dayKind({ ...CAL, weeklyDaysOff: [0] }, '2026-11-28').kind).toBe('workday');
    expect(dayKind({ ...CAL, weeklyDaysOff: [0] }, '2026-11-29').kind).toBe('weekend');
  });

  it('an all-day hall (the demo) has no default days off; a normal hall has Saturday and Sunday', () => {
    const allDay: HallHours = { summer: { from: '05-01', sessions: [['00:00', '24:00']] }, winter: { from: '10-01', sessions: [['00:00', '24:00']] } };
    expect(defaultDaysOff(allDay)).toEqual([]);
    expect(defaultDaysOff(HOURS)).toEqual([0, 6]);
  });
});

describe('walkInSessions and extended periods', () => {
  it('switches summer and winter hours on the configured dates', () => {
    expect(walkInSessions(CAL, '2026-04-30')).toEqual(HOURS.winter.sessions);
    expect(walkInSessions(CAL, '2026-05-06')).toEqual(HOURS.summer.sessions);
    expect(walkInSessions(CAL, '2026-09-30')).toEqual(HOURS.summer.sessions);
    expect(walkInSessions(CAL, '2026-10-08')).toEqual(HOURS.winter.sessions);
  });

  it('a swapped working day on a weekend gets the season sessions; a holiday none', () => {
    expect(walkInSessions(CAL, '2026-09-27')).toEqual(HOURS.summer.sessions);
    expect(walkInSessions(CAL, '2026-10-10')).toEqual(HOURS.winter.sessions);
    expect(walkInSessions(CAL, '2026-10-02')).toEqual([]);
    expect(walkInSessions(CAL, '2026-11-29')).toEqual([]);
  });

  it('lunch-hour extension on working days only; a dated extension on its date', () => {
    expect(extendedPeriods(CAL, '2026-11-23')).toEqual([['12:00', '13:00']]);
    expect(extendedPeriods(CAL, '2026-10-02')).toEqual([]);
    expect(extendedPeriods(CAL, '2026-11-28')).toEqual([['09:00', '12:00']]);
    expect(extendedPeriods(CAL, '2026-11-29')).toEqual([]);
  });

  it('dayView gathers kind, sessions and extensions', () => {
    expect(dayView(CAL, '2026-11-28')).toEqual({ date: '2026-11-28', kind: 'weekend', sessions: [], extended: [['09:00', '12:00']] });
  });
});

describe('calendarOpenState', () => {
  it.each([
    ['2026-11-23', '10:00', true],
    ['2026-11-23', '12:30', false],
    ['2026-11-23', '13:00', true],
    ['2026-11-28', '10:00', false],
    ['2026-10-03', '10:00', false],
    ['2026-10-10', '10:00', true],
    ['2026-09-27', '14:00', true],
  ])('on %s at %s walk-in open is %s', (date, time, open) => {
    expect(calendarOpenState(CAL, 'Asia/Shanghai', beijing(date, time)).open).toBe(open);
  });

  it('inside an extended period it is appointments only, with the reason', () => {
    const s = calendarOpenState(CAL, 'Asia/Shanghai', beijing('2026-11-23', '12:30'));
    expect(s).toMatchObject({ open: false, appointmentsOnly: true });
    expect(s.reason).toContain('仅接待预约');
    expect(s.nextOpening).toBe(beijing('2026-11-23', '13:00').toISOString());
  });

  it('on a holiday names it and gives the next opening after the holiday run', () => {
    const s = calendarOpenState(CAL, 'Asia/Shanghai', beijing('2026-10-02', '09:00'));
    expect(s.reason).toContain('法定节假日（国庆节）');
    expect(s.nextOpening).toBe(beijing('2026-10-08', '08:30').toISOString());
  });

  it('on a weekend says so and points at Monday', () => {
    const s = calendarOpenState(CAL, 'Asia/Shanghai', beijing('2026-11-29', '09:00'));
    expect(s.reason).toContain('休息日');
    expect(s.nextOpening).toBe(beijing('2026-11-30', '08:30').toISOString());
  });

  it('after the day ends points at the next working morning', () => {
    const s = calendarOpenState(CAL, 'Asia/Shanghai', beijing('2026-11-27', '17:30'));
    expect(s.reason).toContain('今日已停止取号');
    expect(s.nextOpening).toBe(beijing('2026-11-30', '08:30').toISOString());
  });

  it("reads wall-clock in the hall's time zone", () => {
    const instant = new Date('2026-11-23T02:00:00Z');
    expect(calendarOpenState(CAL, 'Asia/Shanghai', instant).open).toBe(true);
    expect(calendarOpenState(CAL, 'Europe/London', instant).open).toBe(false);
  });

  it('openStateAt without a calendar keeps every day a working day', () => {
    expect(openStateAt(HOURS, 'Asia/Shanghai', beijing('2026-11-29', '10:00')).open).toBe(true);
    expect(openStateAt(HOURS, 'Asia/Shanghai', beijing('2026-11-29', '10:00'), CAL).open).toBe(false);
  });
});

describe('dates and instants', () => {
  it('zonedInstant turns local wall-clock into the instant, also across DST', () => {
    expect(zonedInstant('2026-11-23', '08:30', 'Asia/Shanghai').toISOString()).toBe('2026-11-23T00:30:00.000Z');
    expect(zonedInstant('2026-07-01', '09:00', 'Europe/London').toISOString()).toBe('2026-07-01T08:00:00.000Z');
    expect(zonedInstant('2026-12-01', '09:00', 'Europe/London').toISOString()).toBe('2026-12-01T09:00:00.000Z');
    expect(zonedInstant('2026-11-23', '00:00', 'Asia/Shanghai').toISOString()).toBe('2026-11-22T16:00:00.000Z');
  });

  it('addDays crosses months and years; isRealDate refuses impossible dates', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(isRealDate('2026-02-29')).toBe(false);
    expect(isRealDate('2028-02-29')).toBe(true);
    expect(isRealDate('2026-13-01')).toBe(false);
  });

  it('nextOpening is now when inside a session, null when nothing opens within the horizon', () => {
    const now = beijing('2026-11-23', '10:00');
    expect(nextOpening(CAL, 'Asia/Shanghai', now)).toEqual(now);
    expect(nextOpening({ ...CAL, weeklyDaysOff: [0, 1, 2, 3, 4, 5, 6] }, 'Asia/Shanghai', now)).toBeNull();
  });
});
