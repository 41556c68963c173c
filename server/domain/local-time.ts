/** Wall-clock parts of an instant in a hall's time zone. Pure: the instant comes in. */
export interface LocalTime {
  /** YYYY-MM-DD */
  date: string;
  /** MM-DD */
  monthDay: string;
  /** HH:MM, 24 h */
  time: string;
  /** minutes since local midnight */
  minutes: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * Intl formatting is the slow part (every ticket, event and report row asks for a local time),
 * so each zone's offset is looked up once per UTC day: where it is the same at both ends of the
 * day it holds all day (a zone changes its offset at most once a day); on a day with a change,
 * each instant is looked up on its own.
 */
const DAY_MS = 86_400_000;
const dayOffsets = new Map<string, number | null>();

function exactOffsetMs(instantMs: number, timeZone: string): number {
  const secondMs = instantMs - (((instantMs % 1000) + 1000) % 1000);
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(secondMs))) parts[p.type] = p.value;
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second)) - secondMs;
}

/** local time minus UTC, in ms, at an instant */
function offsetMs(instantMs: number, timeZone: string): number {
  const day = Math.floor(instantMs / DAY_MS);
  const key = `${timeZone}|${day}`;
  let offset = dayOffsets.get(key);
  if (offset === undefined) {
    const first = exactOffsetMs(day * DAY_MS, timeZone);
    offset = exactOffsetMs((day + 1) * DAY_MS - 1000, timeZone) === first ? first : null;
    if (dayOffsets.size > 50_000) dayOffsets.clear();
    dayOffsets.set(key, offset);
  }
  return offset ?? exactOffsetMs(instantMs, timeZone);
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

export function localTime(now: Date, timeZone: string): LocalTime {
  const local = new Date(now.getTime() + offsetMs(now.getTime(), timeZone));
  const year = local.getUTCFullYear();
  const monthDay = `${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())}`;
  const hh = local.getUTCHours();
  const mm = local.getUTCMinutes();
  return {
    date: `${String(year).padStart(4, '0')}-${monthDay}`,
    monthDay,
    time: `${two(hh)}:${two(mm)}`,
    minutes: hh * 60 + mm,
    weekday: local.getUTCDay(),
  };
}

/** the local hour (0–23) of an instant: the pace of a service is learned per hour from hundreds of samples */
export function localHourOf(at: Date, timeZone: string): number {
  const ms = at.getTime();
  return new Date(ms + offsetMs(ms, timeZone)).getUTCHours();
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** "08:30" → 510 */
export function clockMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}
