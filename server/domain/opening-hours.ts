import { clockMinutes, localTime } from './local-time.js';

export type Session = [from: string, to: string];

export interface SeasonHours {
  /** MM-DD on which this season starts */
  from: string;
  sessions: Session[];
}

export interface HallHours {
  summer: SeasonHours;
  winter: SeasonHours;
}

/** The sessions in force on a local date: whichever season started last before it. */
export function sessionsFor(hours: HallHours, monthDay: string): Session[] {
  const { summer, winter } = hours;
  const [early, late] = summer.from <= winter.from ? [summer, winter] : [winter, summer];
  if (monthDay >= late.from || monthDay < early.from) return late.sessions;
  return early.sessions;
}

export interface OpenState {
  open: boolean;
  /** zh-CN reason shown to visitors when closed */
  reason?: string;
}

/** Whether walk-in tickets may be issued now: inside one of the day's sessions. */
export function openStateAt(hours: HallHours, timeZone: string, now: Date): OpenState {
  const local = localTime(now, timeZone);
  const sessions = sessionsFor(hours, local.monthDay);
  const inSession = sessions.some(([from, to]) => local.minutes >= clockMinutes(from) && local.minutes < clockMinutes(to));
  if (inSession) return { open: true };
  const later = sessions.find(([from]) => clockMinutes(from) > local.minutes);
  const text = sessions.map(([a, b]) => `${a}–${b}`).join('，');
  return {
    open: false,
    reason: later ? `未到办理时间，${later[0]} 开始取号（办理时间 ${text}）` : `今日已停止取号（办理时间 ${text}）`,
  };
}
