import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { LOCK_SPACE } from './hall-transaction.js';
import { endClient } from './pool.js';

/** the leader connection's application_name, followed by the node's process id */
export const LEADER_APPLICATION_NAME = 'hall-queue leader';

/** heartbeats per lease: a lead holds through one or two late ones */
const BEATS_PER_LEASE = 2.5;
/** PostgreSQL ends a silent leader's session (and its locks) after this many leases */
const IDLE_LEASES = 1.6;

/** a whole number of 32 bits other than 0, for the session's claim key */
const randomKey = (): number => (Math.floor(Math.random() * 0xffff_fffe) + 1) | 0;

/**
 * Which halls' scheduled work (alert engine, supervision aggregator, appointment jobs) this node
 * runs: it holds a session-level `pg_try_advisory_lock(2, hashtext(hall))` for each on its own
 * connection, so exactly one node leads a hall. The lock dies with the session.
 *
 * A node that stops answering without closing its socket (a frozen process, a machine or route
 * that vanished) must not keep its halls forever, nor act on them when it comes back:
 * - every try is also a heartbeat on the leader connection (at least 2.5 per lease), and the
 *   session is opened with `idle_session_timeout` = 1.6 leases: PostgreSQL ends it, releasing its
 *   locks, once that long passed without a statement. The other nodes take the halls at their next
 *   try: within 1.6 leases + one try of the node's last heartbeat (8 + 2 = 10 s by default).
 * - the node itself leads only for one lease (5 s) after sending its last answered heartbeat, on its
 *   own monotonic clock: before PostgreSQL may end the session, it has stopped acting. A process
 *   resumed after a stop finds its lease run out before any work asks `leads`, and its next try
 *   finds the session gone. Work started inside the lease has 0.6 lease (3 s) to finish before
 *   another node may start; the work stays safe to run twice anyway (the aggregator moves its mark
 *   in the transaction that applies the events; outbox rows are claimed with SKIP LOCKED).
 *
 * The same session carries the node's **claim key** (`claimKey`): a random key it holds as
 * `pg_advisory_lock(LOCK_SPACE.outboxClaim, key)`, new with each connection. The outbox rows the
 * node claims record it (`claimed_by`); once the session is gone, the lock is too, and any node
 * may take those rows over at once (outbox-repositories.ts) instead of waiting out their time
 * lease. The node uses the key only while its lease holds, as it leads.
 */
export class HallLeadership {
  private client: pg.Client | undefined;
  private readonly led = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private trying: Promise<void> | undefined;
  private leaseMs = 5000;
  /** performance.now() when the last answered heartbeat was sent */
  private confirmedAt = -Infinity;
  /** the claim key locked by the current session */
  private key: number | undefined;

  constructor(
    private readonly url: string,
    private readonly halls: () => Promise<readonly string[]>,
    private readonly onChange: (led: ReadonlySet<string>) => void = () => {},
  ) {}

  /** tries now, then every `everyMs` (more often if the lease needs it); a lead holds `leaseMs` past its last heartbeat */
  async start(everyMs = 2000, leaseMs = 5000): Promise<void> {
    this.leaseMs = leaseMs;
    await this.tryAll();
    this.timer = setInterval(
      () => {
        void this.tryAll();
      },
      Math.min(everyMs, leaseMs / BEATS_PER_LEASE),
    );
    this.timer.unref();
  }

  leads(hallId: string): boolean {
    return this.led.has(hallId) && this.leaseHolds();
  }
  leading(): ReadonlySet<string> {
    return this.leaseHolds() ? this.led : new Set();
  }

  /** the key this node's outbox claims carry while its lease holds; undefined: claim nothing, stop sending */
  claimKey(): number | undefined {
    return this.leaseHolds() ? this.key : undefined;
  }

  private leaseHolds(): boolean {
    return performance.now() - this.confirmedAt < this.leaseMs;
  }

  /** one try at every hall not yet led, and a heartbeat (a try already running is awaited, not doubled) */
  tryAll(): Promise<void> {
    this.trying ??= this.tryOnce().finally(() => {
      this.trying = undefined;
    });
    return this.trying;
  }

  private async tryOnce(): Promise<void> {
    if (this.closed) return;
    let silent: NodeJS.Timeout | undefined;
    // a heartbeat unanswered past the lease: the session is as good as gone (a silent peer never errs)
    const timeout = new Promise<never>((_, reject) => {
      silent = setTimeout(() => reject(new Error('the leader connection did not answer')), this.leaseMs);
    });
    try {
      await Promise.race([this.heartbeat(), timeout]);
    } catch {
      this.drop(); // PostgreSQL unreachable: lead nothing until the next try reconnects
    } finally {
      clearTimeout(silent);
    }
  }

  private async heartbeat(): Promise<void> {
    const client = this.client ?? (await this.connect());
    const unled = (await this.halls()).filter((h) => !this.led.has(h));
    const sentAt = performance.now();
    const { rows } = await client.query<{ hall: string; ok: boolean }>(
      'SELECT h AS hall, pg_try_advisory_lock($1, hashtext(h)) AS ok FROM unnest($2::text[]) AS h',
      [LOCK_SPACE.hallLeader, unled],
    );
    if (this.client !== client) return; // dropped meanwhile: what it took went with the session
    this.confirmedAt = sentAt;
    const taken = rows.filter((r) => r.ok).map((r) => r.hall);
    for (const hallId of taken) this.led.add(hallId);
    if (taken.length > 0) this.onChange(this.led);
  }

  private async connect(): Promise<pg.Client> {
    // TCP keepalives: a peer that vanished is noticed by the kernel even while nothing is sent
    const client = new pg.Client({
      connectionString: this.url,
      // which process holds a hall's lead, as pg_stat_activity shows it beside pg_locks
      application_name: `${LEADER_APPLICATION_NAME} ${process.pid}`,
      keepAlive: true,
      keepAliveInitialDelayMillis: this.leaseMs,
      connectionTimeoutMillis: this.leaseMs,
    });
    client.on('error', () => {
      if (this.client === client) this.drop();
    });
    client.on('end', () => {
      if (this.client === client) this.drop();
    });
    await client.connect();
    // PostgreSQL 14+: the server ends the session (and frees its locks) when the heartbeats stop
    await client.query(`SET idle_session_timeout = ${Math.round(IDLE_LEASES * this.leaseMs)}`).catch(() => {});
    // a key no live session holds (a dead one's may come again: its rows are then this node's to send)
    let key = randomKey();
    while (!(await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [LOCK_SPACE.outboxClaim, key])).rows[0]!.ok) key = randomKey();
    this.key = key;
    this.client = client;
    return client;
  }

  private drop(): void {
    const client = this.client;
    this.client = undefined;
    this.confirmedAt = -Infinity;
    this.key = undefined;
    client?.end().catch(() => {});
    if (this.led.size > 0) {
      this.led.clear();
      this.onChange(this.led);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.trying;
    const client = this.client;
    this.client = undefined;
    this.key = undefined;
    this.led.clear();
    // ending the session releases its locks; a silent one is cut after a second (a live one ends in milliseconds)
    if (client) await endClient(client, Math.min(this.leaseMs, 1000));
  }
}
