import pg from 'pg';
import { LOCK_SPACE } from './hall-transaction.js';

/**
 * Which halls' scheduled work (alert engine, supervision aggregator, appointment jobs) this node
 * runs: it holds a session-level `pg_try_advisory_lock(2, hashtext(hall))` for each on its own
 * connection, so exactly one node leads a hall. The lock dies with the connection: when a node
 * dies, or loses PostgreSQL, the next node's periodic try takes its halls over.
 *
 * Leading is not fencing: a node cut off from PostgreSQL may still believe it leads until it
 * notices. The work itself must stay safe to run twice (the aggregator moves its mark in the
 * transaction that applies the events and checks it first; outbox rows are claimed with SKIP LOCKED).
 */
export class HallLeadership {
  private client: pg.Client | undefined;
  private readonly led = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private trying: Promise<void> | undefined;

  constructor(
    private readonly url: string,
    private readonly halls: () => Promise<readonly string[]>,
    private readonly onChange: (led: ReadonlySet<string>) => void = () => {},
  ) {}

  /** tries now, then every `everyMs` */
  async start(everyMs = 3000): Promise<void> {
    await this.tryAll();
    this.timer = setInterval(() => {
      void this.tryAll();
    }, everyMs);
    this.timer.unref();
  }

  leads(hallId: string): boolean {
    return this.led.has(hallId);
  }
  leading(): ReadonlySet<string> {
    return this.led;
  }

  /** one try at every hall not yet led (a try already running is awaited, not doubled) */
  tryAll(): Promise<void> {
    this.trying ??= this.tryOnce().finally(() => {
      this.trying = undefined;
    });
    return this.trying;
  }

  private async tryOnce(): Promise<void> {
    if (this.closed) return;
    try {
      const client = this.client ?? (await this.connect());
      let changed = false;
      for (const hallId of await this.halls()) {
        if (this.led.has(hallId)) continue;
        const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [LOCK_SPACE.hallLeader, hallId]);
        if (rows[0]!.ok) {
          this.led.add(hallId);
          changed = true;
        }
      }
      if (changed) this.onChange(this.led);
    } catch {
      this.drop(); // PostgreSQL unreachable: lead nothing until the next try reconnects
    }
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('error', () => {
      if (this.client === client) this.drop();
    });
    client.on('end', () => {
      if (this.client === client) this.drop();
    });
    await client.connect();
    this.client = client;
    return client;
  }

  private drop(): void {
    const client = this.client;
    this.client = undefined;
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
    this.led.clear();
    await client?.end().catch(() => {}); // ending the session releases its locks
  }
}
