import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { copyBeforeMigrating } from './backup.js';
import { migrate, MIGRATIONS_DIR } from './migrate.js';

export type Db = Database.Database;

/** Opens (creating if needed) the hall's SQLite file and brings its schema up to date. */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    // personal data: readable by the service account only. SQLite gives its -wal and -shm files
    // the database file's mode, so setting it before they exist covers them too.
    if (!existsSync(file)) writeFileSync(file, '', { mode: 0o600 });
    for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
  }
  const db = new Database(file);
  // WAL lets readers (snapshots, reports) run beside the writer; synchronous=FULL makes every
  // commit durable before we answer, so an acknowledged ticket survives a power cut.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Savepoints (each ticket of a group commit has one) and statements with triggers journal the
  // pages they change so they can be undone alone. SQLite keeps that journal in memory up to
  // 64 KiB and then spills it to a temporary file: ~15 pages per ticket meant ~50 KB of writes
  // per ticket that nobody reads back. In memory it stays as large as one savepoint's pages.
  db.pragma('temp_store = MEMORY');
  const beforeApplying = (pending: string[]) => {
    if (file !== ':memory:') copyBeforeMigrating(db, preMigrationFile(file, pending[0]!));
  };
  migrate(db, MIGRATIONS_DIR, new Date(), { beforeApplying });
  return db;
}

/** `<data>/backups/before-<migration>-<time>.sqlite`: the database as it was before an upgrade changed it. */
export function preMigrationFile(file: string, firstPending: string, now = new Date()): string {
  const dir = join(dirname(file), 'backups');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return join(dir, `before-${firstPending}-${now.toISOString().replace(/[:.]/g, '-')}.sqlite`);
}
