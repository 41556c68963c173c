/**
 * The storage ports of the appointments feature and of the notification outbox, as the SQLite
 * repositories (db/repositories) speak them today: synchronous. The PostgreSQL repositories
 * (server/store/postgres) satisfy `AsyncPort<…>` of the same interfaces.
 */
import type { PhoneCode } from '../../db/repositories/phone-code-repository.js';
import type { NewOutboxMessage, OutboxMessage } from '../../db/repositories/outbox-repository.js';
import type { PhoneHistory } from '../domain/booking-identity.js';
import type { SlotSettings } from '../domain/slots.js';
import type { Appointment, AppointmentBar, AppointmentRules } from './model.js';

/** bookings, their slots' settings, the hall's rules and the booking bars */
export interface AppointmentRepository {
  /** a new booking; on PostgreSQL only inside its hall's `writeHall`, where the slot's places were counted */
  insert(a: Appointment): void;
  update(a: Appointment): void;
  byCode(code: string): Appointment | undefined;
  byId(id: string): Appointment | undefined;
  /** places taken in a slot: every booking not cancelled (a no-show held its place) */
  taken(serviceId: string, slotStart: string): number;
  takenBySlot(serviceId: string, from: string, to: string): Map<string, number>;
  inRange(hallId: string, from: string, to: string): Appointment[];
  /** booked, not checked in, starting at or before `startedBy` (every hall) */
  overdue(startedBy: string): Appointment[];
  noShowsSince(hallId: string, phoneHash: string, idHash: string | null, since: string): { phoneHash: string; idHash: string | null }[];
  openOfPerson(hallId: string, phoneHash: string, idHash: string | null, now: string): { serviceId: string; slotStart: string }[];
  activeBar(hallId: string, phoneHash: string, idHash: string | null, now: string): AppointmentBar | undefined;
  insertBar(b: AppointmentBar): void;
  activeBars(hallId: string, now: string): AppointmentBar[];
  bar(id: string): AppointmentBar | undefined;
  liftBar(id: string, at: string, by: string, reason: string): void;
  phoneHistory(hallId: string, phoneHash: string, since: string): PhoneHistory;
  /** erases name and phone of appointments that ended before `before`; returns how many */
  purge(hallId: string, before: string, now: string): number;
  slotSettings(serviceId: string): SlotSettings | undefined;
  putSlotSettings(serviceId: string, s: SlotSettings): void;
  rules(hallId: string): Partial<AppointmentRules>;
  putRules(hallId: string, rules: AppointmentRules): void;
  putMaterials(serviceId: string, text: string): void;
}

/** SMS confirmation codes, by keyed hash of the phone */
export interface PhoneCodeRepository {
  insert(hallId: string, phoneHash: string, codeHash: string, createdAt: string, expiresAt: string): void;
  sentSince(hallId: string, phoneHash: string, since: string): number;
  latestValid(hallId: string, phoneHash: string, now: string): PhoneCode | undefined;
  countAttempt(id: number): void;
  /** false when it was already used */
  markUsed(id: number, at: string): boolean;
  purgeExpired(before: string): number;
}

/** the notification outbox (reminders, check-in, bars…): survives restarts, sent at least once */
export interface OutboxRepository {
  /** false when a message with this dedupe key exists already */
  enqueue(m: NewOutboxMessage): boolean;
  /** the due messages, untouched: for one dispatcher alone */
  due(now: string, limit: number): OutboxMessage[];
  /**
   * Takes up to `limit` due messages for one sender until `until`: they are not due for anyone
   * else before then (a sender that dies hands them back by the lease running out). Two callers,
   * on one node or two, never take the same message. `claimer` (PostgreSQL: the node's claim key,
   * `AppContext.claimKey`) ties the claim to the node's session as well: once that session is gone,
   * another node takes the messages over at once. SQLite's single server ignores it.
   */
  claimDue(now: string, until: string, limit: number, claimer?: number): OutboxMessage[];
  markSent(id: number, at: string): void;
  markDropped(id: number): void;
  /** a failed attempt: try again at `nextAttemptAt`, or give up (`failed`) when it is null; with `claimer`, only while the claim is still its */
  markAttemptFailed(id: number, error: string, nextAttemptAt: string | null, claimer?: number): void;
  dropPending(appointmentId: string, keepKind: string): void;
  reschedule(dedupeKey: string, at: string): boolean;
  all(hallId: string): OutboxMessage[];
}

/** whole-installation settings kept as JSON documents (`buses`, `hardware`, …) */
export interface SettingsRepository {
  get<T>(key: string, fallback: T): T;
  remove(key: string): void;
  put(key: string, value: unknown): void;
}
