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
  return pool;
}

export const clientTypes = types;
