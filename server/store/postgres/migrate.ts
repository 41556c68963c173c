import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { projectPath } from '../../project-path.js';

export const PG_MIGRATIONS_DIR = projectPath('db', 'postgres');

/** held while migrating, so that nodes started together apply each migration once */
const MIGRATION_LOCK = 7_001_016;

const migrationFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort();

/**
 * Forward-only migrations of the PostgreSQL store: `db/postgres/NNN_name.sql`, applied in order,
 * each in its own transaction, recorded in `schema_migrations`. A database with a migration this
 * code does not know was written by a newer version: refuse rather than run beside it.
 */
export async function migratePostgres(pool: pg.Pool, dir = PG_MIGRATIONS_DIR, now = new Date()): Promise<string[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
    const files = migrationFiles(dir);
    const known = new Set(files.map((f) => f.replace(/\.sql$/, '')));
    const applied = new Set((await client.query<{ id: string }>('SELECT id FROM schema_migrations')).rows.map((r) => r.id));
    const unknown = [...applied].filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new Error(`database has migrations this version does not know (${unknown.join(', ')}): upgrade the server`);
    }
    const ran: string[] = [];
    for (const file of files) {
      const id = file.replace(/\.sql$/, '');
      if (applied.has(id)) continue;
      await client.query('BEGIN');
      try {
        await client.query(readFileSync(join(dir, file), 'utf8'));
        await client.query('INSERT INTO schema_migrations (id, applied_at) VALUES ($1, $2)', [id, now.toISOString()]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${id} failed: ${(error as Error).message}`, { cause: error });
      }
      ran.push(id);
    }
    return ran;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
}
