/**
 * What the use-cases need from storage. SQLite implements it in db/ (db/sqlite-async-store.ts:
 * the synchronous better-sqlite3 repositories behind promises); the PostgreSQL store of a city-wide
 * deployment (server/store/postgres/) implements the same interfaces. No SQL above this line.
 *
 * Every repository method answers through a promise, because PostgreSQL answers over a socket.
 * Writes run in a hall-scoped transaction, `store.writeHall(hallId, async (tx) => …)`: `tx` carries
 * the same repositories bound to that transaction, and `tx.writeHall` nests (a savepoint). A
 * transaction body awaits nothing but the store: no HTTP, no timers, no file I/O (on SQLite the
 * facade checks it, see db/sqlite-async-store.ts). Use-cases write through app/context.ts
 * `changeState`, which adds the events and their publication after commit.
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
  append<T extends HallEventType>(event: NewEvent<T>): Promise<HallEvent>;
  /** events of a hall after `sinceSeq`, oldest first, at most `limit` */
  since(hallId: string, sinceSeq: number, limit: number): Promise<HallEvent[]>;
  /**
   * The hall's newest committed seq (0: none): every event of the hall committed so far is at or
   * below it, every later one above. Per hall: on PostgreSQL seqs count per hall, so another
   * hall's seq says nothing about this one (a board given it would drop this hall's next events).
   */
  lastSeq(hallId: string): Promise<number>;
  /** the oldest seq still kept for a hall, or null when it has none */
  firstSeq(hallId: string): Promise<number | null>;
  /** events of the given types in [from, to), oldest first */
  inRange(hallId: string, types: readonly HallEventType[], from: string, to: string): Promise<HallEvent[]>;
}

export interface HallRepository {
  halls(): Promise<Hall[]>;
  hall(id: string): Promise<Hall | undefined>;
  zones(hallId: string): Promise<Zone[]>;
  zone(id: string): Promise<Zone | undefined>;
  departments(): Promise<Department[]>;
  services(hallId: string): Promise<Service[]>;
  service(id: string): Promise<Service | undefined>;
  windows(hallId: string): Promise<Window[]>;
  window(id: string): Promise<Window | undefined>;
  windowsServing(serviceId: string): Promise<Window[]>;
  saveWindowState(w: Pick<Window, 'id' | 'status' | 'pauseReason' | 'currentTicketId' | 'staffId' | 'statusChangedAt'>): Promise<void>;
  isEmpty(): Promise<boolean>;
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
  nextSequence(hallId: string, prefix: string, businessDay: string): Promise<number>;
  insert(ticket: Ticket): Promise<void>;
  update(ticket: Ticket): Promise<void>;
  get(id: string): Promise<Ticket | undefined>;
  /** queued tickets (waiting or transferred) of these services, issue order; only of that business day when given */
  queued(serviceIds: readonly string[], businessDay?: string): Promise<Ticket[]>;
  /**
   * per service with any, the queued tickets (any day) issued at or before each of three
   * instants (increasingly early), and the oldest one's issue time: counted on an index
   */
  waitingPastMarks(serviceIds: readonly string[], issuedBy: readonly [string, string, string]): Promise<Map<string, WaitSummary>>;
  queuedCount(serviceId: string, businessDay?: string): Promise<number>;
  /**
   * domain/wait-estimate `peopleAhead` for a ticket, without loading its queue: kept counts plus
   * its own class up to it. With `atMost`, any answer above atMost may stand for a larger one.
   */
  countQueuedAhead(own: QueuedTicketRef, now: string, atMost?: number): Promise<number>;
  /** countQueuedAhead of several tickets, reading each queue's kept counts and check-ins once */
  countQueuedAheadOfEach(owns: readonly QueuedTicketRef[], now: string, atMost?: number): Promise<number[]>;
  /**
   * What "call next" can pick from, without the whole queue: every queued appointment check-in
   * of these services and day, and the first `perPart` of each (service, status, priority) part
   * in issue order. The k-th call of domain/next-ticket only ever takes one of these (k ≤ perPart).
   */
  callCandidates(serviceIds: readonly string[], businessDay: string, perPart: number): Promise<Ticket[]>;
  /** queued tickets of a service (any day) that carry an appointment slot: the few check-ins */
  queuedWithSlot(serviceId: string): Promise<Ticket[]>;
  /** service seconds (finish − start) of the last `limit` finished tickets of a service */
  recentServiceSeconds(serviceId: string, limit: number): Promise<number[]>;
  recentCallClasses(windowId: string, limit: number): Promise<QueueClass[]>;
  recordCall(call: {
    ticketId: string;
    windowId: string;
    staffId: string | null;
    queueClass: QueueClass | 'recall' | 'manual';
    reason: string;
    recall: boolean;
    calledAt: string;
  }): Promise<void>;
  recentCalls(hallId: string, limit: number): Promise<{ number: string; windowId: string; windowNumber: number; at: string }[]>;
  byDay(hallId: string, businessDay: string): Promise<Ticket[]>;
  /** tickets of a business day that this window took, per status (kept counts, not a scan of the day) */
  countsAtWindow(windowId: string, businessDay: string): Promise<Partial<Record<Ticket['status'], number>>>;
}

