import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../database.js';

export interface EventRow {
  seq: number;
  hall_id: string;
  zone_id: string | null;
  window_id: string | null;
  type: string;
  at: string;
  data: string;
}

const ARCHIVE_SCHEMA = `CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY, hall_id TEXT NOT NULL, zone_id TEXT, window_id TEXT,
  type TEXT NOT NULL, at TEXT NOT NULL, data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_hall_type_at ON events(hall_id, type, at);`;

const yearFile = (dir: string, year: string) => join(dir, `events-${year}.sqlite`);

/**
 * Old events leave the live log for one SQLite file per year in `<data>/archive/`, where the
 * window report still reads them. Only events the supervision aggregator has already counted
 * (at or below its mark for the hall) move: its daily figures then hold everything reports
 * need, and a catch-up never finds a hole. Rebuilding those figures from scratch would need
 * the archive files put back.
 */
export class EventArchive {
  constructor(
    private readonly db: Db,
    readonly dir: string,
  ) {}

  /**
   * Moves up to `limit` of the oldest counted events older than `before` (ISO time) of one hall;
   * returns how many moved (0: nothing left to move). Small batches keep each write short.
   */
  archiveBatch(before: string, limit = 5000): number {
    for (const { hallId, mark } of this.marks()) {
      const rows = this.db
        .prepare('SELECT * FROM events WHERE hall_id = ? AND seq <= ? AND at < ? ORDER BY seq LIMIT ?')
        .all(hallId, mark, before, limit) as EventRow[];
      if (rows.length === 0) continue;
      const year = rows[0]!.at.slice(0, 4);
      return this.move(
        rows.filter((r) => r.at.startsWith(year)),
        year,
      );
    }
    return 0;
  }

  /** Archived events of a hall and types in [from, to), oldest first. */
  inRange(hallId: string, types: readonly string[], from: string, to: string): EventRow[] {
    if (!existsSync(this.dir)) return [];
    const marks = types.map(() => '?').join(',');
    const rows: EventRow[] = [];
    for (const year of this.years()) {
      if (!(`${year}` < to && `${Number(year) + 1}` > from)) continue;
      const archive = new Database(yearFile(this.dir, year), { readonly: true, fileMustExist: true });
      try {
        rows.push(
          ...(archive
            .prepare(`SELECT * FROM events WHERE hall_id = ? AND type IN (${marks}) AND at >= ? AND at < ? ORDER BY seq`)
            .all(hallId, ...types, from, to) as EventRow[]),
        );
      } finally {
        archive.close();
      }
    }
    return rows.sort((a, b) => a.seq - b.seq);
  }

  years(): string[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .flatMap((f) => /^events-(\d{4})\.sqlite$/.exec(f)?.[1] ?? [])
      .sort();
  }

  /** How far the aggregator has counted each hall (0 where it has not started: nothing moves). */
  private marks(): { hallId: string; mark: number }[] {
    const halls = this.db.prepare('SELECT id FROM halls').pluck().all() as string[];
    const mark = this.db.prepare('SELECT last_seq FROM sup_progress WHERE name = ?').pluck();
    return halls.map((hallId) => ({ hallId, mark: (mark.get(`aggregates:${hallId}`) as number | undefined) ?? 0 }));
  }

  /**
   * Copy first (committed in the archive file), then delete from the live log: a crash in
   * between leaves a duplicate that the next run skips, never a lost event.
   */
  private move(rows: EventRow[], year: string): number {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const file = yearFile(this.dir, year);
    const archive = new Database(file);
    try {
      chmodSync(file, 0o600);
      archive.pragma('synchronous = FULL');
      archive.exec(ARCHIVE_SCHEMA);
      const insert = archive.prepare('INSERT OR IGNORE INTO events (seq, hall_id, zone_id, window_id, type, at, data) VALUES (?, ?, ?, ?, ?, ?, ?)');
      archive.transaction(() => {
        for (const r of rows) insert.run(r.seq, r.hall_id, r.zone_id, r.window_id, r.type, r.at, r.data);
      })();
    } finally {
      archive.close();
    }
    const remove = this.db.prepare('DELETE FROM events WHERE seq = ?');
    this.db
      .transaction(() => {
        for (const r of rows) remove.run(r.seq);
      })
      .immediate();
    return rows.length;
  }
}
