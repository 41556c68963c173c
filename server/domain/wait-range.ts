import { localHourOf } from './local-time.js';

/**
 * The wait a visitor is told: a range ("约 15–25 分钟"), or that no window serves the service
 * now. Counted from the windows that will actually serve the ticket: what those windows call
 * before it (their other services too, better classes first), at the pace of the service's
 * recent service times at this hour of the day.
 */
export interface EstimateWindow {
  id: string;
  open: boolean;
  /** every service the window serves */
  serviceIds: readonly string[];
}

export interface ServiceTimeSample {
  startedAt: Date;
  seconds: number;
}

export interface WaitRangeInput {
  serviceId: string;
  /** the hall's windows (or at least those sharing a service with one that serves serviceId) */
  windows: readonly EstimateWindow[];
  /** per service: queued tickets that will be called before this one (class order, then issue order) */
  aheadByService: Readonly<Record<string, number>>;
  /** per service: minutes one ticket takes (see servicePace); a service missing here counts as `fallbackPace` */
  paceByService: Readonly<Record<string, Pace>>;
  fallbackPace: Pace;
}

export interface Pace {
  mean: number;
  sd: number;
}

export interface PaceInput {
  /** the service's recently finished tickets, newest first */
  samples: readonly ServiceTimeSample[];
  /** the service's norm, used until enough tickets were served */
  normMinutes: number;
  now: Date;
  timeZone: string;
}

export type WaitRange =
  | { kind: 'no-window' }
  /** ahead: tickets the serving windows call first; low/high in whole minutes */
  | { kind: 'range'; ahead: number; low: number; high: number };

/** Below this many samples at the current hour, the day's other hours are used. */
export const MIN_HOUR_SAMPLES = 5;
const MIN_SAMPLES = 3;
/** spread of a service time when only the norm is known: a norm is a guess */
const NORM_SPREAD = 0.35;

export function estimateWaitRange(input: WaitRangeInput): WaitRange {
  const serving = input.windows.filter((w) => w.open && w.serviceIds.includes(input.serviceId));
  if (serving.length === 0) return { kind: 'no-window' };
  const before = ticketsBefore(input, serving);
  const ahead = before.reduce((a, b) => a + b.n, 0);
  if (ahead <= 0) return { kind: 'range', ahead: 0, low: 0, high: 0 };
  const k = serving.length;
  let centre = 0;
  let variance = 0;
  for (const { serviceId, n } of before) {
    const pace = input.paceByService[serviceId] ?? input.fallbackPace;
    centre += (n * pace.mean) / k;
    variance += (n * pace.sd ** 2) / k ** 2;
  }
  // a sum of n service times spreads as √n; never claim better than ±15 %
  const half = Math.max(1.3 * Math.sqrt(variance), centre * 0.15, 1);
  return { kind: 'range', ahead: Math.round(ahead), ...roundRange(Math.max(0, centre - half), centre + half) };
}

/**
 * Tickets the serving windows call before this one. A ticket of another service counts by the
 * share of its open windows that are among ours (window 2 serving only C takes its part of the
 * C queue off window 1).
 */
function ticketsBefore(input: WaitRangeInput, serving: readonly EstimateWindow[]): { serviceId: string; n: number }[] {
  const services = new Set(serving.flatMap((w) => w.serviceIds));
  const counts: { serviceId: string; n: number }[] = [];
  for (const id of services) {
    const n = input.aheadByService[id] ?? 0;
    if (n <= 0) continue;
    const ours = serving.filter((w) => w.serviceIds.includes(id)).length;
    const all = input.windows.filter((w) => w.open && w.serviceIds.includes(id)).length;
    counts.push({ serviceId: id, n: (n * ours) / Math.max(ours, all) });
  }
  return counts;
}

/** Mean and spread of one service time in minutes: this hour's samples, else the recent ones, else the norm. */
export function servicePace(input: PaceInput): Pace & { from: 'hour' | 'recent' | 'norm' } {
  const hour = localHourOf(input.now, input.timeZone);
  const atHour = input.samples.filter((s) => localHourOf(s.startedAt, input.timeZone) === hour);
  const [used, from] =
    atHour.length >= MIN_HOUR_SAMPLES
      ? [atHour, 'hour' as const]
      : input.samples.length >= MIN_SAMPLES
        ? [input.samples, 'recent' as const]
        : [[], 'norm' as const];
  if (used.length === 0) return { mean: input.normMinutes, sd: input.normMinutes * NORM_SPREAD, from };
  const minutes = used.map((s) => s.seconds / 60);
  const mean = minutes.reduce((a, b) => a + b, 0) / minutes.length;
  const sd = Math.sqrt(minutes.reduce((a, m) => a + (m - mean) ** 2, 0) / minutes.length);
  return { mean, sd, from };
}

/** Whole minutes; steps of 5 once the wait is long enough that minutes would be false precision. */
function roundRange(low: number, high: number): { low: number; high: number } {
  const step = high > 15 ? 5 : 1;
  const lo = Math.floor(low / step) * step;
  const hi = Math.max(Math.ceil(high / step) * step, lo + step);
  return { low: lo, high: hi };
}
