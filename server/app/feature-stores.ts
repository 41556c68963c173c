/**
 * The storage each feature (administration, appointments, 好差评, printing, voice, device host…)
 * works with: async ports only, built in one place per backend (db/sqlite-feature-stores.ts over
 * the SQLite repositories, server/store/postgres/pg-feature-stores.ts over the PostgreSQL ones)
 * by the composition root (server/server.ts), and handed to `Feature.setup(ctx, stores)`.
 *
 * A port called inside a hall's write (`ctx.store.writeHall`, `changeState`) runs in that
 * transaction: on SQLite there is one connection anyway; on PostgreSQL the ports follow the
 * transaction the call runs in (hall-transaction.ts keeps it in an AsyncLocalStorage).
 */
import type { FollowUpRecord } from '../../db/repositories/supervision-records.js';
import type { AdminHallPort, AdminPeoplePort, AdminServicePort } from '../admin/ports.js';
import type { AppointmentRepository, OutboxRepository, PhoneCodeRepository } from '../appointments/ports.js';
import type { CalendarDay, ExtendedPeriod } from '../domain/working-calendar.js';
import type { HaochaOutboxRepository } from '../haocha/ports.js';
import type { SupervisionRepositories } from '../supervision/ports.js';

/** a port interface with each method's result in a Promise */
export type AsyncPort<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : T[K] };

/** whole-installation settings kept as JSON documents (`buses`, `hardware`, `haocha`, …) */
export interface SettingsPort {
  get<T>(key: string, fallback: T): Promise<T>;
  remove(key: string): Promise<void>;
  put(key: string, value: unknown): Promise<void>;
}

/** the working calendar's dated entries, as the appointments feature manages them */
export interface CalendarPort {
  dates(hallId: string, fromDate: string, toDate: string): Promise<{ days: CalendarDay[]; extended: ExtendedPeriod[]; weeklyDaysOff: number[] | null }>;
  putDay(hallId: string, day: CalendarDay): Promise<void>;
  deleteDay(hallId: string, date: string): Promise<boolean>;
  deleteYear(hallId: string, year: string): Promise<number>;
  setWeeklyDaysOff(hallId: string, daysOff: readonly number[]): Promise<void>;
  addExtended(hallId: string, p: ExtendedPeriod): Promise<void>;
  deleteExtended(hallId: string, id: string): Promise<boolean>;
}

/** the supervision follow-up of a 差评, as the 好差评 push reads it */
export interface FollowUpReader {
  followUp(ticketId: string): Promise<FollowUpRecord | undefined>;
}

/** the housekeeping of a SQLite file: its nightly copy and the archiving of old events beside it */
export interface SqliteFilePort {
  backup(toFile: string): Promise<{ bytes: number }>;
  /** moves one batch of events older than `before` to the archive folder; returns how many */
  archiveBatch(before: string): number;
  readonly archiveDir: string;
}

export interface FeatureStores {
  backend: 'sqlite' | 'postgres';
  appointments: AsyncPort<AppointmentRepository>;
  phoneCodes: AsyncPort<PhoneCodeRepository>;
  outbox: AsyncPort<OutboxRepository>;
  calendar: CalendarPort;
  settings: SettingsPort;
  haocha: AsyncPort<HaochaOutboxRepository>;
  adminHalls: AsyncPort<AdminHallPort>;
  adminServices: AsyncPort<AdminServicePort>;
  adminPeople: AsyncPort<AdminPeoplePort>;
  /** supervision's aggregates, records and reports (`within(tx)` for a write's) */
  supervision: SupervisionRepositories;
  /** the 差评 follow-ups the 好差评 push reads (supervision's records) */
  followUps: FollowUpReader;
  /** SQLite only: PostgreSQL is backed up and pruned with its own tools */
  sqliteFile?: SqliteFilePort;
}
