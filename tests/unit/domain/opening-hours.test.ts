import { describe, expect, it } from 'vitest';
import { clockMinutes, isValidTimeZone, localTime } from '../../../server/domain/local-time.js';
import { openStateAt, sessionsFor, type HallHours } from '../../../server/domain/opening-hours.js';

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
/** An instant given as Beijing wall-clock time. */
const beijing = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`);

describe('sessionsFor', () => {
  it.each([
    ['01-15', 'winter'],
    ['04-30', 'winter'],
    ['05-01', 'summer'],
    ['09-30', 'summer'],
    ['10-01', 'winter'],
    ['12-31', 'winter'],
  ])('on %s the %s hours apply', (monthDay, season) => {
    expect(sessionsFor(HOURS, monthDay)).toBe(HOURS[season as 'summer' | 'winter'].sessions);
  });
});

describe('openStateAt', () => {
  it.each([
    ['2026-11-23', '08:29', false],
    ['2026-11-23', '08:30', true],
    ['2026-11-23', '11:29', true],
    ['2026-11-23', '11:30', false],
    ['2026-11-23', '12:59', false],
    ['2026-11-23', '13:00', true],
    ['2026-11-23', '16:29', true],
    ['2026-11-23', '16:30', false],
    ['2026-07-06', '13:00', false],
    ['2026-07-06', '13:30', true],
    ['2026-07-06', '16:45', true],
    ['2026-07-06', '17:00', false],
  ])('on %s at %s Beijing time open is %s', (date, time, open) => {
    expect(openStateAt(HOURS, 'Asia/Shanghai', beijing(date, time)).open).toBe(open);
  });

  it('tells the visitor when taking tickets starts, before the session', () => {
    const s = openStateAt(HOURS, 'Asia/Shanghai', beijing('2026-11-23', '12:10'));
    expect(s.open).toBe(false);
    expect(s.reason).toContain('13:00');
  });

  it('says the day is over after the last session', () => {
    expect(openStateAt(HOURS, 'Asia/Shanghai', beijing('2026-11-23', '18:00')).reason).toContain('今日已停止取号');
  });

  it("reads the hours in the hall's time zone", () => {
    const instant = new Date('2026-11-23T02:00:00Z'); // 10:00 Beijing, 02:00 London
    expect(openStateAt(HOURS, 'Asia/Shanghai', instant).open).toBe(true);
    expect(openStateAt(HOURS, 'Europe/London', instant).open).toBe(false);
  });
});

describe('localTime', () => {
  it("gives the hall's wall clock and weekday", () => {
    const t = localTime(new Date('2026-11-22T16:30:00Z'), 'Asia/Shanghai');
    expect(t).toEqual({ date: '2026-11-23', monthDay: '11-23', time: '00:30', minutes: 30, weekday: 1 });
  });

  it('knows time zones', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(clockMinutes('08:30')).toBe(510);
  });
});
