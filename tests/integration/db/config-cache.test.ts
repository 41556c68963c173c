import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../../db/sqlite-store.js';
import { seedDatabase } from '../../../server/config/seed.js';
import { testConfig } from '../../helpers/test-config.js';
import { measureWork, rowsOf } from '../flat-cost/statement-work.js';

/**
 * Halls, services, windows, the calendar and service times are kept in memory between writes
 * (migration 090). Whatever writes — a use-case, raw SQL, a rolled-back transaction — the next
 * read shows what the database holds; another connection's write, from the next event-loop turn.
 */
let dir: string;
let store: SqliteStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hallq-config-cache-'));
  store = openSqliteStore(join(dir, 'hall.sqlite'));
  seedDatabase(store.db, testConfig());
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('config kept in memory', () => {
  it('shows a rename made by raw SQL at once, and one by another connection to the same file from the next event-loop turn', async () => {
    expect(store.sync.halls.service('tax-reg')!.name).toBe('税务登记');
    store.db.prepare("UPDATE services SET name = '税务登记（新）' WHERE id = 'tax-reg'").run();
    expect(store.sync.halls.service('tax-reg')!.name).toBe('税务登记（新）');
    expect(store.sync.halls.services('main').map((s) => s.name)).toContain('税务登记（新）');

    const before = store.sync.halls.hall('main')!.name;
    const other = new Database(join(dir, 'hall.sqlite'));
    try {
      other.prepare("UPDATE halls SET name = '新区政务服务中心' WHERE id = 'main'").run();
      other.prepare("UPDATE zones SET name = '二层' WHERE id = 'f2'").run();
    } finally {
      other.close();
    }
    expect(before).not.toBe('新区政务服务中心');
    await new Promise((resolve) => setImmediate(resolve));
    expect(store.sync.halls.hall('main')!.name).toBe('新区政务服务中心');
    expect(store.sync.halls.zone('f2')!.name).toBe('二层');
  });

  it('forgets what it read inside a transaction that rolled back, and sees the next change', () => {
    expect(() =>
      store.syncTransaction(() => {
        store.db.prepare("UPDATE services SET name = '回滚' WHERE id = 'invoice'").run();
        expect(store.sync.halls.service('invoice')!.name).toBe('回滚');
        throw new Error('undo');
      }),
    ).toThrow('undo');
    expect(store.sync.halls.service('invoice')!.name).toBe('发票领用');
    store.db.prepare("UPDATE services SET name = '发票代开' WHERE id = 'invoice'").run();
    expect(store.sync.halls.service('invoice')!.name).toBe('发票代开');
  });

  it('follows window state and the services a window serves', () => {
    store.sync.halls.saveWindowState({
      id: 'w2',
      status: 'open',
      pauseReason: null,
      currentTicketId: null,
      staffId: 's2',
      statusChangedAt: '2026-11-23T01:00:00.000Z',
    });
    expect(store.sync.halls.window('w2')).toMatchObject({ status: 'open', staffId: 's2' });
    expect(store.sync.halls.windows('main').find((w) => w.id === 'w2')!.status).toBe('open');

    store.db.prepare("INSERT INTO window_services (window_id, service_id, position) VALUES ('w2', 'invoice', 9)").run();
    expect(store.sync.halls.window('w2')!.serviceIds).toEqual(['tax-reg', 'invoice']);
    expect(store.sync.halls.windowsServing('invoice').map((w) => w.id)).toEqual(['w2', 'w3']);
    store.db.prepare("DELETE FROM window_services WHERE window_id = 'w2' AND service_id = 'invoice'").run();
    expect(store.sync.halls.windowsServing('invoice').map((w) => w.id)).toEqual(['w3']);
    expect(store.sync.halls.window('nope')).toBeUndefined();
  });

  it('answers which windows serve a service from its last answer only while the windows are unchanged', () => {
    const openW2 = (status: 'open' | 'closed') =>
      store.sync.halls.saveWindowState({
        id: 'w2',
        status,
        pauseReason: null,
        currentTicketId: null,
        staffId: null,
        statusChangedAt: '2026-11-23T01:00:00.000Z',
      });
    expect(store.sync.halls.windowsServing('tax-reg').find((w) => w.id === 'w2')!.status).toBe('closed');
    expect(store.sync.halls.windowsServing('tax-reg')).toBe(store.sync.halls.windowsServing('tax-reg'));
    openW2('open');
    expect(store.sync.halls.windowsServing('tax-reg').find((w) => w.id === 'w2')!.status).toBe('open');
    expect(() =>
      store.syncTransaction(() => {
        store.db.prepare("DELETE FROM window_services WHERE window_id = 'w2' AND service_id = 'tax-reg'").run();
        expect(store.sync.halls.windowsServing('tax-reg').map((w) => w.id)).not.toContain('w2');
        throw new Error('undo');
      }),
    ).toThrow('undo');
    expect(store.sync.halls.windowsServing('tax-reg').map((w) => w.id)).toContain('w2');
    store.db.prepare("DELETE FROM window_services WHERE window_id = 'w2' AND service_id = 'tax-reg'").run();
    expect(store.sync.halls.windowsServing('tax-reg').map((w) => w.id)).not.toContain('w2');
  });

  it("follows the working calendar and a service's finished tickets", () => {
    expect(store.sync.calendar!.dates('main', '2027-01-01', '2027-01-31').days).toEqual([]);
    store.db.prepare("INSERT INTO calendar_days (hall_id, date, kind, name) VALUES ('main', '2027-01-01', 'holiday', '元旦')").run();
    expect(store.sync.calendar!.dates('main', '2027-01-01', '2027-01-31').days).toEqual([{ date: '2027-01-01', kind: 'holiday', name: '元旦' }]);

    expect(store.sync.tickets.recentServiceSeconds('tax-reg', 10)).toEqual([]);
    store.db
      .prepare(
        `INSERT INTO tickets (id, hall_id, service_id, number, seq_no, business_day, status, priority, issued_at, started_at, status_token)
      VALUES ('t1', 'main', 'tax-reg', 'A001', 1, '2026-11-23', 'serving', 'normal', '2026-11-23T01:00:00.000Z', '2026-11-23T01:00:00.000Z', 'tok')`,
      )
      .run();
    expect(store.sync.tickets.recentServiceSeconds('tax-reg', 10)).toEqual([]);
    store.db.prepare("UPDATE tickets SET status = 'done', finished_at = '2026-11-23T01:05:00.000Z' WHERE id = 't1'").run();
    expect(store.sync.tickets.recentServiceSeconds('tax-reg', 10).map(Math.round)).toEqual([300]);
  });

  it('forgets a change undone by a savepoint while the transaction around it commits', () => {
    store.syncTransaction(() => {
      store.db.exec('SAVEPOINT part');
      store.db.prepare("UPDATE services SET name = '撤回' WHERE id = 'invoice'").run();
      expect(store.sync.halls.service('invoice')!.name).toBe('撤回');
      store.db.exec('ROLLBACK TO part');
      store.db.exec('RELEASE part');
      expect(store.sync.halls.service('invoice')!.name).toBe('发票领用');
      store.db.prepare("UPDATE services SET name = '发票代开' WHERE id = 'license'").run();
    });
    expect(store.sync.halls.service('invoice')!.name).toBe('发票领用');
    expect(store.sync.halls.service('license')!.name).toBe('发票代开');
  });

  it('after its own writes elsewhere, and across event-loop turns, reads no version row again', async () => {
    const readAll = () => {
      store.sync.halls.windows('main');
      store.sync.halls.service('license');
      store.sync.halls.windowsServing('license');
    };
    readAll();
    const moveQueue = store.db.prepare(
      "INSERT INTO cache_versions (name, v) VALUES ('queue:tax-reg|2026-11-23', ?) ON CONFLICT (name) DO UPDATE SET v = excluded.v",
    );
    const work = await measureWork(async () => {
      for (let i = 1; i <= 20; i++) {
        moveQueue.run(i);
        readAll();
        await new Promise((resolve) => setImmediate(resolve));
      }
    });
    expect(work['SELECT v FROM cache_versions WHERE name = ?']).toBeUndefined();
    expect(work['PRAGMA data_version']?.runs).toBeLessThanOrEqual(20); // at most once per turn: has another connection committed?
  });

  it("hands out frozen values, so no caller can change another's copy", () => {
    const w = store.sync.halls.window('w1')!;
    expect(() => {
      (w as { status: string }).status = 'open';
    }).toThrow(TypeError);
    expect(() => w.serviceIds.push('invoice')).toThrow(TypeError);
  });

  it("between writes, reads one version row instead of the hall's windows", async () => {
    const readAll = () => {
      store.sync.halls.windows('main');
      store.sync.halls.window('w3');
      store.sync.halls.service('license');
      store.sync.halls.windowsServing('license');
    };
    readAll();
    const work = await measureWork(async () => {
      for (let i = 0; i < 100; i++) readAll();
    });
    expect(Object.keys(work).some((sql) => sql.startsWith('SELECT * FROM windows'))).toBe(false);
    expect(rowsOf(work)).toBeLessThanOrEqual(100 * 6);
  });
});
