import type { HallEvent, HallEventType } from '../../server/contract/events.js';
import type { EventLog, NewEvent } from '../../server/app/ports.js';
import type { Sync } from '../sync-ports.js';
import type { Db } from '../database.js';
import type { EventArchive, EventRow } from './event-archive.js';
import { toEvent as toParsedEvent } from './rows.js';

const toEvent = (r: EventRow): HallEvent => toParsedEvent({ ...r, data: JSON.parse(r.data) });

export class SqliteEventLog implements Sync<EventLog> {
  private readonly insertStmt;
  private readonly sinceStmt;
  private readonly lastSeqStmt;
  private readonly hallLastSeqStmt;
  private readonly firstSeqStmt;

  /** `archive`: where old events went (their window report still reads them) */
  constructor(
    private readonly db: Db,
    private readonly archive?: EventArchive,
  ) {
    this.insertStmt = db.prepare('INSERT INTO events (hall_id, zone_id, window_id, type, at, data) VALUES (?, ?, ?, ?, ?, ?)');
    this.sinceStmt = db.prepare('SELECT * FROM events WHERE hall_id = ? AND seq > ? ORDER BY seq LIMIT ?');
    this.lastSeqStmt = db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM events');
    this.hallLastSeqStmt = db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM events WHERE hall_id = ?');
    this.firstSeqStmt = db.prepare('SELECT MIN(seq) AS seq FROM events WHERE hall_id = ?');
  }

  append<T extends HallEventType>(e: NewEvent<T>): HallEvent {
    const info = this.insertStmt.run(e.hallId, e.zoneId ?? null, e.windowId ?? null, e.type, e.at, JSON.stringify(e.data));
    const event = { seq: Number(info.lastInsertRowid), type: e.type, at: e.at, hallId: e.hallId, data: e.data } as HallEvent;
    if (e.zoneId) event.zoneId = e.zoneId;
    if (e.windowId) event.windowId = e.windowId;
    return event;
  }

  since(hallId: string, sinceSeq: number, limit: number): HallEvent[] {
    return (this.sinceStmt.all(hallId, sinceSeq, limit) as EventRow[]).map(toEvent);
  }

  /** the hall's newest seq (events_hall_seq); without a hall, the file's (one counter for every hall) */
  lastSeq(hallId?: string): number {
    return ((hallId === undefined ? this.lastSeqStmt.get() : this.hallLastSeqStmt.get(hallId)) as { seq: number }).seq;
  }

  firstSeq(hallId: string): number | null {
    return (this.firstSeqStmt.get(hallId) as { seq: number | null }).seq;
  }

  inRange(hallId: string, types: readonly HallEventType[], from: string, to: string): HallEvent[] {
    const marks = types.map(() => '?').join(',');
    const rows = this.db
      .prepare(`SELECT * FROM events WHERE hall_id = ? AND type IN (${marks}) AND at >= ? AND at < ? ORDER BY seq`)
      .all(hallId, ...types, from, to) as EventRow[];
    const archived = this.archive?.inRange(hallId, types, from, to) ?? [];
    if (archived.length === 0) return rows.map(toEvent);
    // a database restored from before an archiving run holds events the archive also has
    const live = new Set(rows.map((r) => r.seq));
    return [...archived.filter((r) => !live.has(r.seq)), ...rows].map(toEvent);
  }
}
