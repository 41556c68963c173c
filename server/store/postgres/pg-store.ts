import type pg from 'pg';
import { PgEventLog } from './event-log.js';
import { PgHallReads } from './hall-reads.js';
import { writeHall, type HallTx } from './hall-transaction.js';
import { migratePostgres } from './migrate.js';
import { openPool } from './pool.js';
import { PgTicketStore } from './ticket-store.js';

/** a repository's methods with their first argument (the connection or transaction) filled in */
type DropConnection<F> = F extends (db: never, ...rest: infer A) => infer R ? (...rest: A) => R : never;
export type Bound<T> = { [K in keyof T as T[K] extends (...args: never[]) => unknown ? K : never]: DropConnection<T[K]> };

function bindTo<T extends object>(repo: T, tx: HallTx): Bound<T> {
  const bound: Record<string, unknown> = {};
  for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(repo))) {
    const method = (repo as Record<string, unknown>)[name];
    if (name !== 'constructor' && typeof method === 'function') bound[name] = (...args: unknown[]) => method.call(repo, tx, ...args);
  }
  return bound as Bound<T>;
}

/** What a use-case sees inside `writeHall`: the ports' repositories, async, on the hall's transaction. */
export interface PgWriteTx extends HallTx {
  readonly tickets: Bound<PgTicketStore>;
  readonly halls: Bound<PgHallReads>;
  readonly events: Bound<PgEventLog>;
}

/**
 * The city store: one pool per node, the repositories, and the hall-scoped write transaction.
 * Shaped like ports.ts's Store, async, with `writeHall(hallId, fn)` in place of `transaction(fn)`.
 */
export class PgStore {
  readonly events = new PgEventLog();
  readonly tickets = new PgTicketStore();
  readonly halls = new PgHallReads();

  private constructor(
    readonly pool: pg.Pool,
    readonly url: string,
  ) {}

  /** connects and brings the schema up to date (nodes starting together migrate once) */
  static async open(url: string, opts: { poolSize?: number } = {}): Promise<PgStore> {
    const pool = openPool(url, opts.poolSize);
    try {
      await migratePostgres(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PgStore(pool, url);
  }

  /** runs fn in the hall's write transaction (the hall's lock held to the end): all or nothing */
  writeHall<T>(hallId: string, fn: (tx: PgWriteTx) => Promise<T>): Promise<T> {
    return writeHall(this.pool, hallId, (tx) =>
      fn({
        ...tx,
        tickets: bindTo(this.tickets, tx),
        halls: bindTo(this.halls, tx),
        events: bindTo(this.events, tx),
      }),
    );
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
