import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventArchive } from '../../../db/repositories/event-archive.js';
import { openSqliteStore, type SqliteStore } from '../../../db/sqlite-store.js';

let dir: string;
let store: SqliteStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hallq-archive-'));
  store = openSqliteStore(join(dir, 'hall-queue.sqlite'));
  store.db.prepare("INSERT INTO halls (id, name, timezone, hours_json, policy_json, notice) VALUES ('main', '主厅', 'Asia/Shanghai', '{}', '{}', '')").run();
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const issued = (at: string, n: number) =>
  store.sync.events.append({ type: 'ticket.issued', hallId: 'main', at, data: { ticketId: `t${n}`, number: `A${n}`, serviceId: 'tax' } });
const countedUpTo = (seq: number) => store.db.prepare("INSERT INTO sup_progress (name, last_seq) VALUES ('aggregates:main', ?)").run(seq);
const archiveAll = (archive: EventArchive, before: string) => {
  let moved = 0;
  for (let n = archive.archiveBatch(before, 2); n > 0; n = archive.archiveBatch(before, 2)) moved += n;
  return moved;
};

describe('EventArchive', () => {
  it('moves only events older than the cut-off that the aggregator has counted, across years, and reads them back in order', () => {
    const seqs = ['2024-12-31T15:00:00Z', '2025-01-02T02:00:00Z', '2025-01-03T02:00:00Z', '2025-01-04T02:00:00Z', '2026-06-01T02:00:00Z'].map(
      (at, i) => issued(at, i).seq,
    );
    countedUpTo(seqs[2]!); // the 4th event is old but not yet counted
    const archive = new EventArchive(store.db, join(dir, 'archive'));

    expect(archiveAll(archive, '2026-01-01T00:00:00Z')).toBe(3);
    expect(archive.years()).toEqual(['2024', '2025']);
    expect(store.db.prepare('SELECT seq FROM events ORDER BY seq').pluck().all()).toEqual([seqs[3], seqs[4]]);
    const read = store.sync.events.inRange('main', ['ticket.issued'], '2024-01-01T00:00:00Z', '2027-01-01T00:00:00Z');
    expect(read.map((e) => e.seq)).toEqual(seqs);
    expect(
      store.sync.events.inRange('main', ['ticket.issued'], '2025-01-02T00:00:00Z', '2025-01-04T00:00:00Z').map((e) => (e.data as { number: string }).number),
    ).toEqual(['A1', 'A2']);
  });

  it('a run interrupted after copying (or a database restored from before a run) yields each event once', () => {
    const seq = issued('2025-01-02T02:00:00Z', 1).seq;
    countedUpTo(seq);
    const archive = new EventArchive(store.db, join(dir, 'archive'));
    archiveAll(archive, '2026-01-01T00:00:00Z');
    // the live log has the event again, as a backup from before the run would
    store.db
      .prepare("INSERT INTO events (seq, hall_id, type, at, data) VALUES (?, 'main', 'ticket.issued', '2025-01-02T02:00:00Z', '{\"number\":\"A1\"}')")
      .run(seq);
    expect(store.sync.events.inRange('main', ['ticket.issued'], '2025-01-01T00:00:00Z', '2025-02-01T00:00:00Z')).toHaveLength(1);
    expect(archiveAll(archive, '2026-01-01T00:00:00Z')).toBe(1);
    expect(store.sync.events.inRange('main', ['ticket.issued'], '2025-01-01T00:00:00Z', '2025-02-01T00:00:00Z')).toHaveLength(1);
  });
});
