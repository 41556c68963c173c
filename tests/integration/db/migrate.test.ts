import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/database.js';
import { migrate, MIGRATIONS_DIR } from '../../../db/migrate.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hallq-migrate-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('migrations', () => {
  it('applies every migration once, in order, and records it', () => {
    const file = join(dir, 'hall.sqlite');
    const db = openDatabase(file);
    const applied = (db.prepare('SELECT id FROM schema_migrations ORDER BY id').all() as { id: string }[]).map((r) => r.id);
    const files = readdirSync(MIGRATIONS_DIR)
      .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
      .map((f) => f.replace(/\.sql$/, ''))
      .sort();
    expect(applied).toEqual(files);
    expect(applied[0]).toBe('001_init');
    db.close();
    const again = new Database(file);
    expect(migrate(again)).toEqual([]);
    again.close();
  });

  it('opens the database in WAL mode with synchronous=FULL, foreign keys on and savepoint journals in memory', () => {
    const db = openDatabase(join(dir, 'hall.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('temp_store', { simple: true })).toBe(2);
    db.close();
  });

  it('refuses a database written by a newer version (a migration this code does not know)', () => {
    const file = join(dir, 'hall.sqlite');
    openDatabase(file).close();
    const db = new Database(file);
    db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)').run('999_from_the_future', '2026-11-23T00:00:00Z');
    db.close();
    expect(() => openDatabase(file)).toThrow(/999_from_the_future/);
  });

  it('applies a new migration on the next start, in its own transaction', () => {
    const migrations = join(dir, 'migrations');
    const db = new Database(join(dir, 'hall.sqlite'));
    rmSync(migrations, { recursive: true, force: true });
    mkdirSync(migrations);
    writeFileSync(join(migrations, '001_a.sql'), 'CREATE TABLE a (x INTEGER);');
    expect(migrate(db, migrations)).toEqual(['001_a']);
    writeFileSync(join(migrations, '002_b.sql'), 'CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1);');
    expect(() => migrate(db, migrations)).toThrow(/nowhere/);
    // the failed migration left nothing behind and is not recorded
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined();
    expect((db.prepare('SELECT id FROM schema_migrations').all() as { id: string }[]).map((r) => r.id)).toEqual(['001_a']);
    db.close();
  });
});
