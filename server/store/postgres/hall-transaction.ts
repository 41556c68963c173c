import pg from 'pg';
import { ALL_HALLS, NO_HALL } from '../../app/ports.js';
import type { PgConfigCopy } from './config-copy.js';
import { wentSilent } from './pool.js';
import { deferWrites } from './write-later.js';

/** what both a pooled connection and a transaction's client can run */
export type Queryable = Pick<pg.ClientBase, 'query'>;

/** A write transaction of one hall: every statement of a use-case runs on `client` (or on the tx itself). */
export interface HallTx extends Queryable {
  readonly hallId: string;
  readonly client: pg.PoolClient;
}

/** advisory-lock namespaces (the first key of the two-key form), so the kinds never collide */
export const LOCK_SPACE = { hallWrite: 1, hallLeader: 2, cityConfig: 3, allHalls: 4, outboxClaim: 5 } as const;

/**
 * The city-wide key every hall's write holds SHARED and an `ALL_HALLS` write holds EXCLUSIVE: halls
 * never wait for each other on it, and a configuration change waits for the hall writes in flight,
 * runs alone, and makes the next ones wait for its commit (as SQLite's one writer does).
 */
const ALL_HALLS_KEY = `${LOCK_SPACE.allHalls}, 0`;

/** the statements that open a write's transaction and take its locks, sent as one round trip */
export function openingStatements(client: Pick<pg.ClientBase, 'escapeLiteral'>, hallId: string): string {
  const begin = 'BEGIN ISOLATION LEVEL READ COMMITTED';
  if (hallId === NO_HALL) return begin;
  if (hallId === ALL_HALLS) return `${begin}; SELECT pg_advisory_xact_lock(${ALL_HALLS_KEY})`;
  return `${begin}; SELECT pg_advisory_xact_lock_shared(${ALL_HALLS_KEY}); SELECT pg_advisory_xact_lock(${LOCK_SPACE.hallWrite}, hashtext(${client.escapeLiteral(hallId)}))`;
}

/** what a savepoint into `hallId` must add to the locks its transaction holds (opened for `outer`) */
export function widening(client: Pick<pg.ClientBase, 'escapeLiteral'>, outer: string, hallId: string): string | undefined {
  if (hallId === outer || hallId === NO_HALL || outer === ALL_HALLS) return undefined;
  // a hall's write widening to every hall upgrades its shared key: two doing so at once deadlock, and PostgreSQL ends one
  if (hallId === ALL_HALLS) return `SELECT pg_advisory_xact_lock(${ALL_HALLS_KEY})`;
  const hall = `SELECT pg_advisory_xact_lock(${LOCK_SPACE.hallWrite}, hashtext(${client.escapeLiteral(hallId)}))`;
  return outer === NO_HALL ? `SELECT pg_advisory_xact_lock_shared(${ALL_HALLS_KEY}); ${hall}` : hall;
}

/**
 * Runs fn in one transaction holding the hall's write lock until it ends. Every write of a hall,
 * on every node, goes through here, so a hall's transactions run one at a time: numbers, calls and
 * event seqs are allocated in commit order. READ COMMITTED, not REPEATABLE READ: each statement
 * after the lock wait takes a fresh snapshot and sees what the previous holder committed.
 *
 * `ALL_HALLS` (configuration changes) is exclusive against every hall's write; `NO_HALL` (staff
 * sessions) takes no lock at all, so a login never waits for a hall nor a hall for a login.
 */
export function writeHall<T>(
  pool: pg.Pool,
  hallId: string,
  fn: (tx: HallTx) => Promise<T>,
  opts: { derived?: boolean; config?: PgConfigCopy } = {},
): Promise<T> {
  return lockedTransaction(
    pool,
    hallId === NO_HALL ? undefined : `hall:${hallId}`,
    // figures derived from the event log: their commit need not wait for the WAL flush (in the same round trip)
    (client) => `${openingStatements(client, hallId)}${opts.derived ? '; SET LOCAL synchronous_commit = off' : ''}`,
    (client) => fn({ hallId, client, query: client.query.bind(client) as pg.ClientBase['query'] }),
    opts.config && ((client) => opts.config!.watch(client, hallId)),
    true,
  );
}

/** A write transaction of what belongs to no one hall (departments, staff accounts): see `writeCity`. */
export interface CityTx extends Queryable {
  readonly city: true;
  readonly client: pg.PoolClient;
}

/**
 * Runs fn in one transaction holding the city's configuration lock. Departments and staff
 * accounts belong to no one hall: a department is shared by every hall's services, a username is
 * unique across the city and a person may move between halls. Their admin writes check then act
 * ("no service uses the department", "the username is free"), so two admins on two nodes must
 * take turns across the whole city, not per hall. They are rare, so one city-wide key costs
 * nothing; a hall's own writes never take it (the foreign keys guard a hall's service naming a
 * department that is being removed), so it never waits for a hall's busy queue nor the reverse.
 */