export interface ServiceTimeRepository {
  /** start time and service seconds of the newest `limit` finished tickets of a service */
  recentSamples(serviceId: string, limit: number): Promise<{ startedAt: string; seconds: number }[]>;
}

export interface StaffRepository {
  byUsername(username: string): Promise<Staff | undefined>;
  get(id: string): Promise<Staff | undefined>;
  all(): Promise<Staff[]>;
  createSession(tokenHash: string, staffId: string, createdAt: string, expiresAt: string): Promise<void>;
  sessionStaff(tokenHash: string, now: string): Promise<Staff | undefined>;
  /** removes sessions past their expiry; returns their token hashes */
  deleteExpiredSessions(now: string): Promise<string[]>;
  /** ends every session of the person but one (a password change); returns their token hashes */
  deleteOtherSessions(staffId: string, keepTokenHash: string): Promise<string[]>;
  setPassword(staffId: string, passwordHash: string): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
}

export interface DeviceRepository {
  byTokenHash(tokenHash: string): Promise<Device | undefined>;
  get(id: string): Promise<Device | undefined>;
  touch(id: string, at: string): Promise<void>;
  health(hallId: string): Promise<DeviceHealth[]>;
  healthOf(id: string): Promise<DeviceHealth | undefined>;
  saveHealth(h: DeviceHealth): Promise<void>;
}

export interface EvaluationRepository {
  get(ticketId: string): Promise<Evaluation | undefined>;
  insert(e: Evaluation): Promise<void>;
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
  record(entry: AuditEntry): Promise<void>;
}

/** The dated part of each hall's working calendar (holidays, 调休, extended periods). */
export interface CalendarRepository {
  /** holidays and swapped days in [fromDate, toDate], the extended periods, the weekly days off (null: default) */
  dates(hallId: string, fromDate: string, toDate: string): Promise<{ days: CalendarDay[]; extended: ExtendedPeriod[]; weeklyDaysOff: number[] | null }>;
}

/** The repositories of the core, as a use-case sees them outside and inside a write. */
export interface StoreRepositories {
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
}

/**
 * The hall a write names when it is not one hall's: a configuration change (its audit entry may
 * list several halls, and a hall's write must not run beside a change of its services). A store
 * with a lock per hall makes it exclusive against every hall's writes; SQLite, with one writer per
 * file, has nothing more to do.
 */
export const ALL_HALLS = '*';

/**
 * The hall a write names when it changes no hall's state and no hall's write reads what it
 * writes: staff sessions (login, logout, expiry). A store with a lock per hall takes none for it,
 * so a sign-in never waits for a busy hall nor holds up the city; SQLite serialises it as any write.
 * It cannot append events (they belong to a hall).
 */
export const NO_HALL = '-';

export interface WriteOptions {
  /**
   * The write holds only figures derived from the event log, with their mark in the same
   * transaction (the supervision aggregates): a commit lost in a power cut is derived again at the
   * next start, so the store may commit it without waiting for the disk (SQLite: synchronous=NORMAL
   * for that commit; PostgreSQL: synchronous_commit off). Ignored on a nested write.
   */
  derived?: boolean;
}

export interface Store extends StoreRepositories {
  /**
   * Runs fn in one write transaction of the hall, all or nothing: a hall's writes run one at a
   * time, in every process that shares the store. Called on a `StoreTx`, it joins that transaction
   * as a savepoint (the inner part all or nothing, the outer one going on if it catches).
   */
  writeHall<T>(hallId: string, fn: (tx: StoreTx) => Promise<T>, opts?: WriteOptions): Promise<T>;
  /**
   * Runs fn's reads as one view of the database (a board's snapshot and its seq). Absent: the
   * store's reads already are one (SQLite answers them within one event-loop turn, which no write
   * can enter). PostgreSQL: a REPEATABLE READ read-only transaction.
   */
  readView?<T>(hallId: string, fn: (view: Store) => Promise<T>): Promise<T>;
  /** PostgreSQL: one round trip to the database within the store's bounds (rejects when it is away); absent on SQLite */
  ping?(): Promise<void>;
  /** PostgreSQL ends its pool (a promise); SQLite closes the file at once */
  close(): void | Promise<void>;
}

/** The store inside a write: its repositories run on the transaction (on SQLite: the one connection). */
export interface StoreTx extends Store {
  readonly hallId: string;
}
