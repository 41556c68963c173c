/**
 * The storage ports of supervision (电子监察 · 绩效考核): the report aggregates, the alerts and
 * follow-ups, the report reads. The SQLite repositories (db/repositories/supervision-*.ts) implement
 * these shapes synchronously; the use-cases see them through `AsyncPort<…>`, which the PostgreSQL
 * repositories (server/store/postgres/supervision-*.ts) satisfy as well.
 */
import type { DayCounter, DayKey, DayMetric, OpenVisit, WindowRunState } from '../../db/repositories/supervision-aggregates.js';
import type { AlertRecord, AuditRow, FollowUpRecord } from '../../db/repositories/supervision-records.js';
import type { DayStatsRow, ReportFilter, SlotRow, SlotSum, TimeRow } from '../../db/repositories/supervision-reports.js';
import type { Store } from '../app/ports.js';
import type { CalendarDay } from '../domain/working-calendar.js';
import type { AsyncPort } from '../store/postgres/async-ports.js';
import type { HardwareWhere } from './device-labels.js';

export type {
  AlertRecord,
  AuditRow,
  DayCounter,
  DayKey,
  DayMetric,
  DayStatsRow,
  FollowUpRecord,
  OpenVisit,
  ReportFilter,
  SlotRow,
  SlotSum,
  TimeRow,
  WindowRunState,
};

/** duration samples to add to a stats row's histograms, per metric */
export type DaySamples = Partial<Record<DayMetric, readonly number[]>>;

export interface ServiceSlotAdd {
  hallId: string;
  day: string;
  serviceId: string;
  slot: number;
  weekday: number;
  issued?: number;
  cancelled?: number;
  appointments?: number;
  firstCalled?: number;
  served?: number;
}

export interface NewVisit {
  ticketId: string;
  visitNo: number;
  hallId: string;
  day: string;
  serviceId: string;
  windowId: string;
  staffId: string;
  calledAt: string;
  slot: number;
  firstCall: number;
  waitT: number | null;
}

export interface WindowTimeAdd {
  hallId: string;
  day: string;
  windowId: string;
  staffId: string;
  open: number;
  paused: number;
  busy: number;
}

/** the report aggregates (sup_* tables) and the aggregator's mark in the event log */
export interface SupervisionAggregatePort {
  progress(name: string): number;
  setProgress(name: string, seq: number): void;
  /** a half-hour slot's figures, with its day and month × weekday × hour sums */
  addServiceSlot(r: ServiceSlotAdd): void;
  /** a day row's counters and duration samples (tenths of a minute) per histogram, and the same on its month row */
  bumpDay(key: DayKey, counters: Partial<Record<DayCounter, number>>, samples?: DaySamples): void;
  lastVisit(ticketId: string): OpenVisit | undefined;
  /** the newest visit of each ticket that has one */
  lastVisits(ticketIds: readonly string[]): OpenVisit[];
  insertVisit(v: NewVisit): void;
  startVisit(ticketId: string, visitNo: number, at: string, walkT: number): void;
  endVisit(ticketId: string, visitNo: number, at: string, slot: number, serviceT: number | null, outcome: 'done' | 'no_show' | 'transferred'): void;
  rateVisit(ticketId: string, visitNo: number, level: number): void;
  windowState(windowId: string): WindowRunState | undefined;
  windowStates(hallId: string): WindowRunState[];
  saveWindowState(w: WindowRunState): void;
  addWindowTime(r: WindowTimeAdd): void;
}

/** alerts, bad-review follow-ups, per-hall settings, auto-balance and the audit trail's read */
export interface SupervisionRecordPort {
  activeAlerts(hallId: string): AlertRecord[];
  recentAlerts(hallId: string, from: string, limit?: number): AlertRecord[];
  alert(id: number): AlertRecord | undefined;
  insertAlert(a: Omit<AlertRecord, 'id' | 'resolvedAt' | 'ackBy' | 'ackAt' | 'ackNote'>): number;
  resolveAlert(id: number, at: string): void;
  acknowledgeAlert(id: number, by: string, at: string, note: string | null): void;
  insertFollowUp(
    f: Pick<
      FollowUpRecord,
      'ticketId' | 'hallId' | 'number' | 'level' | 'serviceId' | 'windowId' | 'staffId' | 'tags' | 'createdAt' | 'callbackDue' | 'rectifyDue'
    >,
  ): void;
  followUp(ticketId: string): FollowUpRecord | undefined;
  followUpComments(hallId: string, from: string, to: string): Map<string, string>;
  followUps(hallId: string, from: string, to: string): FollowUpRecord[];
  openFollowUps(hallId: string): FollowUpRecord[];
  overdueFollowUps(hallId: string, today: string): FollowUpRecord[];
  recordCallback(ticketId: string, by: string, at: string, note: string): void;
  recordRectification(ticketId: string, by: string, at: string, note: string): void;
  recordVisitorRating(ticketId: string, level: number, at: string): void;
  /** a setting's JSON value, or undefined when none is kept */
  setting(hallId: string, key: string): unknown;
  saveSetting(hallId: string, key: string, value: unknown): void;
  addWindowService(windowId: string, serviceId: string): void;
  audit(hallId: string, from: string, to: string, limit?: number): AuditRow[];
}

/** the report reads: grouped sums and histograms of the aggregates, never raw events */
export interface SupervisionReportPort {
  dayStats(f: ReportFilter): DayStatsRow[];
  slots(f: ReportFilter): SlotRow[];
  windowTime(f: ReportFilter): TimeRow[];
  slotSums(f: ReportFilter, by: 'service' | 'day' | 'day-service' | 'weekday-hour'): SlotSum[];
  runningWindows(hallId: string): { windowId: string; staffId: string; status: string; since: string; busySince: string | null }[];
  appointmentsMissed(hallId: string, fromIso: string, toIso: string): number | null;
}

export type AggregatesPort = AsyncPort<SupervisionAggregatePort>;
export type RecordsPort = AsyncPort<SupervisionRecordPort>;
export type ReportsPort = AsyncPort<SupervisionReportPort>;

/** the supervision repositories that write, bound to one hall's write transaction */
export interface SupervisionTxRepositories {
  aggregates: AggregatesPort;
  records: RecordsPort;
}

/** Everything supervision reads and writes, as one composition root builds it for SQLite or PostgreSQL. */
/**
 * How often, at most, a hall's background work runs after its events: the report figures' catch-up
 * and the alert check. Readers catch up before they read, so this bounds only how stale the tables
 * and the alerts may be. Each run costs the store its statements: nothing on SQLite's file in the
 * process, a dozen round trips on PostgreSQL.
 */
export interface SupervisionPace {
  catchUpMs: number;
  alertCheckMs: number;
}

/** SQLite's pace: a quarter of a second for the figures, a second for the alerts */
export const IN_PROCESS_PACE: SupervisionPace = { catchUpMs: 250, alertCheckMs: 1000 };

export interface SupervisionRepositories extends SupervisionTxRepositories {
  reports: ReportsPort;
  /** absent: IN_PROCESS_PACE */
  pace?: SupervisionPace;
  /** the hardware section of the configuration (device names on the monitor) */
  hardware(): Promise<HardwareWhere[]>;
  /** holidays and 调休 days of a hall's working calendar (follow-up deadlines) */
  calendarDays(hallId: string, fromDate: string, toDate: string): Promise<CalendarDay[]>;
  /**
   * The supervision repositories on a write transaction of the store (`store.writeHall`'s tx, or
   * `changeState`'s `ctx.store`): what a use-case writes inside it is committed or rolled back with it.
   */
  within(tx: Store): SupervisionTxRepositories;
}
