import { describe, expect, it } from 'vitest';
import { localHourOf, localTime } from '../../../server/domain/local-time.js';

/**
 * localTime keeps each zone's offset per UTC day instead of formatting every instant: it must
 * still agree with Intl everywhere, above all on the days a zone changes its offset.
 */
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const formats = new Map<string, Intl.DateTimeFormat>();

function byIntl(at: Date, timeZone: string): string {
  const parts: Record<string, string> = {};
  let fmt = formats.get(timeZone);
  if (!fmt)
    formats.set(
      timeZone,
      (fmt = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        weekday: 'short',
      })),
    );
  for (const p of fmt.formatToParts(at)) parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${WEEKDAYS.indexOf(parts.weekday!)}`;
}

function ours(at: Date, timeZone: string): string {
  const t = localTime(at, timeZone);
  const consistent = t.minutes === Number(t.time.slice(0, 2)) * 60 + Number(t.time.slice(3)) && t.monthDay === t.date.slice(5);
  return `${t.date} ${t.time} ${t.weekday}${consistent ? '' : ' (parts disagree)'}`;
}

describe('localTime', () => {
  it("gives Shanghai's wall clock, midnight and the turn of the year included", () => {
    expect(localTime(new Date('2026-12-31T15:59:00Z'), 'Asia/Shanghai')).toEqual({
      date: '2026-12-31',
      monthDay: '12-31',
      time: '23:59',
      minutes: 1439,
      weekday: 4,
    });
    expect(localTime(new Date('2026-12-31T16:00:00Z'), 'Asia/Shanghai')).toEqual({
      date: '2027-01-01',
      monthDay: '01-01',
      time: '00:00',
      minutes: 0,
      weekday: 5,
    });
  });

  it('agrees with Intl minute by minute across offset changes (whole hours, half hours, 00:01 local, seconds offsets)', () => {
    const days: [string, string][] = [
      ['America/New_York', '2026-03-08'],
      ['America/New_York', '2026-11-01'],
      ['Europe/Berlin', '2026-03-29'],
      ['Europe/Berlin', '2026-10-25'],
      ['Australia/Lord_Howe', '2026-04-05'],
      ['Australia/Lord_Howe', '2026-10-04'],
      ['America/St_Johns', '1988-10-30'],
      ['America/St_Johns', '2010-03-14'],
      ['Pacific/Chatham', '2026-04-05'],
      ['America/Santiago', '2026-04-05'],
      ['Africa/Monrovia', '1972-01-01'],
      ['Africa/Monrovia', '1972-01-07'],
    ];
    for (const [zone, day] of days) {
      const from = Date.parse(`${day}T00:00:00Z`) - 86_400_000;
      const wrong: string[] = [];
      for (let t = from; t < from + 3 * 86_400_000; t += 60_000 + 7_000) {
        const [got, want] = [ours(new Date(t), zone), byIntl(new Date(t), zone)];
        if (got !== want) wrong.push(`${zone} ${new Date(t).toISOString()}: ${got}, Intl ${want}`);
      }
      expect(wrong).toEqual([]);
    }
  });

  it('agrees with Intl at random instants over decades in zones with and without summer time', () => {
    let seed = 20261206;
    const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const from = Date.UTC(1975, 0, 1);
    const span = Date.UTC(2045, 0, 1) - from;
    for (const zone of ['Asia/Shanghai', 'Asia/Urumqi', 'Asia/Kathmandu', 'America/St_Johns', 'Europe/London', 'Pacific/Chatham', 'America/Santiago']) {
      const wrong: string[] = [];
      for (let i = 0; i < 3000; i++) {
        const at = new Date(from + Math.floor(rnd() * span));
        const [got, want] = [ours(at, zone), byIntl(at, zone)];
        if (got !== want) wrong.push(`${zone} ${at.toISOString()}: ${got}, Intl ${want}`);
      }
      expect(wrong).toEqual([]);
    }
  });
});

describe('localHourOf', () => {
  it("gives the local hour Intl gives, minute by minute across offset changes and half-hour zones (a service's pace is learned per hour)", () => {
    const hourByIntl = (at: Date, timeZone: string) => Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(at));
    const days: [string, string][] = [
      ['Asia/Shanghai', '2026-12-31'],
      ['Europe/Berlin', '2026-03-29'],
      ['Europe/Berlin', '2026-10-25'],
      ['Asia/Kathmandu', '2026-06-01'],
      ['Australia/Lord_Howe', '2026-04-05'],
    ];
    for (const [zone, day] of days) {
      const from = Date.parse(`${day}T00:00:00Z`) - 86_400_000;
      const wrong: string[] = [];
      for (let t = from; t < from + 3 * 86_400_000; t += 5 * 60_000 + 7_000) {
        const at = new Date(t);
        if (localHourOf(at, zone) !== hourByIntl(at, zone)) wrong.push(`${zone} ${at.toISOString()}: ${localHourOf(at, zone)}, Intl ${hourByIntl(at, zone)}`);
      }
      expect(wrong).toEqual([]);
    }
  });
});
