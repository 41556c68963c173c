import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { startPostgres, type PostgresServer } from '../../helpers/postgres-server.js';
import { seedHalls } from './seed.js';
import { openPgContract, openSqliteContract, type ContractStore } from './stores.js';

export interface BothStores {
  /** the file's throw-away PostgreSQL server */
  readonly server: PostgresServer;
  /** runs a scenario on SQLite, then on PostgreSQL, expects equal answers and returns SQLite's */
  same<T>(scenario: (s: ContractStore) => Promise<T>): Promise<T>;
}

/** A contract suite's stores: one PostgreSQL server per file, a fresh SQLite and PostgreSQL store per test (`seeded`: with the test halls). */
export function useBothStores(opts: { seeded?: boolean } = {}): BothStores {
  let server: PostgresServer | undefined;
  let stores: ContractStore[] = [];
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(() => server?.stop());
  beforeEach(async () => {
    stores = [openSqliteContract(), await openPgContract(server!)];
    if (opts.seeded) for (const s of stores) await seedHalls(s);
  });
  afterEach(async () => {
    await Promise.all(stores.map((s) => s.close()));
  });
  return {
    get server() {
      return server!;
    },
    async same(scenario) {
      const [sqlite, postgres] = [await scenario(stores[0]!), await scenario(stores[1]!)];
      expect(postgres, 'PostgreSQL answers as SQLite does').toEqual(sqlite);
      return sqlite;
    },
  };
}
