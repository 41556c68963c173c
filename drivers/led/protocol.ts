/** LED boards (window strips, hall boards): the commands and what a board should show. Pure. */

/** A board as the host sees it. Every method resolves once the board acknowledged. */
export interface LedBoard {
  /** text on line n (0-based), held in RAM; text equal to what the board shows is not resent */
  showLine(line: number, text: string): Promise<void>;
  /** 0 (dark) to 15 (brightest); unchanged levels are not resent */
  setBrightness(level: number): Promise<void>;
  clear(): Promise<void>;
}

export const txtArgs = (line: number, text: string): string[] => [String(line), text];

export interface WindowState {
  number: number;
  status: 'open' | 'paused' | 'closed';
  reason?: string | null;
  /** the number called or being served, if any */
  current?: string | null;
}

/** What a window's strip shows, one string per line (`A012 请到3号窗口` / `暂停服务`). */
export function windowStripText(w: WindowState, lines = 1): string[] {
  let text: string[];
  if (w.status === 'paused') text = ['暂停服务', w.reason ?? ''];
  else if (w.status === 'closed') text = ['暂停服务', ''];
  else if (w.current) text = [`${w.current} 请到${w.number}号窗口`, ''];
  else text = [`${w.number}号窗口 欢迎办理`, ''];
  return fit(text, lines);
}

export interface BoardCall {
  number: string;
  windowNumber: number;
}

/** The hall board: newest call first, a recalled number moves back to the top, one per line. */
export function hallBoardLines(calls: readonly BoardCall[], lines: number): string[] {
  return fit(
    calls.slice(0, lines).map((c) => `${c.number} 请到${c.windowNumber}号窗口`),
    lines,
  );
}

/** Adds a call to the front of a board's list, dropping an older entry of the same number. */
export function pushCall(calls: readonly BoardCall[], call: BoardCall, keep: number): BoardCall[] {
  return [call, ...calls.filter((c) => c.number !== call.number)].slice(0, keep);
}

function fit(text: string[], lines: number): string[] {
  return Array.from({ length: lines }, (_, i) => text[i] ?? '');
}

export interface BrightnessStep {
  /** local time HH:MM from which this level holds */
  from: string;
  level: number;
}

/** Day bright, night dim: the default when a board has no schedule of its own. */
export const DEFAULT_BRIGHTNESS: BrightnessStep[] = [
  { from: '07:00', level: 12 },
  { from: '19:00', level: 5 },
];

const minutesOf = (hhmm: string): number => {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
};

/** The level for a local time of day (minutes after midnight); the last step wraps over midnight. */
export function brightnessAt(schedule: readonly BrightnessStep[], minuteOfDay: number): number {
  const steps = [...schedule].sort((a, b) => minutesOf(a.from) - minutesOf(b.from));
  if (steps.length === 0) return 15;
  let level = steps[steps.length - 1]!.level;
  for (const step of steps) if (minutesOf(step.from) <= minuteOfDay) level = step.level;
  return Math.max(0, Math.min(15, Math.round(level)));
}
