/**
 * The core ports of server/app/ports.ts as better-sqlite3 answers them: synchronously. The
 * repositories of db/repositories implement these shapes; db/sqlite-async-store.ts puts them
 * behind the async ports the use-cases see.
 */
import type { StoreRepositories } from '../server/app/ports.js';

/** a port with each method answering directly instead of through a promise */
export type Sync<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : T[K];
};

/** the core repositories, synchronous */
export type SyncRepositories = {
  [K in keyof StoreRepositories]-?: Sync<NonNullable<StoreRepositories[K]>>;
};
