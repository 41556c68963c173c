import type { AuditEntry } from '../../app/ports.js';
import type { Evaluation } from '../../domain/model.js';
import { toEvaluation, type EvaluationRow } from '../../../db/repositories/rows.js';
import type { Queryable } from './hall-transaction.js';

/** EvaluationRepository on PostgreSQL: one evaluation per ticket. */
export class PgEvaluationRepository {
  async get(db: Queryable, ticketId: string): Promise<Evaluation | undefined> {
    const { rows } = await db.query<EvaluationRow>('SELECT * FROM evaluations WHERE ticket_id = $1', [ticketId]);
    return rows[0] && toEvaluation(rows[0]);
  }

  async insert(db: Queryable, e: Evaluation): Promise<void> {
    await db.query(
      `INSERT INTO evaluations (ticket_id, hall_id, level, tags_json, comment, contact, window_id, staff_id, source, created_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [e.ticketId, e.hallId, e.level, JSON.stringify(e.tags), e.comment, e.contact ?? '', e.windowId, e.staffId, e.source, e.createdAt],
    );
  }
}

/** AuditRepository on PostgreSQL: the entry, listed under its hall and every further hall it touches. */
export class PgAuditRepository {
  async record(db: Queryable, e: AuditEntry): Promise<void> {
    const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
    const halls = [...new Set([...(e.hallId ? [e.hallId] : []), ...(e.alsoHallIds ?? [])])];
    // one statement: the entry and its halls are written together even on an autocommit connection
    await db.query(
      `WITH a AS (INSERT INTO audit_log (at, hall_id, actor_type, actor_id, action, entity, entity_id, reason, before_json, after_json)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id)
      INSERT INTO audit_log_halls (hall_id, audit_id) SELECT h, a.id FROM a, unnest($11::text[]) AS h ON CONFLICT DO NOTHING`,
      [e.at, e.hallId, e.actorType, e.actorId, e.action, e.entity, e.entityId, e.reason ?? null, json(e.before), json(e.after), halls],
    );
  }
}

/** ServiceTimeRepository on PostgreSQL: the newest finished tickets of a service (tickets_finished walks them). */
export class PgServiceTimeRepository {
  async recentSamples(db: Queryable, serviceId: string, limit: number): Promise<{ startedAt: string; seconds: number }[]> {
    const { rows } = await db.query<{ startedAt: string; seconds: number }>(
      `SELECT started_at AS "startedAt", EXTRACT(EPOCH FROM finished_at::timestamptz - started_at::timestamptz)::float8 AS seconds
      FROM tickets WHERE service_id = $1 AND status = 'done' AND started_at IS NOT NULL AND finished_at IS NOT NULL
      ORDER BY finished_at DESC LIMIT $2`,
      [serviceId, limit],
    );
    return rows;
  }
}
