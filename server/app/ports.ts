/**
 * What the use-cases need from storage. SQLite implements it in db/; a PostgreSQL store for
 * a city-wide deployment would implement the same interfaces. No SQL above this line.
 */
import type { HallEvent, HallEventDataMap, HallEventType } from '../contract/events.js';
import type { QueueClass } from '../domain/next-ticket.js';
import type { WaitSummary } from '../domain/alerts.js';
import type { Department, Device, DeviceHealth, Evaluation, Hall, Service, Staff, Ticket, Window, Zone } from '../domain/model.js';
import type { CalendarDay, ExtendedPeriod } from '../domain/working-calendar.js';

export interface NewEvent<T extends HallEventType = HallEventType> {
  type: T;
  at: string;
  hallId: string;
  zoneId?: string | null;
  windowId?: string | null;
  data: HallEventDataMap[T];
}

export interface EventLog {
  append<T extends HallEventType>(event: NewEvent<T>): HallEvent;
  /** events of a hall after `sinceSeq`, oldest first, at most `limit` */
  since(hallId: string, sinceSeq: number, limit: number): HallEvent[];
  lastSeq(): number;
  /** the oldest seq still kept for a hall, or null when it has none */
  firstSeq(hallId: string): number | null;
  /** events of the given types in [from, to), oldest first */
  inRange(hallId: string, types: readonly HallEventType[], from: string, to: string): HallEvent[];
}

export interface HallRepository {
  halls(): Hall[];
  hall(id: string): Hall | undefined;
  zones(hallId: string): Zone[];
  zone(id: string): Zone | undefined;
  departments(): Department[];
  services(hallId: string): Service[];
  service(id: string): Service | undefined;
  windows(hallId: string): Window[];
  window(id: string): Window | undefined;
  windowsServing(serviceId: string): Window[];
  saveWindowState(w: Pick<Window, 'id' | 'status' | 'pauseReason' | 'currentTicketId' | 'staffId' | 'statusChangedAt'>): void;
  isEmpty(): boolean;
}

export interface QueuedTicketRef {
  id: string;
  serviceId: string;
  businessDay: string;
  issuedAt: string;
  seqNo: number;
  /** CLASS_RANK of its queue class now */
  rank: number;
}

export interface TicketRepository {
  nextSequence(hallId: string, prefix: string, businessDay: string): number;
  insert(ticket: Ticket): void;
  update(ticket: Ticket): void;
  get(id: string): Ticket | undefined;
  /** queued tickets (waiting or transferred) of these services, issue order; only of that business day when given */
  queued(serviceIds: readonly string[], businessDay?: string): Ticket[];
  /**
   * per service with any, the queued tickets (any day) issued at or before each of three
   * instants (increasingly early), and the oldest one's issue time: counted on an index
   */
  waitingPastMarks(serviceIds: readonly string[], issuedBy: readonly [string, string, string]): Map<string, WaitSummary>;
  queuedCount(serviceId: string, businessDay?: string): number;
  /**
   * domain/wait-estimate `peopleAhead` for a ticket, without loading its queue: kept counts plus
   * its own class up to it. With `atMost`, any answer above atMost may stand for a larger one.
   */
  countQueuedAhead(own: QueuedTicketRef, now: string, atMost?: number): number;
  /** countQueuedAhead of several tickets, reading each queue's kept counts and check-ins once */
  countQueuedAheadOfEach(owns: readonly QueuedTicketRef[], now: string, atMost?: number): number[];
  /**
   * What "call next" can pick from, without the whole queue: every queued appointment check-in
   * of these services and day, and the first `perPart` of each (service, status, priority) part
   * in issue order. The k-th call of domain/next-ticket only ever takes one of these (k ≤ perPart).
   */
  callCandidates(serviceIds: readonly string[], businessDay: string, perPart: number): Ticket[];
  /** queued tickets of a service (any day) that carry an appointment slot: the few check-ins */
  queuedWithSlot(serviceId: string): Ticket[];
  /** service seconds (finish − start) of the last `limit` finished tickets of a service */
  recentServiceSeconds(serviceId: string, limit: number): number[];
  recentCallClasses(windowId: string, limit: number): QueueClass[];
  recordCall(call: {
    ticketId: string;
    windowId: string;
    staffId: string | null;
    queueClass: QueueClass | 'recall' | 'manual';
    reason: string;
    recall: boolean;
    calledAt: string;
  }): void;
  recentCalls(hallId: string, limit: number): { number: string; windowId: string; windowNumber: number; at: string }[];
  byDay(hallId: string, businessDay: string): Ticket[];
  /** tickets of a business day that this window took, per status (kept counts, not a scan of the day) */
  countsAtWindow(windowId: string, businessDay: string): Partial<Record<Ticket['status'], number>>;
}

export interface ServiceTimeRepository {
  /** start time and service seconds of the newest `limit` finished tickets of a service */
  recentSamples(serviceId: string, limit: number): { startedAt: string; seconds: number }[];
}

export interface StaffRepository {
  byUsername(username: string): Staff | undefined;
  get(id: string): Staff | undefined;
  all(): Staff[];
  createSession(tokenHash: string, staffId: string, createdAt: string, expiresAt: string): void;
  sessionStaff(tokenHash: string, now: string): Staff | undefined;
  /** removes sessions past their expiry; returns their token hashes */
  deleteExpiredSessions(now: string): string[];
  /** ends every session of the person but one (a password change); returns their token hashes */
  deleteOtherSessions(staffId: string, keepTokenHash: string): string[];
  setPassword(staffId: string, passwordHash: string): void;
  deleteSession(tokenHash: string): void;
}

export interface DeviceRepository {
  byTokenHash(tokenHash: string): Device | undefined;
  get(id: string): Device | undefined;
  touch(id: string, at: string): void;
  health(hallId: string): DeviceHealth[];
  healthOf(id: string): DeviceHealth | undefined;
  saveHealth(h: DeviceHealth): void;
}

export interface EvaluationRepository {
  get(ticketId: string): Evaluation | undefined;
  insert(e: Evaluation): void;
}

export interface AuditEntry {
  at: string;
  hallId: string | null;
  /** further halls the change touches: the entry is listed under each of them too */
  alsoHallIds?: readonly string[];
  actorType: 'user' | 'device' | 'system';
  actorId: string;
  action: string;
  entity: string;
  entityId: string;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditRepository {
  record(entry: AuditEntry): void;
}

/** The dated part of each hall's working calendar (holidays, 调休, extended periods). */
export interface CalendarRepository {
  /** holidays and swapped days in [fromDate, toDate], the extended periods, the weekly days off (null: default) */
  dates(hallId: string, fromDate: string, toDate: string): { days: CalendarDay[]; extended: ExtendedPeriod[]; weeklyDaysOff: number[] | null };
}

export interface Store {
  halls: HallRepository;
  tickets: TicketRepository;
  staff: StaffRepository;
  devices: DeviceRepository;
  evaluations: EvaluationRepository;
  audit: AuditRepository;
  events: EventLog;
  /** absent: wait ranges use each service's norm */
  serviceTimes?: ServiceTimeRepository;
  /** absent: every day is a working day (stores without a calendar) */
  calendar?: CalendarRepository;
  /** runs fn in one write transaction (BEGIN IMMEDIATE); all or nothing */
  transaction<T>(fn: () => T): T;
  close(): void;
}
