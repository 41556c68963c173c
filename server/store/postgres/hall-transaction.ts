import type pg from 'pg';

/** what both a pooled connection and a transaction's client can run */
export type Queryable = Pick<pg.ClientBase, 'query'>;

/** A write transaction of one hall: every statement of a use-case runs on `client` (or on the tx itself). */
export interface HallTx extends Queryable {
  readonly hallId: string;
  readonly client: pg.PoolClient;
}

/** advisory-lock namespaces (the first key of the two-key form), so the kinds never collide */
export const LOCK_SPACE = { hallWrite: 1, hallLeader: 2 } as const;

/**
 * Runs fn in one transaction holding the hall's write lock until it ends. Every write of a hall,
 * on every node, goes through here, so a hall's transactions run one at a time: numbers, calls and
 * event seqs are allocated in commit order. READ COMMITTED, not REPEATABLE READ: each statement
 * after the lock wait takes a fresh snapshot and sees what the previous holder committed.
 */
export async function writeHall<T>(pool: pg.Pool, hallId: string, fn: (tx: HallTx) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // a session ended by the server while checked out emits 'error'; the pending query rejects with it anyway
  const ignore = () => {};
  client.on('error', ignore);
  try {
    await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_SPACE.hallWrite, hallId]);
    const result = await fn({ hallId, client, query: client.query.bind(client) as pg.ClientBase['query'] });
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // a connection that cannot even roll back is dropped from the pool, not handed to the next use-case
    await client.query('ROLLBACK').catch((e: Error) => {
      broken = e;
    });
    throw error;
  } finally {
    client.off('error', ignore);
    client.release(broken);
  }
}

/**
 * Numbers and event seqs of a hall are allocated only under its lock: `db` must be that hall's
 * `writeHall` transaction, not the pool nor another hall's transaction.
 */
export function requireHallTx(db: Queryable, hallId: string, what: string): asserts db is HallTx {
  const txHall = (db as Partial<HallTx>).hallId;
  if (txHall === undefined) throw new Error(`${what} of hall ${hallId} allocated outside writeHall`);
  if (txHall !== hallId) throw new Error(`${what} of hall ${hallId} allocated in a transaction of hall ${txHall}`);
}
