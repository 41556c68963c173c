import { mkdtempSync, readdirSync, copyFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/database.js';
import { checkPlanCovers, pgColumns } from '../../../server/store/postgres/copy-from-sqlite.js';
import { migratePostgres, PG_MIGRATIONS_DIR } from '../../../server/store/postgres/migrate.js';
import { openPool } from '../../../server/store/postgres/pool.js';
import { PgStore } from '../../../server/store/postgres/pg-store.js';
import { startPostgres, type PostgresServer } from '../../helpers/postgres-server.js';
import { seedPgHall } from './pg-fixtures.js';

let server: PostgresServer;
let pool: pg.Pool;

beforeAll(async () => {
  server = await startPostgres();
});
afterAll(() => server?.stop());
beforeEach(async () => {
  pool = openPool(await server.createDatabase());
});
afterEach(async () => {
  await pool.end();
});

const count = async (sql: string, params: unknown[] = []) => Number((await pool.query(sql, params)).rows[0].n);

describe('PostgreSQL migrations', () => {
  it('create every table once; a second start applies nothing', async () => {
    const first = await migratePostgres(pool);
    expect(first).toEqual(
      readdirSync(PG_MIGRATIONS_DIR)
        .filter((f) => f.endsWith('.sql'))
        .sort()
        .map((f) => f.slice(0, -4)),
    );
    expect(await migratePostgres(pool)).toEqual([]);
    const tables = (await pool.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).rows.map((r) => r.table_name);
    expect(tables).toEqual(
      expect.arrayContaining(['tickets', 'events', 'hall_event_seq', 'queue_counts', 'window_day_counts', 'appointments', 'sup_day_stats', 'audit_log']),
    );
  });

  it('has a place for every table and column of the SQLite schema (a new SQLite migration needs its PostgreSQL twin)', async () => {
    await migratePostgres(pool);
    const sqlite = openDatabase(':memory:');
    try {
      const columns = await pgColumns(pool);
      expect(() => checkPlanCovers(sqlite, columns)).not.toThrow();
      sqlite.exec('ALTER TABLE tickets ADD COLUMN lane TEXT');
      expect(() => checkPlanCovers(sqlite, columns)).toThrow(/columns of tickets with no PostgreSQL counterpart: lane/);
      sqlite.exec('CREATE TABLE kiosk_paper (kiosk_id TEXT)');
      expect(() => checkPlanCovers(sqlite, columns)).toThrow(/no place in the copy plan: kiosk_paper/);
    } finally {
      sqlite.close();
    }
  });

  it('two nodes starting together apply each migration once', async () => {
    const [a, b] = await Promise.all([migratePostgres(pool), migratePostgres(pool)]);
    expect([...a, ...b].sort()).toEqual(
      readdirSync(PG_MIGRATIONS_DIR)
        .filter((f) => f.endsWith('.sql'))
        .sort()
        .map((f) => f.slice(0, -4)),
    );
  });

  it('refuses a database that orders text by a language instead of by bytes, creating nothing in it', async () => {
    const admin = openPool(server.url, 1);
    try {
      await admin.query("CREATE DATABASE by_language TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'zh-CN' LOCALE 'C'");
    } finally {
      await admin.end();
    }
    const url = server.url.replace(/\/postgres$/, '/by_language');
    await expect(PgStore.open(url)).rejects.toThrow(/orders text by a language \(ICU\).*LOCALE 'C'/);
    const other = openPool(url, 1);
    try {
      expect(Number((await other.query("SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = 'public'")).rows[0].n)).toBe(0);
    } finally {
      await other.end();
    }
    const byBytes = await PgStore.open(await server.createDatabase()); // the test cluster's LOCALE 'C'
    await byBytes.close();
  });

  it('refuses a database migrated by a newer version', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hallq-pgmig-'));
    try {
      for (const f of readdirSync(PG_MIGRATIONS_DIR)) copyFileSync(join(PG_MIGRATIONS_DIR, f), join(dir, f));
      writeFileSync(join(dir, '999_from_the_future.sql'), 'CREATE TABLE future (id INT);');
      await migratePostgres(pool, dir);
      await expect(migratePostgres(pool)).rejects.toThrow(/999_from_the_future.*upgrade the server/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the waiting counts per service and day, and the counts per window, as tickets move', async () => {
    await migratePostgres(pool);
    await seedPgHall(pool);
    const insert = (id: string, no: number, priority = 'normal') =>
      pool.query(
        `INSERT INTO tickets (id, hall_id, service_id, business_day, seq_no, number, priority, status, issued_at, status_token)
       VALUES ($1, 'h1', 's1', '2026-03-02', $2::int, 'A' || $2::int, $3, 'waiting', '2026-03-02T02:00:00.000Z', 'tok')`,
        [id, no, priority],
      );
    await insert('t1', 1);
    await insert('t2', 2, 'priority');
    await insert('t3', 3);
    const counts = () => pool.query("SELECT queued, priority, transfers FROM queue_counts WHERE service_id = 's1' AND business_day = '2026-03-02'");
    expect((await counts()).rows).toEqual([{ queued: 3, priority: 1, transfers: 0 }]);
    await pool.query("UPDATE tickets SET status = 'called', window_id = 'w1' WHERE id = 't1'");
    await pool.query("UPDATE tickets SET status = 'transferred' WHERE id = 't3'");
    expect((await counts()).rows).toEqual([{ queued: 2, priority: 1, transfers: 1 }]);
    await pool.query("UPDATE tickets SET status = 'done' WHERE id = 't1'");
    await pool.query("UPDATE tickets SET status = 'cancelled' WHERE id IN ('t2', 't3')");
    expect((await counts()).rows).toEqual([]);
    const atWindow = await pool.query("SELECT status, n FROM window_day_counts WHERE window_id = 'w1' AND n > 0");
    expect(atWindow.rows).toEqual([{ status: 'done', n: 1 }]);
    expect(await count("SELECT COUNT(*) AS n FROM window_day_counts WHERE window_id = 'w1' AND status = 'called' AND n = 0")).toBe(1);
  });

  it('gives a cached name a new version when its rows change, in the writing transaction', async () => {
    await migratePostgres(pool);
    const version = async (name: string) => (await pool.query('SELECT v FROM cache_versions WHERE name = $1', [name])).rows[0]?.v as string | undefined;
    await seedPgHall(pool);
    const [halls, windows] = [await version('halls'), await version('windows:h1')];
    expect(windows).toBeDefined();
    await pool.query("UPDATE windows SET status = 'paused' WHERE id = 'w1'");
    expect(await version('windows:h1')).not.toBe(windows);
    expect(await version('halls')).toBe(halls);
    await pool.query('BEGIN');
    await pool.query("UPDATE halls SET notice = '今日下午停电' WHERE id = 'h1'");
    await pool.query('ROLLBACK');
    expect(await version('halls')).toBe(halls);
    await pool.query("UPDATE halls SET notice = '今日下午停电' WHERE id = 'h1'");
    expect(await version('halls')).not.toBe(halls);
  });
});
