import pg from 'pg';

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
 */
export function openPool(url: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, types, options: '-c TimeZone=UTC' });
  // an idle pooled connection that PostgreSQL drops (restart, fail-over) must not crash the node
  pool.on('error', () => {});
  return pool;
}

export const clientTypes = types;
