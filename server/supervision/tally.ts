import { satisfactionRate, share } from '../domain/report-figures.js';
import { DenseHistogram, unpack } from '../domain/histogram.js';
import type { DayStatsRow, TimeRow } from '../../db/repositories/supervision-reports.js';

export type Metric = 'wait' | 'walk' | 'service';
export type Levels = Record<1 | 2 | 3 | 4 | 5, number>;

/** Counters and duration histograms of a group of visits, mergeable into any roll-up. */
export interface Tally {
  called: number;
  served: number;
  noShow: number;
  transferred: number;
  evaluations: Levels;
  hist: Record<Metric, DenseHistogram>;
  openS: number;
  pausedS: number;
  busyS: number;
  /** Σ served × the service's norm minutes, for the efficiency score */
  normMinutesServed: number;
}

export function emptyTally(): Tally {
  return {
    called: 0,
    served: 0,
    noShow: 0,
    transferred: 0,
    evaluations: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 },
    hist: { wait: new DenseHistogram(), walk: new DenseHistogram(), service: new DenseHistogram() },
    openS: 0,
    pausedS: 0,
    busyS: 0,
    normMinutesServed: 0,
  };
}

export type UnpackedDayRow = Omit<DayStatsRow, 'waitHist' | 'walkHist' | 'serviceHist'> &
  Record<'waitHist' | 'walkHist' | 'serviceHist', Uint8Array | Uint32Array | null>;

/** The row with its histograms decoded once, before it is added to several roll-ups. */
export function unpackDayRow(r: DayStatsRow): UnpackedDayRow {
  const u = (h: Uint8Array | null) => (h ? unpack(h) : null);
  return { ...r, waitHist: u(r.waitHist), walkHist: u(r.walkHist), serviceHist: u(r.serviceHist) };
}

/** Adds one day row: its counters and its three histograms. */
export function addDayRow(t: Tally, r: UnpackedDayRow, normMinutes: number): void {
  t.called += r.called;
  t.served += r.served;
  t.noShow += r.noShow;
  t.transferred += r.transferred;
  t.evaluations[1] += r.e1;
  t.evaluations[2] += r.e2;
  t.evaluations[3] += r.e3;
  t.evaluations[4] += r.e4;
  t.evaluations[5] += r.e5;
  t.normMinutesServed += r.served * normMinutes;
  t.hist.wait.addPacked(r.waitHist);
  t.hist.walk.addPacked(r.walkHist);
  t.hist.service.addPacked(r.serviceHist);
}

/** Adds a whole tally (a group of day rows) into a roll-up. */
export function addTally(t: Tally, from: Tally): void {
  t.called += from.called;
  t.served += from.served;
  t.noShow += from.noShow;
  t.transferred += from.transferred;
  for (const level of [1, 2, 3, 4, 5] as const) t.evaluations[level] += from.evaluations[level];
  t.normMinutesServed += from.normMinutesServed;
  t.hist.wait.addHistogram(from.hist.wait);
  t.hist.walk.addHistogram(from.hist.walk);
  t.hist.service.addHistogram(from.hist.service);
  addTime(t, { openS: from.openS, pausedS: from.pausedS, busyS: from.busyS });
}

export function addTime(t: Tally, r: Pick<TimeRow, 'openS' | 'pausedS' | 'busyS'>): void {
  t.openS += r.openS;
  t.pausedS += r.pausedS;
  t.busyS += r.busyS;
}

const tenthsToMinutes = (v: number | null) => (v === null ? null : v / 10);
const minutes1 = (s: number) => Math.round(s / 6) / 10;

function histFigures(h: DenseHistogram) {
  return {
    n: h.total,
    mean: h.total ? Math.round(h.sum / h.total) / 10 : null,
    p50: tenthsToMinutes(h.percentile(50)),
    p90: tenthsToMinutes(h.percentile(90)),
    max: tenthsToMinutes(h.max),
  };
}

export interface Figures {
  called: number;
  served: number;
  noShow: number;
  transferred: number;
  waitMinutes: { mean: number | null; p50: number | null; p90: number | null; max: number | null };
  /** percent of first calls that waited more than each mark */
  waitOverShare: [number | null, number | null, number | null];
  serviceMinutes: { mean: number | null; p90: number | null };
  walkMinutes: { mean: number | null; p90: number | null };
  openMinutes: number;
  pausedMinutes: number;
  idleMinutes: number;
  evaluations: Levels;
  satisfactionRate: number | null;
  badReviews: number;
}

/** The figures of a tally; `marks` are the waiting marks in minutes (shares above each). */
export function figures(t: Tally, marks: readonly number[] = [10, 20, 40]): Figures {
  const wait = histFigures(t.hist.wait);
  const service = histFigures(t.hist.service);
  const walk = histFigures(t.hist.walk);
  return {
    called: t.called,
    served: t.served,
    noShow: t.noShow,
    transferred: t.transferred,
    waitMinutes: { mean: wait.mean, p50: wait.p50, p90: wait.p90, max: wait.max },
    waitOverShare: [0, 1, 2].map((i) => share(t.hist.wait.countAbove((marks[i] ?? Infinity) * 10), wait.n)) as Figures['waitOverShare'],
    serviceMinutes: { mean: service.mean, p90: service.p90 },
    walkMinutes: { mean: walk.mean, p90: walk.p90 },
    openMinutes: minutes1(t.openS),
    pausedMinutes: minutes1(t.pausedS),
    idleMinutes: minutes1(Math.max(0, t.openS - t.pausedS - t.busyS)),
    evaluations: { ...t.evaluations },
    satisfactionRate: satisfactionRate(t.evaluations),
    badReviews: t.evaluations[1] + t.evaluations[2],
  };
}
