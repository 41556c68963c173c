/**
 * The two stores under one async face, for the contract suite: SQLite's repositories wrapped in
 * promises (as the async ports will see them) and PostgreSQL's, bound to its pool and, for writes,
 * to the hall's transaction. Seeding goes through plain SQL both engines take (`?` placeholders).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../../db/sqlite-store.js';
import { SqliteAppointmentRepository } from '../../../db/repositories/appointment-repository.js';
import { HaochaRepository } from '../../../db/repositories/haocha-repository.js';
import { SqliteOutboxRepository } from '../../../db/repositories/outbox-repository.js';
import { SqlitePhoneCodeRepository } from '../../../db/repositories/phone-code-repository.js';
import { SqliteSettingsRepository } from '../../../db/repositories/settings-repository.js';
import { AdminHallRepository } from '../../../db/repositories/admin-hall-repository.js';
import { AdminPeopleRepository } from '../../../db/repositories/admin-people-repository.js';
import { AdminServiceRepository } from '../../../db/repositories/admin-service-repository.js';
import { toAsyncPort, type AsyncAdminRepositories, type AsyncFeatureRepositories, type AsyncRepositories } from '../../../server/store/postgres/async-ports.js';
import { PgStore } from '../../../server/store/postgres/pg-store.js';
import type { PostgresServer } from '../../helpers/postgres-server.js';
import type { Store, StoreTx } from '../../../server/app/ports.js';
import type { SupervisionRepositories } from '../../../server/supervision/ports.js';
import { sqliteSupervisionRepositories } from '../../../db/repositories/supervision-sqlite.js';
import { pgSupervisionRepositories } from '../../../server/store/postgres/supervision-repositories.js';

type AllRepositories = AsyncRepositories & AsyncFeatureRepositories & AsyncAdminRepositories;

export interface ContractStore extends AllRepositories {
  name: 'sqlite' | 'postgres';
  /** one write transaction of a hall: `writeHall` on PostgreSQL, BEGIN IMMEDIATE on SQLite */
  write<T>(hallId: string, fn: (tx: AllRepositories) => Promise<T>): Promise<T>;
  /** one write transaction of what belongs to no one hall: `writeCity` on PostgreSQL, BEGIN IMMEDIATE on SQLite */
  writeCity<T>(fn: (tx: AllRepositories) => Promise<T>): Promise<T>;
  exec(sql: string, params?: unknown[]): Promise<void>;
  rows<T>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
  /** the store as the use-cases see it (ports.ts `Store`) and supervision's repositories on it */
  app: { store: Store; supervision: SupervisionRepositories };
}

const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

export function openSqliteContract(): ContractStore {
  const dir = mkdtempSync(join(tmpdir(), 'hallq-contract-'));
  const store = openSqliteStore(join(dir, 'hall.sqlite'));
  const repos: AllRepositories = {
    halls: toAsyncPort(store.sync.halls),
    tickets: toAsyncPort(store.sync.tickets),
    staff: toAsyncPort(store.sync.staff),
    devices: toAsyncPort(store.sync.devices),
    evaluations: toAsyncPort(store.sync.evaluations),
    audit: toAsyncPort(store.sync.audit),
    events: toAsyncPort(store.sync.events),
    serviceTimes: toAsyncPort(store.sync.serviceTimes),
    calendar: toAsyncPort(store.sync.calendar),
    appointments: toAsyncPort(new SqliteAppointmentRepository(store.db)),
    phoneCodes: toAsyncPort(new SqlitePhoneCodeRepository(store.db)),
    outbox: toAsyncPort(new SqliteOutboxRepository(store.db)),
    haocha: toAsyncPort(new HaochaRepository(store.db)),
    settings: toAsyncPort(new SqliteSettingsRepository(store.db)),
    adminHalls: toAsyncPort(new AdminHallRepository(store.db)),
    adminServices: toAsyncPort(new AdminServiceRepository(store.db)),
    adminPeople: toAsyncPort(new AdminPeopleRepository(store.db)),
  };
  // the suite awaits nothing but the store inside a write, and runs one write at a time
  const write = async <T>(fn: (tx: AllRepositories) => Promise<T>): Promise<T> => {
    store.db.exec('BEGIN IMMEDIATE');
    try {
      const result = await fn(repos);
      store.db.exec('COMMIT');
      return result;
    } catch (error) {
      store.db.exec('ROLLBACK');
      throw error;
    }
  };
  return {
    name: 'sqlite',
    ...repos,
    app: { store, supervision: sqliteSupervisionRepositories(store.db) },
    write: (_hallId, fn) => write(fn),
    writeCity: write,
    async exec(sql, params = []) {
      store.db.prepare(sql).run(...params);
    },
    async rows<T>(sql: string, params: unknown[] = []) {
      return store.db.prepare(sql).all(...params) as T[];
    },
    async close() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function openPgContract(server: PostgresServer): Promise<ContractStore> {
  const store = await PgStore.open(await server.createDatabase(), { poolSize: 4 });
  return {
    name: 'postgres',
    app: { store: useCaseStore(store), supervision: pgSupervisionRepositories(store) },
    halls: store.halls,
    tickets: store.tickets,
    staff: store.staff,
    devices: store.devices,
    evaluations: store.evaluations,
    audit: store.audit,
    events: store.events,
    serviceTimes: store.serviceTimes,
    calendar: store.calendar,
    appointments: store.appointments,
    phoneCodes: store.phoneCodes,
    outbox: store.outbox,
    haocha: store.haocha,
    settings: store.settings,
    adminHalls: store.adminHalls,
    adminServices: store.adminServices,
    adminPeople: store.adminPeople,
    write: (hallId, fn) => store.writeHall(hallId, fn),
    writeCity: (fn) => store.writeCity(fn),
    async exec(sql, params = []) {
      await store.pool.query(numbered(sql), params);
    },
    async rows<T>(sql: string, params: unknown[] = []) {
      return (await store.pool.query(numbered(sql), params)).rows as T[];
    },
    close: () => store.close(),
  };
}

/** PgStore under the `Store` face the use-cases take; its writeHall's tx carries every bound repository (supervision's too) */
export function useCaseStore(pg: PgStore): Store {
  const nested = () => Promise.reject(new Error('the contract suite nests no writeHall on PostgreSQL'));
  return {
    halls: pg.halls,
    tickets: pg.tickets,
    staff: pg.staff,
    devices: pg.devices,
    evaluations: pg.evaluations,
    audit: pg.audit,
    events: pg.events,
    serviceTimes: pg.serviceTimes,
    calendar: pg.calendar,
    writeHall: (hallId, fn, opts) => pg.writeHall(hallId, (tx) => fn({ ...tx, writeHall: nested, close: () => {} } as StoreTx), opts),
    close: () => void pg.close(),
  };
}
