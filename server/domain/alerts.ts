/**
 * 电子监察 预警: which alerts a hall's current state calls for. Pure: the state and `now` come
 * in, candidates go out; the supervision engine records new ones and resolves those whose
 * condition has cleared. A candidate's `key` names its condition, so a condition raises one
 * alert however often it is checked.
 */
import { waitAlerts } from './wait-alerts.js';

export { waitLevel } from './wait-alerts.js';
import { isOverdue } from './working-days.js';

export interface AlertThresholds {
  /** waiting marks in minutes: impatient, annoyed, leaving (policy.waitAlertMinutes) */
  waitMinutes: [number, number, number];
  /** a queue longer than this … */
  queueLength: number;
  /** … with fewer than this many open windows serving it */
  minOpenWindows: number;
  /** a window paused longer than this while its services have people waiting */
  pausedMinutes: number;
  /** an open window with no ticket longer than this while its services have people waiting */
  idleMinutes: number;
  /** a service taking more than this many times the service's norm */
  serviceTimeFactor: number;
  /** a queue at least this long with an idle window able to serve it → balance suggestion */
  balanceQueueLength: number;
}

export const DEFAULT_ALERT_THRESHOLDS: AlertThresholds = {
  waitMinutes: [10, 20, 40],
  queueLength: 15,
  minOpenWindows: 2,
  pausedMinutes: 15,
  idleMinutes: 5,
  serviceTimeFactor: 2,
  balanceQueueLength: 8,
};

export type AlertKind = 'wait' | 'queue' | 'window-paused' | 'window-idle' | 'service-time' | 'device-offline' | 'followup-overdue';
/** 1 = notice, 2 = warning, 3 = serious */
export type AlertLevel = 1 | 2 | 3;

export interface AlertCandidate {
  key: string;
  kind: AlertKind;
  level: AlertLevel;
  subjectType: 'ticket' | 'service' | 'window' | 'device' | 'followup';
  subjectId: string;
  /** short Chinese line for the monitor and the webhook; never a visitor's personal data */
  message: string;
  data: Record<string, string | number>;
}

export interface WatchedService {
  id: string;
  name: string;
  normMinutes: number;
  prefix?: string;
}
export interface WatchedTicket {
  ticketId: string;
  number: string;
  serviceId: string;
  issuedAt: string;
}
export interface WatchedServing {
  ticketId: string;
  number: string;
  serviceId: string;
  windowId: string;
  startedAt: string;
}
export interface WatchedWindow {
  id: string;
  number: number;
  status: 'open' | 'paused' | 'closed';
  serviceIds: string[];
  /** when the current status began */
  statusSince: string | null;
  hasCurrentTicket: boolean;
  /** when the window last became free (no current ticket), or its opening */
  idleSince: string | null;
}
export interface WatchedDevice {
  id: string;
  kind: string;
  status: string;
  updatedAt: string;
}
export interface WatchedFollowUp {
  ticketId: string;
  number: string;
  callbackDue: string;
  callbackDone: boolean;
  rectifyDue: string;
  rectifyDone: boolean;
}

export interface WaitSummary {
  /** issue time of the longest waiting ticket */
  oldestIssuedAt: string;
  /** tickets waiting at least each of the three wait marks */
  pastMarks: readonly [number, number, number];
}

export interface HallWatch {
  now: Date;
  /** today's local date, for working-day deadlines */
  today: string;
  services: WatchedService[];
  /** queued tickets (empty when `waitSummary` stands for them) */
  waiting: WatchedTicket[];
  /**
   * per service id, what the wait rule needs of its queue, counted by the store: the alert
   * check's cost then does not grow with the number waiting (absent: read from `waiting`)
   */
  waitSummary?: ReadonlyMap<string, WaitSummary>;
  /** queued tickets per service id, counted by the store (absent: counted from `waiting`) */
  queued?: ReadonlyMap<string, number>;
  serving: WatchedServing[];
  windows: WatchedWindow[];
  devices: WatchedDevice[];
  followUps: WatchedFollowUp[];
}

