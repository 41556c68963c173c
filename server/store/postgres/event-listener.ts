import pg from 'pg';
import { CONFIG_CHANNEL } from './config-copy.js';
import { EVENTS_CHANNEL } from './event-log.js';
import { KEEPALIVE_IDLE_MS } from './pg-timeouts.js';
import { clientTypes, endClient } from './pool.js';

export interface EventListenerHandlers {
  /** a hall's log has grown to at least `seq` (notifications are wake-ups: several may be folded) */
  onSeq(hallId: string, seq: number): void;
  /** the connection came back after a loss: notifications may have been missed, read the log */
  onResync(): void;
  /** the connection was lost; it is being re-opened */
  onLost?(error: Error): void;
  /** a configuration name of cache_versions was bumped by a commit, which left it at `version` when said (config-copy.ts) */
  onConfigMoved?(name: string, version: number | undefined): void;
}

const RETRY_MS = [100, 250, 500, 1000, 2000, 5000];

export interface EventListenerOptions {
  /**
   * How often the connection is asked `SELECT 1`, ms (default 10 s): a connection that stopped
   * answering without an error (a dead peer, a dropped route) is then taken as lost after as
   * long again, re-opened, and the log read.
   */
  pingMs?: number;
  /**
   * how long a (re)connection may take, ms (default: pingMs): a route to a vanished server swallows
   * the connection's packets without a refusal, and an unbounded connect would hang the re-opening for good
   */
  connectMs?: number;
}

/**
 * One node's LISTEN connection (its own client, outside the pool: a pooled connection would
 * be handed to a use-case). It re-connects for ever after a loss, with back-off, and then says
 * so, since what was committed meanwhile was never notified to it.
 */
export class PgEventListener {
  private client: pg.Client | undefined;
  private closed = false;
  private attempt = 0;
  private retry: NodeJS.Timeout | undefined;
  private ping: NodeJS.Timeout | undefined;

  constructor(
    private readonly url: string,
    private readonly handlers: EventListenerHandlers,
    private readonly opts: EventListenerOptions = {},
  ) {}

  /** resolves once LISTEN is in place: every commit after that is notified to this node */
  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    const pingMs = this.opts.pingMs ?? 10_000;
    const client = new pg.Client({
      connectionString: this.url,
      types: clientTypes,
      keepAlive: true,
      keepAliveInitialDelayMillis: KEEPALIVE_IDLE_MS,
      query_timeout: pingMs,
      connectionTimeoutMillis: this.opts.connectMs || pingMs,
    });
    client.on('notification', (msg) => {
      if (msg.channel === CONFIG_CHANNEL && msg.payload) return this.configMoved(msg.payload);
      if (msg.channel !== EVENTS_CHANNEL || !msg.payload) return;
      const cut = msg.payload.lastIndexOf(':');
      this.handlers.onSeq(msg.payload.slice(0, cut), Number(msg.payload.slice(cut + 1)));
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}; LISTEN ${CONFIG_CHANNEL}`);
    } catch (error) {
      client.end().catch(() => {}); // a LISTEN unanswered leaves its socket open otherwise
      throw error;
    }
    this.client = client;
    this.attempt = 0;
    this.keepPinging(client, pingMs);
  }

  /** `name version` (migration 131), or `name` alone as sent before it */
  private configMoved(payload: string): void {
    const cut = payload.lastIndexOf(' ');
    const version = cut < 0 ? undefined : Number(payload.slice(cut + 1));
    if (version === undefined || !Number.isSafeInteger(version)) return this.handlers.onConfigMoved?.(payload, undefined);
    this.handlers.onConfigMoved?.(payload.slice(0, cut), version);
  }

  private keepPinging(client: pg.Client, pingMs: number): void {
    clearTimeout(this.ping);
    this.ping = setTimeout(() => {
      if (this.client !== client) return;
      client.query('SELECT 1').then(
        () => this.keepPinging(client, pingMs),
        (error: Error) => this.lost(client, error),
      );
    }, pingMs);
    this.ping.unref();
  }

  private lost(client: pg.Client, error: Error): void {
    if (this.closed || this.client !== client) return;
    this.client = undefined;
    clearTimeout(this.ping);
    client.end().catch(() => {});
    this.handlers.onLost?.(error);
    this.reconnect();
  }

  private reconnect(): void {
    const delay = RETRY_MS[Math.min(this.attempt++, RETRY_MS.length - 1)]!;
    this.retry = setTimeout(() => {
      this.connect().then(
        () => this.handlers.onResync(),
        () => {
          if (!this.closed) this.reconnect();
        },
      );
    }, delay);
    this.retry.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    clearTimeout(this.ping);
    const client = this.client;
    this.client = undefined;
    if (client) await endClient(client, this.opts.connectMs || (this.opts.pingMs ?? 10_000));
  }
}
