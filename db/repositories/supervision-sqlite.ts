import type { Db } from '../database.js';
import type { SupervisionRepositories } from '../../server/supervision/ports.js';
import type { HardwareWhere } from '../../server/supervision/device-labels.js';
import { toAsyncPort } from '../../server/store/postgres/async-ports.js';
import { SqliteCalendarRepository } from './appointment-calendar-repository.js';
import { SqliteSettingsRepository } from './settings-repository.js';
import { SupervisionAggregateRepository } from './supervision-aggregates.js';
import { SupervisionRecordRepository } from './supervision-records.js';
import { SupervisionReportRepository } from './supervision-reports.js';

/**
 * Supervision's repositories on one SQLite file, behind their async ports. Every repository shares
 * the store's one connection, so inside a `writeHall` of `store` they already write in its
 * transaction: `within` hands back the same ones.
 */
export function sqliteSupervisionRepositories(db: Db, opts: { monthRows?: boolean } = {}): SupervisionRepositories {
  const aggregates = toAsyncPort(new SupervisionAggregateRepository(db));
  const records = toAsyncPort(new SupervisionRecordRepository(db));
  const calendar = new SqliteCalendarRepository(db);
  const settings = new SqliteSettingsRepository(db);
  return {
    aggregates,
    records,
    reports: toAsyncPort(new SupervisionReportRepository(db, opts)),
    hardware: () => Promise.resolve(settings.get<HardwareWhere[]>('hardware', [])),
    calendarDays: (hallId, from, to) => Promise.resolve(calendar.dates(hallId, from, to).days),
    within: () => ({ aggregates, records }),
  };
}