const minutesSince = (iso: string, now: Date) => (now.getTime() - Date.parse(iso)) / 60_000;

export function hallAlerts(watch: HallWatch, t: AlertThresholds): AlertCandidate[] {
  return [
    ...waitAlerts(watch, t),
    ...queueAlerts(watch, t),
    ...windowAlerts(watch, t),
    ...serviceTimeAlerts(watch, t),
    ...deviceAlerts(watch),
    ...followUpAlerts(watch),
  ];
}

export function waitingByService(watch: HallWatch): Map<string, number> {
  if (watch.queued) return new Map(watch.queued);
  const counts = new Map<string, number>();
  for (const w of watch.waiting) counts.set(w.serviceId, (counts.get(w.serviceId) ?? 0) + 1);
  return counts;
}

function queueAlerts(watch: HallWatch, t: AlertThresholds): AlertCandidate[] {
  const counts = waitingByService(watch);
  const out: AlertCandidate[] = [];
  for (const s of watch.services) {
    const waiting = counts.get(s.id) ?? 0;
    const open = watch.windows.filter((w) => w.status === 'open' && w.serviceIds.includes(s.id)).length;
    if (waiting <= t.queueLength || open >= t.minOpenWindows) continue;
    out.push({
      key: `queue:${s.id}`,
      kind: 'queue',
      level: 2,
      subjectType: 'service',
      subjectId: s.id,
      message: `${s.name} 等候 ${waiting} 人，仅开 ${open} 个窗口`,
      data: { serviceId: s.id, waiting, openWindows: open },
    });
  }
  return out;
}

function windowAlerts(watch: HallWatch, t: AlertThresholds): AlertCandidate[] {
  const counts = waitingByService(watch);
  const out: AlertCandidate[] = [];
  for (const w of watch.windows) {
    const waiting = w.serviceIds.reduce((n, s) => n + (counts.get(s) ?? 0), 0);
    if (waiting === 0) continue;
    if (w.status === 'paused' && w.statusSince) {
      const minutes = minutesSince(w.statusSince, watch.now);
      if (minutes < t.pausedMinutes) continue;
      out.push({
        key: `window-paused:${w.id}:${w.statusSince}`,
        kind: 'window-paused',
        level: 2,
        subjectType: 'window',
        subjectId: w.id,
        message: `${w.number}号窗口 暂停 ${Math.floor(minutes)} 分钟，仍有 ${waiting} 人等候`,
        data: { windowId: w.id, windowNumber: w.number, minutes: Math.floor(minutes), waiting },
      });
    } else if (w.status === 'open' && !w.hasCurrentTicket && w.idleSince) {
      const minutes = minutesSince(w.idleSince, watch.now);
      if (minutes < t.idleMinutes) continue;
      out.push({
        key: `window-idle:${w.id}:${w.idleSince}`,
        kind: 'window-idle',
        level: 1,
        subjectType: 'window',
        subjectId: w.id,
        message: `${w.number}号窗口 空闲 ${Math.floor(minutes)} 分钟，仍有 ${waiting} 人等候`,
        data: { windowId: w.id, windowNumber: w.number, minutes: Math.floor(minutes), waiting },
      });
    }
  }
  return out;
}

function serviceTimeAlerts(watch: HallWatch, t: AlertThresholds): AlertCandidate[] {
  const norms = new Map(watch.services.map((s) => [s.id, s]));
  const windows = new Map(watch.windows.map((w) => [w.id, w.number]));
  const out: AlertCandidate[] = [];
  for (const s of watch.serving) {
    const service = norms.get(s.serviceId);
    if (!service) continue;
    const minutes = minutesSince(s.startedAt, watch.now);
    if (minutes < service.normMinutes * t.serviceTimeFactor) continue;
    out.push({
      key: `service-time:${s.ticketId}`,
      kind: 'service-time',
      level: 1,
      subjectType: 'ticket',
      subjectId: s.ticketId,
      message: `${windows.get(s.windowId) ?? ''}号窗口 办理 ${s.number} 已 ${Math.floor(minutes)} 分钟（标准 ${service.normMinutes} 分钟）`,
      data: { number: s.number, windowId: s.windowId, minutes: Math.floor(minutes), normMinutes: service.normMinutes },
    });
  }
  return out;
}

