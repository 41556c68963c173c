import type { SettingsRepository } from '../../server/appointments/ports.js';
import type { Db } from '../database.js';

/** Whole-hall settings kept as JSON documents (`buses`, `hardware`, …). */
export class SqliteSettingsRepository implements SettingsRepository {
  private readonly getStmt;
  private readonly putStmt;
  private readonly deleteStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare('SELECT value_json FROM settings WHERE key = ?');
    this.deleteStmt = db.prepare('DELETE FROM settings WHERE key = ?');
    this.putStmt = db.prepare('INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json');
  }

  get<T>(key: string, fallback: T): T {
    const row = this.getStmt.get(key) as { value_json: string } | undefined;
    return row ? (JSON.parse(row.value_json) as T) : fallback;
  }

  remove(key: string): void {
    this.deleteStmt.run(key);
  }

  put(key: string, value: unknown): void {
    this.putStmt.run(key, JSON.stringify(value));
  }
}
