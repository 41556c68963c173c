import type { HallEvent, HallEventType } from '../../contract/events.js';
import type { NewEvent } from '../../app/ports.js';
import { toEvent, type ParsedEventRow } from '../../../db/repositories/rows.js';
import { requireHallTx, type Queryable } from './hall-transaction.js';

/** the channel every node LISTENs on; the payload is `<hallId>:<seq>`, a wake-up, never the event */
export const EVENTS_CHANNEL = 'hall_events';

// One round trip: bump the hall's seq, insert the event, queue the notification (sent at commit,
// in commit order, and not at all if the transaction rolls back).
const APPEND = `WITH s AS (
    INSERT INTO hall_event_seq AS h (hall_id, last_seq) VALUES ($1, 1)
    ON CONFLICT (hall_id) DO UPDATE SET last_seq = h.last_seq + 1 RETURNING last_seq),
  e AS (
    INSERT INTO events (hall_id, seq, zone_id, window_id, type, at, data)
    SELECT $1, last_seq, $2, $3, $4, $5, $6 FROM s RETURNING seq)
  SELECT seq, pg_notify('${EVENTS_CHANNEL}', $1::text || ':' || seq) FROM e`;

/**
 * The event log on PostgreSQL: `seq` counts per hall with no holes, in commit order (the hall's
 * write lock is held from the bump to the commit). Reads take any connection or the pool.
 */
export class PgEventLog {
  async append<T extends HallEventType>(tx: Queryable, e: NewEvent<T>): Promise<HallEvent> {
    // an event of another hall would take that hall's seq without its lock, breaking its order
    requireHallTx(tx, e.hallId, 'an event seq');
    const { rows } = await tx.query<{ seq: number }>(APPEND, [e.hallId, e.zoneId ?? null, e.windowId ?? null, e.type, e.at, JSON.stringify(e.data)]);
    const event = { seq: rows[0]!.seq, type: e.type, at: e.at, hallId: e.hallId, data: e.data } as HallEvent;
    if (e.zoneId) event.zoneId = e.zoneId;
    if (e.windowId) event.windowId = e.windowId;
    return event;
  }

  /** events of a hall after `sinceSeq`, oldest first, at most `limit` */
  async since(db: Queryable, hallId: string, sinceSeq: number, limit: number): Promise<HallEvent[]> {
    const { rows } = await db.query<ParsedEventRow>('SELECT * FROM events WHERE hall_id = $1 AND seq > $2 ORDER BY seq LIMIT $3', [hallId, sinceSeq, limit]);
    return rows.map(toEvent);
  }

  /**
   * The hall's newest committed seq (0: none). Per hall: seqs of different halls are unrelated.
   * Without a hall, the highest of any hall — what SQLite's one counter answers, and only good
   * for "has anything happened" (a gap between it and a hall's own seq means nothing).
   */
  async lastSeq(db: Queryable, hallId?: string): Promise<number> {
    const { rows } =
      hallId === undefined
        ? await db.query<{ last_seq: number }>('SELECT COALESCE(MAX(last_seq), 0) AS last_seq FROM hall_event_seq')
        : await db.query<{ last_seq: number }>('SELECT last_seq FROM hall_event_seq WHERE hall_id = $1', [hallId]);
    return rows[0]?.last_seq ?? 0;
  }

  /** the oldest seq still kept for a hall, or null when it has none */
  async firstSeq(db: Queryable, hallId: string): Promise<number | null> {
    const { rows } = await db.query<{ seq: number | null }>('SELECT MIN(seq) AS seq FROM events WHERE hall_id = $1', [hallId]);
    return rows[0]?.seq ?? null;
  }

  /** events of the given types in [from, to), oldest first */
  async inRange(db: Queryable, hallId: string, types: readonly HallEventType[], from: string, to: string): Promise<HallEvent[]> {
    const { rows } = await db.query<ParsedEventRow>(
      'SELECT * FROM events WHERE hall_id = $1 AND type = ANY($2::text[]) AND at >= $3 AND at < $4 ORDER BY seq',
      [hallId, types, from, to],
    );
    return rows.map(toEvent);
  }
}
