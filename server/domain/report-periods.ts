/**
 * Report periods: the presets a manager picks (今天 … 本年) and the grouping of a range into
 * days, weeks, months or quarters. Pure: `today` (the hall's local date) comes in.
 */
import { addDays } from './working-days.js';

export type Preset = 'today' | 'this-week' | 'this-month' | 'last-month' | 'this-quarter' | 'this-year';
export type Grouping = 'day' | 'week' | 'month' | 'quarter';
export const PRESETS: readonly Preset[] = ['today', 'this-week', 'this-month', 'last-month', 'this-quarter', 'this-year'];
export const GROUPINGS: readonly Grouping[] = ['day', 'week', 'month', 'quarter'];

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const parts = (day: string) => day.split('-').map(Number) as [number, number, number];
const lastOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
/** 0 = Monday … 6 = Sunday */
const weekday = (day: string) => (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;

/** a preset's range, up to today for the current period (the rest has not happened yet) */
export function presetRange(preset: Preset, today: string): { from: string; to: string } {
  const [y, m] = parts(today);
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'this-week':
      return { from: addDays(today, -weekday(today)), to: today };
    case 'this-month':
      return { from: ymd(y, m, 1), to: today };
    case 'last-month': {
      const [py, pm] = m === 1 ? [y - 1, 12] : [y, m - 1];
      return { from: ymd(py, pm, 1), to: ymd(py, pm, lastOfMonth(py, pm)) };
    }
    case 'this-quarter':
      return { from: ymd(y, Math.floor((m - 1) / 3) * 3 + 1, 1), to: today };
    case 'this-year':
      return { from: ymd(y, 1, 1), to: today };
  }
}

/** the period a day belongs to: its key (sortable) and its label */
export function periodOf(day: string, group: Grouping): { key: string; label: string } {
  const [y, m, d] = parts(day);
  switch (group) {
    case 'day':
      return { key: day, label: `${pad(m)}-${pad(d)}` };
    case 'week': {
      const monday = addDays(day, -weekday(day));
      return { key: monday, label: `${monday.slice(5)}起` };
    }
    case 'month':
      return { key: `${y}-${pad(m)}`, label: `${y}年${m}月` };
    case 'quarter':
      return { key: `${y}-Q${Math.floor((m - 1) / 3) + 1}`, label: `${y}年第${Math.floor((m - 1) / 3) + 1}季度` };
  }
}

/** a readable chart whatever the range: days up to a month, weeks up to a quarter, then months */
export function defaultGrouping(from: string, to: string): Grouping {
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
  return days <= 31 ? 'day' : days <= 92 ? 'week' : 'month';
}

export function groupDays<T extends { day: string; issued: number; served: number }>(rows: readonly T[], group: Grouping) {
  const out = new Map<string, { key: string; label: string; from: string; to: string; issued: number; served: number }>();
  for (const r of rows) {
    const p = periodOf(r.day, group);
    const g = out.get(p.key) ?? { ...p, from: r.day, to: r.day, issued: 0, served: 0 };
    g.issued += r.issued;
    g.served += r.served;
    if (r.day < g.from) g.from = r.day;
    if (r.day > g.to) g.to = r.day;
    out.set(p.key, g);
  }
  return [...out.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * The export's extra sheets: none for one day, a sheet per day up to a month's length, else a
 * sheet per month (the first and last cut to the range). Labels are valid sheet names.
 */
export function sheetPeriods(from: string, to: string): { from: string; to: string; label: string }[] {
  if (from >= to) return [];
  if (defaultGrouping(from, to) === 'day') {
    const out: { from: string; to: string; label: string }[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) out.push({ from: d, to: d, label: d });
    return out;
  }
  const months = new Map<string, { from: string; to: string; label: string }>();
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const { key, label } = periodOf(d, 'month');
    const m = months.get(key);
    if (m) m.to = d;
    else months.set(key, { from: d, to: d, label });
  }
  return [...months.values()];
}

/**
 * A range cut into the calendar months it covers whole (read from month rows) and the days
 * before and after them (read from day rows). Months are `YYYY-MM`; each part is null when empty.
 */
export function wholeMonths(
  from: string,
  to: string,
): { headDays: { from: string; to: string } | null; months: { from: string; to: string } | null; tailDays: { from: string; to: string } | null } {
  const [fy, fm, fd] = parts(from);
  const [ty, tm, td] = parts(to);
  const first = fd === 1 ? ymd(fy, fm, 1) : fm === 12 ? ymd(fy + 1, 1, 1) : ymd(fy, fm + 1, 1);
  const afterLast = td === lastOfMonth(ty, tm) ? addDays(to, 1) : ymd(ty, tm, 1);
  if (first >= afterLast) return { headDays: { from, to }, months: null, tailDays: null };
  const lastMonthDay = addDays(afterLast, -1);
  return {
    headDays: from < first ? { from, to: addDays(first, -1) } : null,
    months: { from: first.slice(0, 7), to: lastMonthDay.slice(0, 7) },
    tailDays: afterLast <= to ? { from: afterLast, to } : null,
  };
}
