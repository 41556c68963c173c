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
  /** how many wait past the first mark */
  pastFirstMark: number;
  /** every ticket past the first mark, longest first (empty when the watch has only a wait summary) */
  tickets: { ticketId: string; number: string; minutes: number }[];
}

/** 0 below the first mark, else the number of marks reached (a mark is reached at exactly its minute). */
export function waitLevel(minutes: number, marks: readonly [number, number, number]): 0 | AlertLevel {
  if (minutes >= marks[2]) return 3;
  if (minutes >= marks[1]) return 2;
  if (minutes >= marks[0]) return 1;
  return 0;
}

const group = (s: HallWatch['services'][number], longestMinutes: number, marks: AlertThresholds['waitMinutes'], pastMarks: readonly number[]) => {
  const level = waitLevel(longestMinutes, marks) as AlertLevel;
  return { serviceId: s.id, serviceName: s.name, prefix: s.prefix ?? '', level, mark: marks[level - 1]!, count: pastMarks[level - 1]!, longestMinutes };
};

/** the groups from the store's counts: as many reads whatever the number waiting */
function summaryGroups(watch: HallWatch, summary: NonNullable<HallWatch['waitSummary']>, t: AlertThresholds): WaitGroup[] {
  return watch.services.flatMap((s) => {
    const sum = summary.get(s.id);
    if (!sum || sum.pastMarks[0] === 0) return [];
    const longest = Math.floor((watch.now.getTime() - Date.parse(sum.oldestIssuedAt)) / 60_000);
    return [{ ...group(s, longest, t.waitMinutes, sum.pastMarks), pastFirstMark: sum.pastMarks[0], tickets: [] }];
  });
}

export function waitGroups(watch: HallWatch, t: AlertThresholds): WaitGroup[] {
  if (watch.waitSummary) return summaryGroups(watch, watch.waitSummary, t);
  const groups: WaitGroup[] = [];
  for (const s of watch.services) {
    const tickets = watch.waiting
      .filter((w) => w.serviceId === s.id)
      .map((w) => ({ ticketId: w.ticketId, number: w.number, minutes: Math.floor((watch.now.getTime() - Date.parse(w.issuedAt)) / 60_000) }))
      .filter((w) => w.minutes >= t.waitMinutes[0])
      .sort((a, b) => b.minutes - a.minutes);
    if (tickets.length === 0) continue;
    const pastMarks = t.waitMinutes.map((mark) => tickets.filter((x) => x.minutes >= mark).length);
    groups.push({ ...group(s, tickets[0]!.minutes, t.waitMinutes, pastMarks), pastFirstMark: tickets.length, tickets });
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
    data: { serviceId: g.serviceId, count: g.count, mark: g.mark, longestMinutes: g.longestMinutes, waitingPastFirstMark: g.pastFirstMark },
  }));
}
