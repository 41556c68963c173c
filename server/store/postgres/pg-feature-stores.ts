import type { CalendarPort, FeatureStores, SettingsPort } from '../../app/feature-stores.js';
import type { PgStore } from './pg-store.js';
import { pgSupervisionRepositories } from './supervision-repositories.js';

/**
 * The features' ports on the city database: PgStore's repositories, bound to its pool and, inside
 * a hall's `writeHall` (or `writeCity`), to that transaction.
 */
export function pgFeatureStores(store: PgStore): FeatureStores {
  const supervision = pgSupervisionRepositories(store);
  return {
    backend: 'postgres',
    appointments: store.appointments,
    phoneCodes: store.phoneCodes,
    outbox: store.outbox,
    calendar: store.calendar satisfies CalendarPort,
    settings: store.settings as SettingsPort,
    haocha: store.haocha,
    adminHalls: store.adminHalls,
    adminServices: store.adminServices,
    adminPeople: store.adminPeople,
    supervision,
    followUps: supervision.records,
  };
}
