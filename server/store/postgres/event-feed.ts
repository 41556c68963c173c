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
    const lastSeen = fromSeq ?? (await this.log.lastSeq(this.pool, hallId));
    if (this.halls.has(hallId)) return;
    this.halls.set(hallId, { lastSeen, reading: null, again: false });
    this.wake(hallId);
  }

  unfollow(hallId: string): void {
    this.halls.delete(hallId);
  }

  /** the listener's onSeq */
  notified(hallId: string, seq: number): void {
    const h = this.halls.get(hallId);
    if (h && seq > h.lastSeen) this.wake(hallId);
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
