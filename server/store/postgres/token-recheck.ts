import type { Principal } from '../../contract/principal.js';
import type { SessionWatch } from '../../app/session-watch.js';
import type { Queryable } from './hall-transaction.js';

type Kind = Principal['type'];

/** the cache_versions names whose notification may mean that tokens of a kind ended (migrations 132, 133) */
const KIND_OF_NAME: Partial<Record<string, Kind>> = { devices: 'device', sessions: 'user' };

/** of the token hashes given ($1), those that still open something, as `authenticate` reads them */
const STILL_OPEN: Record<Kind, string> = {
  device: 'SELECT token_hash FROM devices WHERE token_hash = ANY($1) AND enabled',
  user: 'SELECT s.token_hash FROM sessions s JOIN staff p ON p.id = s.staff_id WHERE s.token_hash = ANY($1) AND p.enabled',
};

/**
 * Drops this node's sockets whose token no longer opens anything when a commit of any node may have
 * ended some: `devices` moves when a device is revoked, rotated or deleted; `sessions` when a staff
 * session is deleted (logout, the expiry sweep, a password change, its person disabled or deleted).
 * Both are notified on `hallq_config` with the configuration, so a device's sockets drop within the
 * notification's delay, the one after which the other nodes refuse its HTTP requests (its row is in
 * their copy); a session's HTTP requests are refused on every node at once (read on each request),
 * its sockets within that delay. One statement per notification of a kind, for the tokens this
 * node's sockets of that kind hold; none when it holds none. A statement that fails drops nothing:
 * the next notification of that kind checks again.
 */
export class TokenRecheck {
  /** the kinds being checked, each with whether it is to be checked again once done */
  private readonly running = new Map<Kind, boolean>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly db: Queryable,
    private readonly sessions: SessionWatch,
    private readonly onError: (error: unknown, kind: Kind) => void = () => {},
  ) {}

  /** a `hallq_config` notification of `name` */
  moved(name: string): void {
    const kind = KIND_OF_NAME[name];
    if (kind) this.recheck(kind);
  }

  /** notifications may have been missed (the LISTEN connection is back): check every kind */
  all(): void {
    this.recheck('device');
    this.recheck('user');
  }

  /** resolves when no check is running (the node is closing its pool) */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  private recheck(kind: Kind): void {
    if (this.running.has(kind)) {
      this.running.set(kind, true); // a commit after the running check's read: read again
      return;
    }
    this.running.set(kind, false);
    const run = this.run(kind).finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
  }

  private async run(kind: Kind): Promise<void> {
    do {
      this.running.set(kind, false);
      try {
        await this.check(kind);
      } catch (error) {
        this.onError(error, kind);
      }
    } while (this.running.get(kind));
    this.running.delete(kind);
  }

  private async check(kind: Kind): Promise<void> {
    const held = this.sessions.held(kind);
    if (held.length === 0) return;
    const { rows } = await this.db.query<{ token_hash: string }>(STILL_OPEN[kind], [held]);
    const open = new Set(rows.map((r) => r.token_hash));
    this.sessions.ended(held.filter((hash) => !open.has(hash)));
  }
}
