import type { Store } from '../server/app/ports.js';
import { dirname, join } from 'node:path';
import { openDatabase, type Db } from './database.js';
import { SqliteCalendarRepository } from './repositories/appointment-calendar-repository.js';
import { SqliteDeviceRepository } from './repositories/device-repository.js';
import { SqliteAuditRepository, SqliteEvaluationRepository } from './repositories/evaluation-repository.js';
import { EventArchive } from './repositories/event-archive.js';
import { SqliteEventLog } from './repositories/event-log.js';
import { SqliteHallRepository } from './repositories/hall-repository.js';
import { SqliteServiceTimeRepository } from './repositories/service-time-repository.js';
import { SqliteStaffRepository } from './repositories/staff-repository.js';
import { SqliteTicketRepository } from './repositories/ticket-repository.js';
import { asyncSqliteStore, type AsyncSqliteStoreOptions } from './sqlite-async-store.js';
import type { SyncRepositories } from './sync-ports.js';

export interface SqliteStore extends Store {
  /** the raw handle, for seeding and for feature repositories added beside these */
  db: Db;
  /** the same repositories, synchronous: for code that runs inside a better-sqlite3 transaction (db tests, bench generators) */
  sync: SyncRepositories;
  /** better-sqlite3's own transaction (BEGIN IMMEDIATE) around synchronous code that runs alone: db tests, bench generators */
  syncTransaction<T>(fn: () => T): T;
}

/** The folder beside the database where old events are archived (see EventArchive). */
export const ARCHIVE_DIR = 'archive';

export function openSqliteStore(file: string, options: AsyncSqliteStoreOptions = {}): SqliteStore {
  const db = openDatabase(file);
  const sync: SyncRepositories = {
    halls: new SqliteHallRepository(db),
    tickets: new SqliteTicketRepository(db),
    staff: new SqliteStaffRepository(db),
    devices: new SqliteDeviceRepository(db),
    evaluations: new SqliteEvaluationRepository(db),
    audit: new SqliteAuditRepository(db),
    events: new SqliteEventLog(db, file === ':memory:' ? undefined : new EventArchive(db, join(dirname(file), ARCHIVE_DIR))),
    calendar: new SqliteCalendarRepository(db),
    serviceTimes: new SqliteServiceTimeRepository(db),
  };
  return { ...asyncSqliteStore(db, sync, options), db, sync, syncTransaction: (fn) => db.transaction(fn).immediate() };
}
