import { join } from 'node:path';
import type { AsyncPort, CalendarPort, FeatureStores, SettingsPort } from '../server/app/feature-stores.js';
import { backupDatabase } from './backup.js';
import type { Db } from './database.js';
import { AdminHallRepository } from './repositories/admin-hall-repository.js';
import { AdminPeopleRepository } from './repositories/admin-people-repository.js';
import { AdminServiceRepository } from './repositories/admin-service-repository.js';
import { EventArchive } from './repositories/event-archive.js';
import { SqliteCalendarRepository } from './repositories/appointment-calendar-repository.js';
import { SqliteAppointmentRepository } from './repositories/appointment-repository.js';
import { HaochaRepository } from './repositories/haocha-repository.js';
import { SqliteOutboxRepository } from './repositories/outbox-repository.js';
import { SqlitePhoneCodeRepository } from './repositories/phone-code-repository.js';
import { SqliteSettingsRepository } from './repositories/settings-repository.js';
import { sqliteSupervisionRepositories } from './repositories/supervision-sqlite.js';
import { ARCHIVE_DIR } from './sqlite-store.js';

/** A synchronous repository seen through its async port: each call runs now, its result (or throw) in a settled promise. */
export function toAsyncPort<T extends object>(repo: T): AsyncPort<T> {
  const port: Record<string, unknown> = {};
  for (let proto = Object.getPrototypeOf(repo) as object | null; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const method = (repo as Record<string, unknown>)[name];
      if (name === 'constructor' || name in port || typeof method !== 'function') continue;
      port[name] = (...args: unknown[]) => {
        try {
          return Promise.resolve(method.apply(repo, args));
        } catch (error) {
          return Promise.reject(error as Error);
        }
      };
    }
  }
  return port as AsyncPort<T>;
}

/**
 * The features' ports on one SQLite file: the synchronous repositories of db/repositories behind
 * promises that are already settled (as db/sqlite-async-store.ts does for the core), so a feature's
 * write inside `writeHall` still runs within one event-loop turn, on the one connection.
 */
export function sqliteFeatureStores(db: Db, dataDir: string): FeatureStores {
  const supervision = sqliteSupervisionRepositories(db);
  const archive = new EventArchive(db, join(dataDir, ARCHIVE_DIR));
  return {
    backend: 'sqlite',
    appointments: toAsyncPort(new SqliteAppointmentRepository(db)),
    phoneCodes: toAsyncPort(new SqlitePhoneCodeRepository(db)),
    outbox: toAsyncPort(new SqliteOutboxRepository(db)),
    calendar: toAsyncPort(new SqliteCalendarRepository(db)) satisfies CalendarPort,
    settings: toAsyncPort(new SqliteSettingsRepository(db)) as SettingsPort,
    haocha: toAsyncPort(new HaochaRepository(db)),
    adminHalls: toAsyncPort(new AdminHallRepository(db)),
    adminServices: toAsyncPort(new AdminServiceRepository(db)),
    adminPeople: toAsyncPort(new AdminPeopleRepository(db)),
    supervision,
    followUps: supervision.records,
    sqliteFile: { backup: (toFile) => backupDatabase(db, toFile), archiveBatch: (before) => archive.archiveBatch(before), archiveDir: archive.dir },
  };
}
