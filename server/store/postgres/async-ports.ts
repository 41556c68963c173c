/**
 * The ports of server/app/ports.ts as the async store API speaks them: every method returns a
 * Promise of what it returns today. The PostgreSQL repositories are checked against these types
 * (pg-store.ts), and `toAsyncPort` gives a synchronous (SQLite) repository the same shape.
 */
import type {
  AuditRepository,
  CalendarRepository,
  DeviceRepository,
  EvaluationRepository,
  EventLog,
  HallRepository,
  ServiceTimeRepository,
  StaffRepository,
  TicketRepository,
} from '../../app/ports.js';
import type { AppointmentRepository, OutboxRepository, PhoneCodeRepository, SettingsRepository } from '../../appointments/ports.js';
import type { AdminHallPort, AdminPeoplePort, AdminServicePort } from '../../admin/ports.js';
import type { HaochaOutboxRepository } from '../../haocha/ports.js';
import type { AsyncPort } from '../../app/feature-stores.js';

export type { AsyncPort } from '../../app/feature-stores.js';

/** every repository of the core, async: what a use-case reads through, and what `writeHall`'s tx carries */
export interface AsyncRepositories {
  halls: AsyncPort<HallRepository>;
  tickets: AsyncPort<TicketRepository>;
  staff: AsyncPort<StaffRepository>;
  devices: AsyncPort<DeviceRepository>;
  evaluations: AsyncPort<EvaluationRepository>;
  audit: AsyncPort<AuditRepository>;
  events: AsyncPort<EventLog>;
  serviceTimes: AsyncPort<ServiceTimeRepository>;
  calendar: AsyncPort<CalendarRepository>;
}

/** the appointments feature's and the outboxes' repositories, async (server/appointments/ports.ts, server/haocha/ports.ts) */
export interface AsyncFeatureRepositories {
  appointments: AsyncPort<AppointmentRepository>;
  phoneCodes: AsyncPort<PhoneCodeRepository>;
  outbox: AsyncPort<OutboxRepository>;
  haocha: AsyncPort<HaochaOutboxRepository>;
  settings: AsyncPort<SettingsRepository>;
}

/** the administration's repositories, async (server/admin/ports.ts) */
export interface AsyncAdminRepositories {
  adminHalls: AsyncPort<AdminHallPort>;
  adminServices: AsyncPort<AdminServicePort>;
  adminPeople: AsyncPort<AdminPeoplePort>;
}

/** gives a synchronous (SQLite) repository the async shape: see db/sqlite-feature-stores.ts */
export { toAsyncPort } from '../../../db/sqlite-feature-stores.js';
