import { join } from 'node:path';
import type { Logger } from 'pino';
import { sqliteFeatureStores } from '../db/sqlite-feature-stores.js';
import { openSqliteStore, type SqliteStore } from '../db/sqlite-store.js';
import type { FeatureStores } from './app/feature-stores.js';
import { ALL_HALLS, type Store } from './app/ports.js';
import { writeConfig } from './admin/config-import.js';
import type { HallConfig } from './config/schema.js';
import { seedDatabase } from './config/seed.js';
import { DataDirError } from './data-dir.js';
import { pgFeatureStores } from './store/postgres/pg-feature-stores.js';
import { PgStore } from './store/postgres/pg-store.js';
import { joinPgCluster, type PgClusterOptions } from './store/postgres/pg-cluster-node.js';
import { DEFAULT_PG_TIMEOUTS, type PgTimeouts } from './store/postgres/pg-timeouts.js';
import type { ClusterNode } from './app/cluster-node.js';
import type { EventBus } from './app/event-bus.js';

export const DATABASE_FILE = 'hall-queue.sqlite';

/** The store the server runs on, with every feature's ports, built for one backend. */
export interface OpenedStore {
  backend: 'sqlite' | 'postgres';
  store: Store;
  features: FeatureStores;
  /** the SQLite store itself (its raw handle, its synchronous repositories); absent on PostgreSQL */
  sqlite?: SqliteStore;
  /** writes a validated config into the new (empty) database, all or nothing */
  seed(config: HallConfig, passwordHashes: ReadonlyMap<string, string>): Promise<void>;
  /** PostgreSQL: this node joins the others on the database (events from the log, hall leaders) */
  joinCluster?(bus: EventBus, opts?: PgClusterOptions): Promise<ClusterNode>;
  close(): Promise<void>;
}

/** `database` as the config, the flag or HALLQ_DATABASE give it: absent or `sqlite` → the data dir's file */
export function databaseBackend(database: string | undefined): 'sqlite' | 'postgres' {
  if (database === undefined || database === '' || database === 'sqlite') return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(database)) return 'postgres';
  throw new DataDirError(`database must be "sqlite" or a postgres://… URL, not "${database.replace(/\/\/[^@/]*@/, '//…@')}"`);
}

/** `pgTimeouts`: PostgreSQL's bounds on every wait (pg-timeouts.ts), the defaults unless given */
export async function openStore(dataDir: string, database: string | undefined, log: Logger, pgTimeouts = DEFAULT_PG_TIMEOUTS): Promise<OpenedStore> {
  return databaseBackend(database) === 'postgres' ? await openPostgres(database!, log, pgTimeouts) : openSqlite(dataDir);
}

function openSqlite(dataDir: string): OpenedStore {
  let store: SqliteStore;
  try {
    store = openSqliteStore(join(dataDir, DATABASE_FILE));
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (/READONLY|CANTOPEN|PERM|ACCES/.test(code))
      throw new DataDirError(`data directory ${dataDir} is not writable (${code}): give the service account write access, or choose another with --data`);
    throw err;
  }
  return {
    backend: 'sqlite',
    store,
    features: sqliteFeatureStores(store.db, dataDir),
    sqlite: store,
    seed: (config, hashes) => Promise.resolve(seedDatabase(store.db, config, hashes)),
    close: () => Promise.resolve(store.close()),
  };
}

async function openPostgres(url: string, log: Logger, timeouts: PgTimeouts): Promise<OpenedStore> {
  const store = await PgStore.open(url, { timeouts }); // brings the schema up to date, as `hall-queue migrate` does
  log.info({ database: url.replace(/\/\/[^@/]*@/, '//…@'), timeouts }, 'running on PostgreSQL');
  const features = pgFeatureStores(store);
  return {
    backend: 'postgres',
    store,
    features,
    // through the admin ports, in one transaction: the same rows an import of the file would write
    seed: (config, hashes) =>
      store.writeHall(ALL_HALLS, async () => {
        const writer = { halls: features.adminHalls, services: features.adminServices, people: features.adminPeople, settings: features.settings };
        await writeConfig(writer, config, hashes);
      }),
    joinCluster: (bus, opts) => joinPgCluster(store, bus, log, opts),
    close: () => store.close(),
  };
}
