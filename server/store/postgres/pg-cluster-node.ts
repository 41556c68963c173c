import type { Logger } from 'pino';
import { ConfigError } from '../../config/load-config.js';
import type { ClusterNode } from '../../app/cluster-node.js';
import type { EventBus } from '../../app/event-bus.js';
import type { SessionWatch } from '../../app/session-watch.js';
import { HallEventFeed } from './event-feed.js';
import { PgEventListener } from './event-listener.js';
import { HallLeadership } from './hall-leader.js';
import type { PgStore } from './pg-store.js';
import { TokenRecheck } from './token-recheck.js';

export interface PgClusterOptions {
  /** how often a node tries to take the halls nobody leads (a dead leader's), ms */
  leaderTryMs?: number;
  /**
   * how long a node goes on leading after its last answered heartbeat, ms (default 5000); PostgreSQL
   * ends a silent leader's session after 1.6 of these, and the halls move at the next try
   */
  leaderLeaseMs?: number;
  /** whoever holds the node's connections (the realtime gateway): told of the tokens any node ended (token-recheck.ts) */
  sessions?: SessionWatch;
}

/** the shortest lease accepted: its heartbeats (every 0.4 lease) must not flood the database */
export const MIN_LEADER_LEASE_MS = 200;
export const DEFAULT_LEADER_LEASE_MS = 5000;

/**
 * `--leader-lease-ms` / `HALLQ_LEADER_LEASE_MS`: a whole number of ms, at least 200; undefined when
 * not given (5 s). Shorter moves a stopped node's halls and claims sooner (1.6 leases + a try), at
 * the price of heartbeats every 0.4 lease, and of a node losing its lead when its event loop or
 * the database stalls for longer than one lease.
 */
export function leaderLeaseMs(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < MIN_LEADER_LEASE_MS) {
    throw new ConfigError(`--leader-lease-ms (HALLQ_LEADER_LEASE_MS) must be a whole number of ms, at least ${MIN_LEADER_LEASE_MS}, got ${raw}`);
  }
  return ms;
}

/**
 * One node of the city on PostgreSQL. Its bus gets every event of every hall from the event
 * log (LISTEN wake-ups, then `since(lastSeen)`): whichever node committed it, once, in seq order.
 * Its own commits take a short cut when nothing comes before them. It leads the halls whose
 * advisory lock it holds.
 */
export async function joinPgCluster(store: PgStore, bus: EventBus, log: Logger, opts: PgClusterOptions = {}): Promise<ClusterNode> {
  const feed = new HallEventFeed(
    store.pool,
    store.repos.events,
    (events) => bus.publish(events),
    (err, hallId) => log.error({ err, hallId }, 'events of the hall not read from the log (read again at the next notification)'),
  );
  const tokens = opts.sessions
    ? new TokenRecheck(store.pool, opts.sessions, (err, kind) =>
        log.error({ err, kind }, 'open sockets not checked against ended tokens (checked again at the next notification)'),
      )
    : undefined;
  const listener = new PgEventListener(
    store.url,
    {
      onSeq: (hallId, seq) => feed.notified(hallId, seq),
      onResync: () => {
        log.warn('event notifications back after a lost connection: reading every hall from the log');
        store.config.follow();
        feed.resync();
        tokens?.all();
      },
      onLost: (err) => {
        store.config.unfollow();
        log.warn({ err }, 'event notifications lost; reconnecting');
      },
      onConfigMoved: (name, version) => {
        store.config.moved(name, version); // first: a socket being admitted meanwhile reads its token again, from the database
        tokens?.moved(name);
      },
    },
    { pingMs: store.timeouts.listenPingMs, ...(store.timeouts.connectMs ? { connectMs: store.timeouts.connectMs } : {}) },
  );
  // LISTEN first, then each hall's last seq: a commit in between is both notified and after it
  await listener.start();
  // the node's copy of the configuration is used outside writes only while it hears of changes
  store.config.follow();
  const halls = async () => (await store.halls.halls()).map((h) => h.id);
  for (const hallId of await halls()) await feed.follow(hallId);
  const leadership = new HallLeadership(store.url, halls, (led) => log.info({ halls: [...led] }, 'halls led by this node'));
  await leadership.start(opts.leaderTryMs ?? 2000, opts.leaderLeaseMs ?? DEFAULT_LEADER_LEASE_MS);
  return {
    committed: (events) => feed.committed(events),
    publishedSeq: (hallId) => feed.lastSeen(hallId),
    leads: (hallId) => leadership.leads(hallId),
    claimKey: () => leadership.claimKey(),
    async close() {
      await leadership.close();
      store.config.unfollow();
      await listener.close();
      await feed.idle();
      await tokens?.idle();
    },
  };
}
