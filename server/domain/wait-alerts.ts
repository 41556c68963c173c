/**
 * Waiting alerts per queue, not per ticket: a busy morning has hundreds of tickets past a mark,
 * and one line per ticket buried the alerts that needed a manager. One alert per service at
 * the highest mark its longest wait reached; the tickets behind it stay one click away.
 */
import type { AlertCandidate, AlertLevel, AlertThresholds, HallWatch } from './alerts.js';

export interface WaitGroup {
  serviceId: string;
  serviceName: string;
  prefix: string;
  level: AlertLevel;
  /** the mark of `level`, minutes */
  mark: number;
  /** tickets waiting past `mark` */
  count: number;
  longestMinutes: number;
  /** every ticket past the first mark, longest first */
  tickets: { ticketId: string; number: string; minutes: number }[];
}

/** 0 below the first mark, else the number of marks reached (a mark is reached at exactly its minute). */
export function waitLevel(minutes: number, marks: readonly [number, number, number]): 0 | AlertLevel {
  if (minutes >= marks[2]) return 3;
  if (minutes >= marks[1]) return 2;
  if (minutes >= marks[0]) return 1;
  return 0;
}

export function waitGroups(watch: HallWatch, t: AlertThresholds): WaitGroup[] {
  const groups: WaitGroup[] = [];
  for (const s of watch.services) {
    const tickets = watch.waiting
      .filter((w) => w.serviceId === s.id)
      .map((w) => ({ ticketId: w.ticketId, number: w.number, minutes: Math.floor((watch.now.getTime() - Date.parse(w.issuedAt)) / 60_000) }))
      .filter((w) => w.minutes >= t.waitMinutes[0])
      .sort((a, b) => b.minutes - a.minutes);
    if (tickets.length === 0) continue;
    const longest = tickets[0]!.minutes;
    const level = waitLevel(longest, t.waitMinutes) as AlertLevel;
    const mark = t.waitMinutes[level - 1]!;
    groups.push({
      serviceId: s.id,
      serviceName: s.name,
      prefix: s.prefix ?? '',
      level,
      mark,
      count: tickets.filter((x) => x.minutes >= mark).length,
      longestMinutes: longest,
      tickets,
    });
  }
  return groups;
}

/** "A 税务登记：7 人等候超过 20 分钟，最长 68 分" */
export function waitGroupMessage(g: WaitGroup): string {
  return `${g.prefix ? `${g.prefix} ` : ''}${g.serviceName}：${g.count} 人等候超过 ${g.mark} 分钟，最长 ${g.longestMinutes} 分`;
}

export function waitAlerts(watch: HallWatch, t: AlertThresholds): AlertCandidate[] {
  return waitGroups(watch, t).map((g) => ({
    key: `wait:${g.serviceId}:${g.level}`,
    kind: 'wait',
    level: g.level,
    subjectType: 'service',
    subjectId: g.serviceId,
    message: waitGroupMessage(g),
    data: { serviceId: g.serviceId, count: g.count, mark: g.mark, longestMinutes: g.longestMinutes, waitingPastFirstMark: g.tickets.length },
  }));
}