export function writeCity<T>(pool: pg.Pool, fn: (tx: CityTx) => Promise<T>, config?: PgConfigCopy): Promise<T> {
  const opening = `BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(${LOCK_SPACE.cityConfig}, hashtext('city'))`;
  return lockedTransaction(
    pool,
    'city',
    () => opening,
    (client) => fn({ city: true, client, query: client.query.bind(client) as pg.ClientBase['query'] }),
    config && ((client) => config.watch(client, undefined)),
  );
}

/** per pool (a node's store): the last transaction queued for each lock key, see `inTurn` */
const turns = new WeakMap<pg.Pool, Map<string, Promise<void>>>();

/**
 * Runs fn after this node's earlier transactions of the same lock key, one at a time, before it
 * takes a connection; a write whose turn does not come within the pool's statement bound gives up
 * (ETIMEDOUT, answered 503) without running. Without it a busy hall's writers each took one of the pool's ten connections
 * to wait on the advisory lock, and every other hall's request waited for a connection: on a city
 * of 50 halls the node ran at the pace of its busiest hall. Now at most one connection per key and
 * node waits on the lock (for another node's holder); the others wait here, holding nothing.
 */
function inTurn<T>(pool: pg.Pool, key: string, fn: () => Promise<T>): Promise<T> {
  let tails = turns.get(pool);
  if (!tails) turns.set(pool, (tails = new Map()));
  let started = false;
  let gaveUp = false;
  const run = (tails.get(key) ?? Promise.resolve()).then(() => {
    if (gaveUp) return undefined as T; // answered already: its turn passes at once
    started = true;
    return fn();
  });
  const tail = run.then(
    () => {},
    () => {},
  );
  tails.set(key, tail);
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  const waitMs = pool.options.query_timeout;
  if (!waitMs) return run;
  // behind a write stuck on a silent database, the next ones would each wait a whole bound more
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      if (started) return;
      gaveUp = true;
      reject(Object.assign(new Error(`the database did not answer: this node's earlier writes of ${key} waited over ${waitMs} ms`), { code: 'ETIMEDOUT' }));
    }, waitMs);
    run.then(
      (value) => {
        clearTimeout(timer);
        if (!gaveUp) resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        if (!gaveUp) reject(error as Error);
      },
    );
  });
}

/** what the node's configuration copy adds to a transaction: see config-copy.ts */
type Watch = ReturnType<PgConfigCopy['watch']>;

/** `turn`: the key this node's transactions take turns on (none for a write that takes no lock) */
function lockedTransaction<T>(
  pool: pg.Pool,
  turn: string | undefined,
  opening: (client: pg.PoolClient) => string,
  fn: (client: pg.PoolClient) => Promise<T>,
  watch?: (client: pg.PoolClient) => Watch,
  deferring = false,
): Promise<T> {
  const run = () => transactionHolding(pool, opening, fn, watch, deferring);
  return turn === undefined ? run() : inTurn(pool, turn, run);
}

/**
 * A transaction on a pooled connection opened by `opening` (plus the configuration's versions when
 * watched, in the same round trip): COMMIT after fn, ROLLBACK on a throw, and a connection that
 * cannot even roll back is dropped from the pool. Writes and a board's read view share it.
 */
export async function transactionHolding<T>(
  pool: pg.Pool,
  opening: (client: pg.PoolClient) => string,
  fn: (client: pg.PoolClient) => Promise<T>,
  watchOf?: (client: pg.PoolClient) => Watch,
  deferring = false,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  let committed = false;
  // under the copy's watch, which sees each write as it is made, deferred or not (write-later.ts)
  const deferred = deferring ? deferWrites(client) : undefined;
  const watch = watchOf?.(client);
  // a session ended by the server while checked out emits 'error'; the pending query rejects with it anyway
  const ignore = () => {};
  client.on('error', ignore);
  try {
    // one simple-protocol message: BEGIN, the locks and the configuration's versions cost one round trip, not one each
    const opened = await client.query(opening(client) + (watch?.suffix ?? ''));
    watch?.opened(opened as pg.QueryResult | pg.QueryResult[]);
    const result = await fn(client);
    await client.query('COMMIT');
    committed = true;
    return result;
  } catch (error) {
    // a connection that cannot even roll back is dropped from the pool, not handed to the next use-case;
    // one that went silent is dropped at once (its ROLLBACK would wait a whole bound more)
    if (wentSilent(error)) broken = error as Error;
    else
      await client.query('ROLLBACK').catch((e: Error) => {
        broken = e;
      });
    throw error;
  } finally {
    watch?.ended(committed);
    deferred?.stop();
    client.off('error', ignore);
    client.release(broken);
  }
}

/**
 * Runs fn so that its statements commit together: as they are inside a hall's or the city's
 * transaction, else in a transaction of its own on a connection of the pool.
 */
export async function together<T>(db: Queryable, fn: (q: Queryable) => Promise<T>): Promise<T> {
  if (!(db instanceof pg.Pool)) return fn(db);
  const client = await db.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    if (wentSilent(error)) broken = error as Error;
    else
      await client.query('ROLLBACK').catch((e: Error) => {
        broken = e;
      });
    throw error;
  } finally {
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