function deviceAlerts(watch: HallWatch): AlertCandidate[] {
  return watch.devices
    .filter((d) => d.status === 'offline')
    .map((d) => ({
      key: `device-offline:${d.id}`,
      kind: 'device-offline' as const,
      level: 2 as const,
      subjectType: 'device' as const,
      subjectId: d.id,
      message: `设备 ${d.id}（${d.kind}）离线`,
      data: { deviceId: d.id, kind: d.kind, since: d.updatedAt },
    }));
}

function followUpAlerts(watch: HallWatch): AlertCandidate[] {
  const out: AlertCandidate[] = [];
  for (const f of watch.followUps) {
    if (!f.callbackDone && isOverdue(f.callbackDue, watch.today)) {
      out.push({
        key: `followup-overdue:${f.ticketId}:callback`,
        kind: 'followup-overdue',
        level: 2,
        subjectType: 'followup',
        subjectId: f.ticketId,
        message: `${f.number} 差评回访逾期（应于 ${f.callbackDue} 前完成）`,
        data: { number: f.number, step: 'callback', due: f.callbackDue },
      });
    }
    if (!f.rectifyDone && isOverdue(f.rectifyDue, watch.today)) {
      out.push({
        key: `followup-overdue:${f.ticketId}:rectify`,
        kind: 'followup-overdue',
        level: 3,
        subjectType: 'followup',
        subjectId: f.ticketId,
        message: `${f.number} 差评整改逾期（应于 ${f.rectifyDue} 前完成）`,
        data: { number: f.number, step: 'rectify', due: f.rectifyDue },
      });
    }
  }
  return out;
}

export interface BalanceSuggestion {
  serviceId: string;
  serviceName: string;
  windowId: string;
  windowNumber: number;
  waiting: number;
}

/**
 * Auto-balance: a long queue, and an open window elsewhere whose own queues are much lighter
 * (at most half the long queue's people per open window) → suggest adding the service to it.
 * Idle windows first, then the lightest; heaviest queues first; one suggestion per window.
 */
export function balanceSuggestions(watch: HallWatch, t: AlertThresholds): BalanceSuggestion[] {
  const counts = waitingByService(watch);
  const open = watch.windows.filter((w) => w.status === 'open');
  const pressure = (serviceId: string) => (counts.get(serviceId) ?? 0) / Math.max(1, open.filter((w) => w.serviceIds.includes(serviceId)).length);
  const load = (w: WatchedWindow) => Math.max(0, ...w.serviceIds.map(pressure));
  const long = watch.services
    .map((s) => ({ s, waiting: counts.get(s.id) ?? 0, pressure: pressure(s.id) }))
    .filter((q) => q.waiting >= t.balanceQueueLength)
    .sort((a, b) => b.pressure - a.pressure || b.waiting - a.waiting);
  const used = new Set<string>();
  const out: BalanceSuggestion[] = [];
  for (const q of long) {
    const w = open
      .filter((c) => !used.has(c.id) && !c.serviceIds.includes(q.s.id) && load(c) * 2 <= q.pressure)
      .sort((a, b) => Number(a.hasCurrentTicket) - Number(b.hasCurrentTicket) || load(a) - load(b) || a.number - b.number)[0];
    if (!w) continue;
    used.add(w.id);
    out.push({ serviceId: q.s.id, serviceName: q.s.name, windowId: w.id, windowNumber: w.number, waiting: q.waiting });
  }
  return out;
}
