import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupDatabase, databaseInUse, restoreDatabase } from '../../../db/backup.js';
import { openDatabase } from '../../../db/database.js';
import { knownMigrationIds, migrate, MIGRATIONS_DIR } from '../../../db/migrate.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hallq-backup-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const appliedIds = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT id FROM schema_migrations ORDER BY id').all() as { id: string }[]).map((r) => r.id);
  } finally {
    db.close();
  }
};

/** A database as an older version left it: every migration but the last, with a hall in it. */
function olderDatabase(file: string): void {
  const older = join(dir, 'older-migrations');
  mkdirSync(older);
  for (const id of knownMigrationIds().slice(0, -1)) copyFileSync(join(MIGRATIONS_DIR, `${id}.sql`), join(older, `${id}.sql`));
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  migrate(db, older);
  db.prepare(
    "INSERT INTO halls (id, name, timezone, hours_json, policy_json, notice) VALUES ('main', '市政务服务中心', 'Asia/Shanghai', '{}', '{}', '')",
  ).run();
  db.close();
}

describe('automatic backup before migrations', () => {
  it('an upgrade copies the database as it was before changing it, readable and owner-only', () => {
    const file = join(dir, 'hall-queue.sqlite');
    olderDatabase(file);
    const last = knownMigrationIds().at(-1)!;
    openDatabase(file).close();

    const copies = readdirSync(join(dir, 'backups'));
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatch(new RegExp(`^before-${last}-.+\\.sqlite$`));
    const copy = join(dir, 'backups', copies[0]!);
    expect(appliedIds(copy)).not.toContain(last);
    expect(appliedIds(file)).toContain(last);
    const db = new Database(copy, { readonly: true });
    expect(db.prepare('SELECT name FROM halls').pluck().get()).toBe('市政务服务中心');
    db.close();
    expect(statSync(copy).mode & 0o777).toBe(0o600);
  });

  it('a new database and an up-to-date one get no copy', () => {
    const file = join(dir, 'hall-queue.sqlite');
    openDatabase(file).close();
    openDatabase(file).close();
    expect(existsSync(join(dir, 'backups'))).toBe(false);
  });
});

describe('backupDatabase and restoreDatabase', () => {
  it('a backup of an open database holds its committed rows and is owner-only', async () => {
    const db = openDatabase(join(dir, 'live.sqlite'));
    db.prepare("INSERT INTO halls (id, name, timezone, hours_json, policy_json, notice) VALUES ('main', '主厅', 'Asia/Shanghai', '{}', '{}', '')").run();
    const info = await backupDatabase(db, join(dir, 'copy.sqlite'));
    db.close();
    expect(info.schema).toBe(knownMigrationIds().at(-1));
    expect(statSync(info.file).mode & 0o777).toBe(0o600);
    expect(existsSync(`${info.file}.partial`)).toBe(false);
    const copy = new Database(info.file, { readonly: true });
    expect(copy.prepare('SELECT name FROM halls').pluck().get()).toBe('主厅');
    copy.close();
  });

  it('restore keeps the database it replaces, and refuses while that one is open', async () => {
    const live = join(dir, 'data', 'hall-queue.sqlite');
    const db = openDatabase(live);
    await backupDatabase(db, join(dir, 'copy.sqlite'));
    expect(databaseInUse(live)).toBe(true);
    expect(() => restoreDatabase(join(dir, 'copy.sqlite'), live, 'x')).toThrow(/in use: stop the server first/);
    db.close();
    expect(databaseInUse(live)).toBe(false);

    const result = restoreDatabase(join(dir, 'copy.sqlite'), live, '2026-12-06T02-00-00-000Z');
    expect(result.replacedTo).toBe(`${live}.replaced-2026-12-06T02-00-00-000Z`);
    expect(existsSync(result.replacedTo!)).toBe(true);
    expect(appliedIds(live)).toEqual(knownMigrationIds());
  });

  it('restore refuses a file that is not a Hall Queue database, or one from a newer version, and changes nothing', () => {
    const live = join(dir, 'data', 'hall-queue.sqlite');
    openDatabase(live).close();
    const before = statSync(live).mtimeMs;

    writeFileSync(join(dir, 'notes.txt'), 'not a database at all');
    expect(() => restoreDatabase(join(dir, 'notes.txt'), live, 'x')).toThrow();
    const other = new Database(join(dir, 'other.sqlite'));
    other.exec('CREATE TABLE t (x)');
    other.close();
    expect(() => restoreDatabase(join(dir, 'other.sqlite'), live, 'x')).toThrow(/not a Hall Queue database/);
    const newer = join(dir, 'newer.sqlite');
    copyFileSync(live, newer);
    const n = new Database(newer);
    n.prepare("INSERT INTO schema_migrations (id, applied_at) VALUES ('999_future', '2027-01-01')").run();
    n.close();
    expect(() => restoreDatabase(newer, live, 'x')).toThrow(/newer version .*999_future.*upgrade first/);

    expect(statSync(live).mtimeMs).toBe(before);
    expect(readdirSync(join(dir, 'data')).filter((f) => f.includes('replaced'))).toEqual([]);
  });
});
