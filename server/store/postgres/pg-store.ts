import type pg from 'pg';
import { PgEventLog } from './event-log.js';
import { PgHallReads } from './hall-reads.js';
import { writeHall, type HallTx } from './hall-transaction.js';
import { migratePostgres } from './migrate.js';
import { openPool } from './pool.js';
import { PgTicketStore } from './ticket-store.js';

/**
 * The city store: one pool per node, the repositories, and the hall-scoped write transaction.
 * Shaped like ports.ts's Store, async, with `writeHall(hallId, fn)` in place of `transaction(fn)`.
 */
export class PgStore {
  readonly events = new PgEventLog();
  readonly tickets = new PgTicketStore();
  readonly halls = new PgHallReads();

  private constructor(readonly pool: pg.Pool, readonly url: string) {}

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

  writeHall<T>(hallId: string, fn: (tx: HallTx) => Promise<T>): Promise<T> {
    return writeHall(this.pool, hallId, fn);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
