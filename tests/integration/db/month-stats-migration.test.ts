import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS_DIR } from '../../../db/migrate.js';
import { addPacked, addSample } from '../../../server/domain/histogram.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hallq-months-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const histOf = (values: number[]) => values.reduce<Uint8Array | null>((p, v) => addSample(p, v), null);

describe('upgrading a database whose reports were summed per day only', () => {
  const olderDatabase = (name: string) => {
    const older = join(dir, `${name}-migrations`);
    mkdirSync(older);
    for (const f of readdirSync(MIGRATIONS_DIR).filter((f) => !/^12[5-9]_/.test(f))) copyFileSync(join(MIGRATIONS_DIR, f), join(older, f));
    const db = new Database(join(dir, `${name}.sqlite`));
    migrate(db, older);
    return db;
  };

  it('fills each month row with the sums of its day rows, histograms merged', () => {
    const db = olderDatabase('days');
    const day = db.prepare(`INSERT INTO sup_day_stats (hall_id, business_day, window_id, staff_id, service_id, called, served, e1, wait_hist, service_hist)
      VALUES ('main', ?, 'w1', 's1', 'tax-reg', ?, ?, ?, ?, ?)`);
    day.run('2025-12-30', 3, 2, 1, histOf([10, 25, 25]), histOf([80, 95]));
    day.run('2025-12-31', 2, 2, 0, histOf([25, 400]), null);
    day.run('2026-01-04', 1, 0, 0, histOf([7]), null);

    migrate(db);
    const months = db.prepare('SELECT month, called, served, e1, wait_hist, walk_hist, service_hist FROM sup_month_stats ORDER BY month').all() as {
      month: string;
      called: number;
      served: number;
      e1: number;
      wait_hist: Uint8Array | null;
      walk_hist: Uint8Array | null;
      service_hist: Uint8Array | null;
    }[];
    expect(months.map((m) => [m.month, m.called, m.served, m.e1])).toEqual([
      ['2025-12', 5, 4, 1],
      ['2026-01', 1, 0, 0],
    ]);
    expect([...addPacked(months[0]!.wait_hist)]).toEqual([
      [10, 1],
      [25, 3],
      [400, 1],
    ]);
    expect([...addPacked(months[0]!.service_hist)]).toEqual([
      [80, 1],
      [95, 1],
    ]);
    expect(months[0]!.walk_hist).toBeNull();
    expect([...addPacked(months[1]!.wait_hist)]).toEqual([[7, 1]]);
    db.close();
  });

  it('fills the per-day and per-month, weekday and hour sums of the half-hour slots', () => {
    const db = olderDatabase('slots');
    const slot = db.prepare(`INSERT INTO sup_service_slots (hall_id, business_day, service_id, slot, weekday, issued, cancelled, served)
      VALUES ('main', ?, ?, ?, ?, ?, ?, ?)`);
    slot.run('2025-12-29', 'tax-reg', 18, 1, 4, 1, 0); // Monday 09:00
    slot.run('2025-12-29', 'tax-reg', 19, 1, 2, 0, 3); // Monday 09:30
    slot.run('2025-12-29', 'invoice', 19, 1, 1, 0, 1);
    slot.run('2026-01-05', 'tax-reg', 18, 1, 5, 0, 2); // the next Monday, next month

    migrate(db);
    expect(db.prepare('SELECT business_day, service_id, issued, cancelled, served FROM sup_service_days ORDER BY 1, 2').raw().all()).toEqual([
      ['2025-12-29', 'invoice', 1, 0, 1],
      ['2025-12-29', 'tax-reg', 6, 1, 3],
      ['2026-01-05', 'tax-reg', 5, 0, 2],
    ]);
    expect(db.prepare('SELECT month, service_id, weekday, hour, issued, served FROM sup_service_month_hours ORDER BY 1, 2').raw().all()).toEqual([
      ['2025-12', 'invoice', 1, 9, 1, 1],
      ['2025-12', 'tax-reg', 1, 9, 6, 3],
      ['2026-01', 'tax-reg', 1, 9, 5, 2],
    ]);
    db.close();
  });
});
