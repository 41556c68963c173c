import Database from 'better-sqlite3';
import { chmodSync, closeSync, copyFileSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import type { Db } from './database.js';
import { knownMigrationIds } from './migrate.js';

export interface BackupInfo {
  file: string;
  bytes: number;
  /** the last migration the copy has: the code version it needs */
  schema: string;
}

/** Backups hold personal data and the hashes of every password and token: owner only. */
const PRIVATE = 0o600;

/**
 * A consistent copy of a live database, through SQLite's online backup: the whole file in one
 * step (in small steps a busy server's writes would restart the copy again and again). In WAL
 * mode the step only reads, so issuing goes on meanwhile. The copy is written beside its name
 * and renamed at the end: a file with the final name is always a complete backup.
 */
export async function backupDatabase(source: Db, toFile: string): Promise<BackupInfo> {
  const partial = `${toFile}.partial`;
  rmSync(partial, { force: true });
  try {
    await source.backup(partial, { progress: () => 0x7fffffff });
    chmodSync(partial, PRIVATE);
    const schema = checkCopy(partial);
    syncFile(partial);
    renameSync(partial, toFile);
    return { file: toFile, bytes: statSync(toFile).size, schema };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/** A synchronous copy for the moment before migrations (the server is not serving yet). */
export function copyBeforeMigrating(db: Db, toFile: string): void {
  db.prepare('VACUUM INTO ?').run(toFile);
  chmodSync(toFile, PRIVATE);
}

/** Opens an existing database without migrating it (for the backup command beside a running server). */
export function openExisting(file: string): Db {
  if (!existsSync(file)) throw new Error(`no database at ${file}`);
  const db = new Database(file, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * Whether a server (or anything else) has the database open. In WAL mode every open connection
 * holds a shared lock on the file, so an exclusive lock is refused while one is open.
 */
export function databaseInUse(file: string): boolean {
  if (!existsSync(file)) return false;
  const probe = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    probe.pragma('locking_mode = EXCLUSIVE');
    probe.exec('BEGIN EXCLUSIVE; COMMIT');
    return false;
  } catch {
    return true;
  } finally {
    probe.close();
  }
}

/** The checks a backup must pass before it is called one, or before it replaces a database. */
export function checkCopy(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`${file} is damaged: ${String(check)}`);
    const hasLog = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
    if (!hasLog) throw new Error(`${file} is not a Hall Queue database`);
    const ids = (db.prepare('SELECT id FROM schema_migrations ORDER BY id').all() as { id: string }[]).map((r) => r.id);
    const known = new Set(knownMigrationIds());
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0) throw new Error(`${file} was written by a newer version (migrations ${unknown.join(', ')}): upgrade first`);
    return ids.at(-1) ?? '';
  } finally {
    db.close();
  }
}

export interface RestoreResult {
  /** where the database that was replaced went, if there was one */
  replacedTo?: string;
  schema: string;
}

/**
 * Puts a backup in place as the data directory's database. The server must be stopped. The
 * database it replaces is kept (renamed with its -wal and -shm), never deleted.
 */
export function restoreDatabase(fromFile: string, toFile: string, stamp: string): RestoreResult {
  const schema = checkCopy(fromFile);
  if (databaseInUse(toFile)) throw new Error(`${toFile} is in use: stop the server first`);
  let replacedTo: string | undefined;
  if (existsSync(toFile)) {
    replacedTo = `${toFile}.replaced-${stamp}`;
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(toFile + suffix)) renameSync(toFile + suffix, replacedTo + suffix);
  }
  const partial = `${toFile}.partial`;
  copyFileSync(fromFile, partial);
  chmodSync(partial, PRIVATE);
  syncFile(partial);
  renameSync(partial, toFile);
  return { schema, ...(replacedTo ? { replacedTo } : {}) };
}

function syncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
