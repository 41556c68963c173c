import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS_DIR } from '../../../db/migrate.js';
import { openSqliteStore, type SqliteStore } from '../../../db/sqlite-store.js';
import { seedDatabase } from '../../../server/config/seed.js';
import type { Ticket } from '../../../server/domain/model.js';
import { testConfig } from '../../helpers/test-config.js';
import { insertQueue, random } from './generated-queues.js';

const NOW = new Date('2026-11-23T03:00:00.000Z');
const STATUSES: Ticket['status'][] = ['waiting', 'called', 'serving', 'done', 'no_show', 'transferred', 'cancelled'];

/** the counts as a scan of the tickets would give them */
const scanned = (db: Database.Database) => ({
  queue: db
    .prepare(
      `SELECT service_id, business_day, COUNT(*) AS queued, SUM(priority = 'priority') AS priority,
    SUM(priority <> 'priority' AND status = 'transferred') AS transfers FROM tickets WHERE status IN ('waiting', 'transferred')
    GROUP BY service_id, business_day ORDER BY service_id, business_day`,
    )
    .all(),
  windows: db
    .prepare(
      `SELECT window_id, business_day, status, COUNT(*) AS n FROM tickets WHERE window_id IS NOT NULL
    GROUP BY window_id, business_day, status ORDER BY 1, 2, 3`,
    )
    .all(),
});
const kept = (db: Database.Database) => ({
  queue: db.prepare('SELECT service_id, business_day, queued, priority, transfers FROM queue_counts ORDER BY service_id, business_day').all(),
  windows: db.prepare('SELECT window_id, business_day, status, n FROM window_day_counts WHERE n > 0 ORDER BY 1, 2, 3').all(),
});

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hallq-kept-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('counts kept by triggers', () => {
  let store: SqliteStore;
  beforeAll(() => {
    store = openSqliteStore(join(dir, 'live.sqlite'));
    seedDatabase(store.db, testConfig());
  });
  afterAll(() => store.close());

  it('equal a scan of the tickets after days of issues, calls, transfers, restores and cancellations', () => {
    const rnd = random(7);
    const tickets = ['2026-11-20', '2026-11-23', '2026-11-24'].flatMap((day) => insertQueue(store, rnd, day, NOW, 150));
    store.syncTransaction(() => {
      for (let i = 0; i < 2000; i++) {
        const t = rnd.pick(tickets);
        const next: Ticket = {
          ...t,
          status: rnd.pick(STATUSES),
          priority: rnd.chance(0.2) ? 'priority' : 'normal',
          serviceId: rnd.chance(0.1) ? rnd.pick(['tax-reg', 'invoice', 'license']) : t.serviceId,
          windowId: rnd.chance(0.7) ? rnd.pick(['w1', 'w2', 'w3', 'w4']) : t.windowId,
        };
        store.sync.tickets.update(next);
        tickets[tickets.indexOf(t)] = next;
      }
    });
    expect(kept(store.db)).toEqual(scanned(store.db));
    expect(kept(store.db).queue.length).toBeGreaterThan(0);
    expect(kept(store.db).windows.length).toBeGreaterThan(0);
  });

  it('rolls over with the business day: a new day starts with nobody waiting, the old day keeps its own', () => {
    expect(store.sync.tickets.queuedCount('tax-reg', '2026-11-25')).toBe(0);
    const old = store.sync.tickets.queuedCount('tax-reg', '2026-11-23');
    insertQueue(store, random(8), '2026-11-25', NOW, 30);
    expect(store.sync.tickets.queuedCount('tax-reg', '2026-11-23')).toBe(old);
    expect(store.sync.tickets.queuedCount('tax-reg', '2026-11-25')).toBeGreaterThan(0);
  });
});

describe('migrating a database that already has tickets', () => {
  it('fills the counts from the tickets already there, and they survive a restart', () => {
    const older = join(dir, 'older-migrations');
    mkdirSync(older);
    // every migration but the two that keep the counts: today's seed needs the later ones' columns
    for (const f of readdirSync(MIGRATIONS_DIR).filter((f) => !/^04[01]_/.test(f))) copyFileSync(join(MIGRATIONS_DIR, f), join(older, f));
    const file = join(dir, 'old.sqlite');
    const db = new Database(file);
    migrate(db, older);
    seedDatabase(db, testConfig());
    db.close();
    // tickets written by the old version: no triggers yet
    const before = new Database(file);
    const ticket = before.prepare(`INSERT INTO tickets (id, hall_id, service_id, business_day, seq_no, number, priority, status, issued_at,
      window_id, status_token) VALUES (?, 'main', ?, '2026-11-23', ?, ?, ?, ?, '2026-11-23T01:00:00.000Z', ?, ?)`);
    const rnd = random(9);
    for (let i = 1; i <= 200; i++) {
      ticket.run(
        `old-${i}`,
        rnd.pick(['tax-reg', 'invoice']),
        i,
        `A${i}`,
        rnd.chance(0.2) ? 'priority' : 'normal',
        rnd.pick(STATUSES),
        rnd.chance(0.5) ? rnd.pick(['w1', 'w2']) : null,
        `tok-${i}`,
      );
    }
    before.close();
    let store = openSqliteStore(file); // runs 040 and on
    expect(kept(store.db)).toEqual(scanned(store.db));
    store.close();
    store = openSqliteStore(file);
    expect(kept(store.db)).toEqual(scanned(store.db));
    store.close();
  });
});
