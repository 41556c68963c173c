import { ConfigError } from '../../config/load-config.js';

/**
 * How long a node waits on PostgreSQL before it gives up. A primary whose machine vanished (power
 * cut, partition: no FIN, no RST) never answers, and without these a statement in flight waits for
 * the kernel's TCP retransmissions to give up (about 15 min on Linux): kiosks would spin that long.
 */
export interface PgTimeouts {
  /** a connection from the pool, or a new one, ms: past it the request is answered 503 */
  connectMs: number;
  /**
   * one statement of the serving path (issuing, calling, boards, health), ms, client-side: past it
   * the connection is destroyed (not returned to the pool) and the request answered 503. Also how
   * long a write waits for its turn behind this node's earlier writes of the same hall.
   */
  queryMs: number;
  /** one statement of a report (event ranges, supervision reports), ms; 0: no bound */
  reportMs: number;
  /**
   * PostgreSQL's `idle_in_transaction_session_timeout` for the pool's sessions, ms: a node that
   * vanishes inside a transaction holds its hall's lock until the server ends its session.
   */
  idleInTransactionMs: number;
  /** the LISTEN connection is asked `SELECT 1` this often, ms, and taken as lost when it is not answered as long again */
  listenPingMs: number;
}

export const DEFAULT_PG_TIMEOUTS: PgTimeouts = {
  connectMs: 3_000,
  queryMs: 5_000,
  reportMs: 120_000,
  idleInTransactionMs: 10_000,
  listenPingMs: 5_000,
};

/** none: migrations and `hall-queue migrate --from-sqlite` run statements as long as the data needs */
export const NO_PG_TIMEOUTS: PgTimeouts = { connectMs: 0, queryMs: 0, reportMs: 0, idleInTransactionMs: 0, listenPingMs: 10_000 };

/** TCP keep-alive idle time of every connection: the kernel then probes a silent peer (see operations docs for the probes' interval) */
export const KEEPALIVE_IDLE_MS = 10_000;

/** setTimeout's largest delay: what "no bound" is handed to node-postgres as (0 there means the pool's own bound) */
export const UNBOUNDED_MS = 2 ** 31 - 1;

const ENV: Record<keyof PgTimeouts, string> = {
  connectMs: 'HALLQ_PG_CONNECT_TIMEOUT_MS',
  queryMs: 'HALLQ_PG_QUERY_TIMEOUT_MS',
  reportMs: 'HALLQ_PG_REPORT_TIMEOUT_MS',
  idleInTransactionMs: 'HALLQ_PG_IDLE_IN_TRANSACTION_MS',
  listenPingMs: 'HALLQ_PG_LISTEN_PING_MS',
};
/** the bounds that may be 0 (none); the others must be at least 100 ms */
const MAY_BE_NONE = new Set<keyof PgTimeouts>(['reportMs', 'idleInTransactionMs']);

/** the defaults with what the environment (HALLQ_PG_*_MS) changes; a bad value stops the server */
export function pgTimeoutsFromEnv(env: NodeJS.ProcessEnv): PgTimeouts {
  const timeouts = { ...DEFAULT_PG_TIMEOUTS };
  for (const key of Object.keys(ENV) as (keyof PgTimeouts)[]) {
    const raw = env[ENV[key]];
    if (raw === undefined || raw === '') continue;
    const ms = Number(raw);
    const none = MAY_BE_NONE.has(key);
    if (!(Number.isInteger(ms) && ms <= UNBOUNDED_MS && (ms >= 100 || (ms === 0 && none))))
      throw new ConfigError(`${ENV[key]} must be a whole number of milliseconds, at least 100${none ? ' (0 = no bound)' : ''}, got "${raw}"`);
    timeouts[key] = ms;
  }
  return timeouts;
}
