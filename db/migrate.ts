import type Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from '../server/project-path.js';
import { registerSqlFunctions } from './sql-functions.js';

export const MIGRATIONS_DIR = projectPath('db', 'migrations');

export interface MigrateOptions {
  /** runs before the first pending migration of a database that already has data (not on a new one) */
  beforeApplying?: (pending: string[]) => void;
}

const migrationFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort();

/** The migration ids this code knows, in order. */
export function knownMigrationIds(dir = MIGRATIONS_DIR): string[] {
  return migrationFiles(dir).map((f) => f.replace(/\.sql$/, ''));
}

/**
 * Forward-only migrations: `NNN_name.sql`, applied in order, each in its own transaction,
 * recorded in `schema_migrations`. A database that has a migration this code does not know
 * was written by a newer version: refuse to start rather than corrupt it.
 */
export function migrate(db: Database.Database, dir = MIGRATIONS_DIR, now = new Date(), opts: MigrateOptions = {}): string[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const files = migrationFiles(dir);
  const known = new Set(files.map((f) => f.replace(/\.sql$/, '')));
  const applied = new Set((db.prepare('SELECT id FROM schema_migrations').all() as { id: string }[]).map((r) => r.id));
  const unknown = [...applied].filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new Error(`database has migrations this version does not know (${unknown.join(', ')}): upgrade the server`);
  }
  const pending = files.map((f) => f.replace(/\.sql$/, '')).filter((id) => !applied.has(id));
  if (pending.length > 0 && applied.size > 0) opts.beforeApplying?.(pending);
  if (pending.length > 0) registerSqlFunctions(db);
  const ran: string[] = [];
  for (const file of files) {
    const id = file.replace(/\.sql$/, '');
    if (applied.has(id)) continue;
    const sql = readFileSync(join(dir, file), 'utf8');
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)').run(id, now.toISOString());
    })();
    ran.push(id);
  }
  return ran;
}
