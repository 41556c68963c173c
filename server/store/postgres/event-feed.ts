import type pg from 'pg';
import type { HallEvent } from '../../contract/events.js';
import type { PgEventLog } from './event-log.js';

const READ_BATCH = 500;

interface Followed {
  lastSeen: number;
  reading: Promise<void> | null;
  again: boolean;
}

/**
 * What reaches one node's in-process bus from the city's event log: every event of the halls it
 * follows, each once, in seq order, whichever node committed it. A notification only says "read
 * the log": the events come from `since(lastSeen)`, so a folded or lost notification delays an
 * event and never drops it (on resync every followed hall is read again).
 */
export class HallEventFeed {
  private readonly halls = new Map<string, Followed>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly log: PgEventLog,
    private readonly publish: (events: readonly HallEvent[]) => void,
    private readonly onError: (error: unknown, hallId: string) => void = () => {},
  ) {}

  /** publish this hall's events after `fromSeq` (its lastSeq now: only what commits from here on) */
  async follow(hallId: string, fromSeq?: number): Promise<void> {
    this.followFrom(hallId, fromSeq ?? (await this.log.lastSeq(this.pool, hallId)));
  }

  private followFrom(hallId: string, lastSeen: number): Followed | undefined {
    if (this.halls.has(hallId)) return undefined;
    const h: Followed = { lastSeen, reading: null, again: false };
    this.halls.set(hallId, h);
    this.wake(hallId);
    return h;
  }

  unfollow(hallId: string): void {
    this.halls.delete(hallId);
  }

  /**
   * The listener's onSeq. A hall not followed yet (made after this node started, on another
   * node) is followed from the notified event on: its notifications arrive in commit order, so
   * the first one heard is the first event committed since it became known.
   */
  notified(hallId: string, seq: number): void {
    const h = this.halls.get(hallId);
    if (!h) this.followFrom(hallId, seq - 1);
    else if (seq > h.lastSeen) this.wake(hallId);
  }

  /**
   * Events this node has just committed (one transaction's, after its commit). When they follow
   * straight on what was published and nothing is being read, they go out now, without waiting
   * for their notification to come back (which then finds nothing new); otherwise the log is
   * read, so they never overtake another node's earlier events.
   */
  committed(events: readonly HallEvent[]): void {
    const byHall = new Map<string, HallEvent[]>();
    for (const e of events) {
      const list = byHall.get(e.hallId);
      if (list) list.push(e);
      else byHall.set(e.hallId, [e]);
    }
    for (const [hallId, list] of byHall) {
      const h = this.halls.get(hallId) ?? this.followFrom(hallId, list[0]!.seq - 1)!;
      const next = list.every((e, i) => e.seq === h.lastSeen + 1 + i);
      if (h.reading || !next) {
        this.wake(hallId);
        continue;
      }
      h.lastSeen = list[list.length - 1]!.seq;
      this.publish(list);
    }
  }

  /** the listener's onResync */
  resync(): void {
    for (const hallId of this.halls.keys()) this.wake(hallId);
  }

  /** the newest seq published for a hall */
  lastSeen(hallId: string): number | undefined {
    return this.halls.get(hallId)?.lastSeen;
  }

  /** resolves when nothing is being read (tests, shutdown) */
  async idle(): Promise<void> {
    for (const h of this.halls.values()) await h.reading;
  }

  // one reader per hall at a time: two overlapping reads would publish an event twice or out of order
  private wake(hallId: string): void {
    const h = this.halls.get(hallId);
    if (!h) return;
    if (h.reading) {
      h.again = true;
      return;
    }
    h.reading = this.readAll(hallId, h)
      .catch((e) => this.onError(e, hallId))
      .finally(() => {
        h.reading = null;
        if (h.again) {
          h.again = false;
          this.wake(hallId);
        }
      });
  }

  private async readAll(hallId: string, h: Followed): Promise<void> {
    for (;;) {
      const events = await this.log.since(this.pool, hallId, h.lastSeen, READ_BATCH);
      if (events.length === 0 || this.halls.get(hallId) !== h) return;
      h.lastSeen = events[events.length - 1]!.seq;
      this.publish(events);
      if (events.length < READ_BATCH) return;
    }
  }
}
