/**
 * Reads the year's 放假/调休 notice as the manager pastes it: one date or range a line,
 * with an optional holiday name and 放假 (day off) or 上班 (swapped working day). A line of
 * bare dates is a list of days off. Pure, so the console and its tests read it alike.
 */

export interface NoticeDay {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}
export type NoticeProblem = 'date' | 'year' | 'range' | 'empty';
export type NoticeResult = { ok: true; days: NoticeDay[] } | { ok: false; line: number; text: string; problem: NoticeProblem };

const DATE = String.raw`(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?`;
const SHORT = String.raw`(?:(\d{4})\s*[-/.年]\s*)?(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?`;
const DATE_RE = new RegExp(DATE, 'g');
const RANGE_RE = new RegExp(`${DATE}\\s*(?:至|到|~|～|—|–|-{1,2})\\s*${SHORT}`, 'g');
const WORK_WORDS = /上班|调休上班|补班|工作日/;

const pad = (n: string) => n.padStart(2, '0');

function realDate(y: string, m: string, d: string): string | null {
  const iso = `${y}-${pad(m)}-${pad(d)}`;
  const at = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== iso ? null : iso;
}

function nextDay(iso: string): string {
  const at = new Date(`${iso}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + 1);
  return at.toISOString().slice(0, 10);
}

/** the holiday's name: what is left of the line once dates, kinds and separators are taken out */
function nameOf(rest: string): string {
  return rest
    .replace(/调休上班|调休|放假|休息|上班|补班|共\s*\d+\s*天|[,，、;；:：()（）\s]+/g, ' ')
    .trim()
    .replace(/\s+/g, ' ')
    .slice(0, 40);
}

function parseLine(line: string, year: string): { days: NoticeDay[] } | { problem: NoticeProblem } {
  const kind: NoticeDay['kind'] = WORK_WORDS.test(line) ? 'workday' : 'holiday';
  const dates: string[] = [];
  let rest = line;
  for (const m of line.matchAll(RANGE_RE)) {
    const from = realDate(m[1]!, m[2]!, m[3]!);
    const to = realDate(m[4] ?? m[1]!, m[5]!, m[6]!);
    if (!from || !to) return { problem: 'date' };
    if (to < from || dates.length > 60) return { problem: 'range' };
    for (let d = from; d <= to; d = nextDay(d)) dates.push(d);
    rest = rest.replace(m[0], ' ');
  }
  for (const m of rest.matchAll(DATE_RE)) {
    const date = realDate(m[1]!, m[2]!, m[3]!);
    if (!date) return { problem: 'date' };
    dates.push(date);
    rest = rest.replace(m[0], ' ');
  }
  if (dates.length === 0) return { problem: 'date' };
  if (dates.some((d) => !d.startsWith(`${year}-`))) return { problem: 'year' };
  const name = nameOf(rest);
  return { days: dates.map((date) => ({ date, kind, name })) };
}

/** The days of `year` a notice lists, in date order (a later line about the same date wins). */
export function parseNotice(text: string, year: string): NoticeResult {
  const byDate = new Map<string, NoticeDay>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line || line.startsWith('#')) continue;
    const parsed = parseLine(line, year);
    if ('problem' in parsed) return { ok: false, line: i + 1, text: line, problem: parsed.problem };
    for (const d of parsed.days) byDate.set(d.date, d);
  }
  if (byDate.size === 0) return { ok: false, line: 0, text: '', problem: 'empty' };
  return { ok: true, days: [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date)) };
}
