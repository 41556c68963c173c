import type { ServiceTimeRepository } from '../../server/app/ports.js';
import type { Sync } from '../sync-ports.js';
import type { Db } from '../database.js';

/** Service times of finished tickets, for the wait estimate (bounded: the newest `limit` only). */
export class SqliteServiceTimeRepository implements Sync<ServiceTimeRepository> {
  // tickets_finished (service_id, finished_at) WHERE status = 'done' walks the newest first
  private readonly recent;

  constructor(db: Db) {
    this.recent = db.prepare(`SELECT started_at AS startedAt, (julianday(finished_at) - julianday(started_at)) * 86400.0 AS seconds
      FROM tickets WHERE service_id = ? AND status = 'done' AND started_at IS NOT NULL AND finished_at IS NOT NULL
      ORDER BY finished_at DESC LIMIT ?`);
  }

  recentSamples(serviceId: string, limit: number): { startedAt: string; seconds: number }[] {
    return this.recent.all(serviceId, limit) as { startedAt: string; seconds: number }[];
  }
}
