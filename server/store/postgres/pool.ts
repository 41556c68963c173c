import pg from 'pg';
import { KEEPALIVE_IDLE_MS, NO_PG_TIMEOUTS, type PgTimeouts } from './pg-timeouts.js';

// int8 (seq, identity keys, COUNT(*)) arrives as a string by default, for values past 2^53; ours
// stay far below, and the ports speak numbers. Set per pool, not on the global `pg.types`.
const INT8 = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/**
 * A connection pool to the city database; `max` is per node. Sessions run in UTC: a time text
 * without an offset then reads as SQLite's julianday() reads it (UTC), whatever the server's zone.
 * `timeouts` bound every wait on it (pg-timeouts.ts): a statement unanswered within `queryMs`
 * fails with "Query read timeout", and its connection must then be released with the error (destroyed).
 */
export function openPool(url: string, max = 10, timeouts: PgTimeouts = NO_PG_TIMEOUTS): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types,
    options: '-c TimeZone=UTC',
    ...(timeouts.idleInTransactionMs > 0 ? { idle_in_transaction_session_timeout: timeouts.idleInTransactionMs } : {}),
    ...(timeouts.connectMs > 0 ? { connectionTimeoutMillis: timeouts.connectMs } : {}),
    ...(timeouts.queryMs > 0 ? { query_timeout: timeouts.queryMs } : {}),
    keepAlive: true,
    keepAliveInitialDelayMillis: KEEPALIVE_IDLE_MS,
  });
  // an idle pooled connection that PostgreSQL drops (restart, fail-over) must not crash the node
  pool.on('error', () => {});
  dropIdleOnSilence(pool);
  return pool;
}

/** node-postgres' client-side statement bound (the pool's `query_timeout`) ran out: the connection's peer went silent, or is too slow to keep */
export function wentSilent(error: unknown): boolean {
  return error instanceof Error && error.message === 'Query read timeout';
}

/** the pool's connections, and which of them are idle in it */
const connections = new WeakMap<pg.Pool, { all: Set<pg.PoolClient>; idle: Set<pg.PoolClient> }>();

/** closes a connection's socket at once, without the goodbye a silent peer would never answer */
const cut = (client: pg.ClientBase) => (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();

/**
 * A connection whose statement went unanswered tells of its route: the idle ones went silent with
 * it (a vanished primary), and each would otherwise cost a request one bound more when handed out.
 * They are dropped together; a live server only costs the pool new connections.
 */
function dropIdleOnSilence(pool: pg.Pool): void {
  const tracked = { all: new Set<pg.PoolClient>(), idle: new Set<pg.PoolClient>() };
  connections.set(pool, tracked);
  pool.on('connect', (client) => tracked.all.add(client));
  pool.on('acquire', (client) => tracked.idle.delete(client));
  pool.on('remove', (client) => {
    tracked.all.delete(client);
    tracked.idle.delete(client);
  });
  pool.on('release', (error: Error | undefined, client: pg.PoolClient) => {
    if (!error) return void tracked.idle.add(client);
    tracked.idle.delete(client);
    if (!wentSilent(error)) return;
    for (const idle of tracked.idle) cut(idle); // the pool removes each as it errs
    tracked.idle.clear();
  });
}

/**
 * Ends the pool; connections that have not closed after `graceMs` (a silent peer never answers the
 * goodbye, and the pool's end would wait for good) have their sockets closed.
 */
export async function endPool(pool: pg.Pool, graceMs: number): Promise<void> {
  const timer = setTimeout(() => connections.get(pool)?.all.forEach(cut), graceMs);
  try {
    await pool.end();
  } finally {
    clearTimeout(timer);
  }
}

export const clientTypes = types;

/** Ends a connection of its own (LISTEN, leader): as `endPool`, its socket closed after `graceMs` if it has not closed by then. */
export async function endClient(client: pg.Client, graceMs: number): Promise<void> {
  const timer = setTimeout(() => cut(client), graceMs);
  try {
    await client.end();
  } catch {
    // ending a connection that already failed
  } finally {
    clearTimeout(timer);
  }
}
