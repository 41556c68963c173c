import type { AlertRecord, AuditRow, FollowUpRecord } from '../../supervision/ports.js';
import type { Queryable } from './hall-transaction.js';

const ALERT_COLS = `id, hall_id AS "hallId", key, kind, level, subject_type AS "subjectType", subject_id AS "subjectId", message,
  data_json AS data, raised_at AS "raisedAt", resolved_at AS "resolvedAt", ack_by AS "ackBy", ack_at AS "ackAt", ack_note AS "ackNote"`;
const FOLLOWUP_COLS = `f.ticket_id AS "ticketId", f.hall_id AS "hallId", f.number, f.level, f.service_id AS "serviceId", f.window_id AS "windowId",
  f.staff_id AS "staffId", f.tags_json AS tags, f.created_at AS "createdAt", f.callback_due AS "callbackDue", f.rectify_due AS "rectifyDue",
  f.callback_at AS "callbackAt", f.callback_by AS "callbackBy", f.callback_note AS "callbackNote", f.rectified_at AS "rectifiedAt",
  f.rectified_by AS "rectifiedBy", f.rectify_note AS "rectifyNote", f.visitor_level AS "visitorLevel", f.visitor_rated_at AS "visitorRatedAt",
  e.comment, e.contact`;
const FOLLOWUPS = 'sup_followups f LEFT JOIN evaluations e ON e.ticket_id = f.ticket_id';

/** Alerts, bad-review follow-ups, per-hall settings and the audit trail's read, on PostgreSQL (jsonb documents come back parsed). */
export class PgSupervisionRecordRepository {
  async activeAlerts(db: Queryable, hallId: string): Promise<AlertRecord[]> {
    return (await db.query<AlertRecord>(`SELECT ${ALERT_COLS} FROM sup_alerts WHERE hall_id = $1 AND resolved_at IS NULL ORDER BY id`, [hallId])).rows;
  }

  /** alerts raised since `from` plus any still active or not yet acknowledged, newest first */
  async recentAlerts(db: Queryable, hallId: string, from: string, limit = 200): Promise<AlertRecord[]> {
    const sql = `SELECT ${ALERT_COLS} FROM sup_alerts WHERE hall_id = $1 AND (raised_at >= $2 OR resolved_at IS NULL OR ack_at IS NULL) ORDER BY id DESC LIMIT $3`;
    return (await db.query<AlertRecord>(sql, [hallId, from, limit])).rows;
  }

  async alert(db: Queryable, id: number): Promise<AlertRecord | undefined> {
    return (await db.query<AlertRecord>(`SELECT ${ALERT_COLS} FROM sup_alerts WHERE id = $1`, [id])).rows[0];
  }

  async insertAlert(db: Queryable, a: Omit<AlertRecord, 'id' | 'resolvedAt' | 'ackBy' | 'ackAt' | 'ackNote'>): Promise<number> {
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO sup_alerts (hall_id, key, kind, level, subject_type, subject_id, message, data_json, raised_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [a.hallId, a.key, a.kind, a.level, a.subjectType, a.subjectId, a.message, JSON.stringify(a.data), a.raisedAt],
    );
    return rows[0]!.id;
  }

  async resolveAlert(db: Queryable, id: number, at: string): Promise<void> {
    await db.query('UPDATE sup_alerts SET resolved_at = $1 WHERE id = $2', [at, id]);
  }

  async acknowledgeAlert(db: Queryable, id: number, by: string, at: string, note: string | null): Promise<void> {
    await db.query('UPDATE sup_alerts SET ack_by = $1, ack_at = $2, ack_note = $3 WHERE id = $4', [by, at, note, id]);
  }

  async insertFollowUp(
    db: Queryable,
    f: Pick<
      FollowUpRecord,
      'ticketId' | 'hallId' | 'number' | 'level' | 'serviceId' | 'windowId' | 'staffId' | 'tags' | 'createdAt' | 'callbackDue' | 'rectifyDue'
    >,
  ): Promise<void> {
    await db.query(
      `INSERT INTO sup_followups (ticket_id, hall_id, number, level, service_id, window_id, staff_id, tags_json, created_at, callback_due, rectify_due)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING`,
      [f.ticketId, f.hallId, f.number, f.level, f.serviceId, f.windowId, f.staffId, JSON.stringify(f.tags), f.createdAt, f.callbackDue, f.rectifyDue],
    );
  }

  async followUp(db: Queryable, ticketId: string): Promise<FollowUpRecord | undefined> {
    return (await db.query<FollowUpRecord>(`SELECT ${FOLLOWUP_COLS} FROM ${FOLLOWUPS} WHERE f.ticket_id = $1`, [ticketId])).rows[0];
  }

  /** the visitors' comments on the follow-ups created in a range, by ticket: one read for a report's list */
  async followUpComments(db: Queryable, hallId: string, from: string, to: string): Promise<Map<string, string>> {
    const { rows } = await db.query<{ ticketId: string; comment: string }>(
      `SELECT f.ticket_id AS "ticketId", e.comment FROM sup_followups f JOIN evaluations e ON e.ticket_id = f.ticket_id
      WHERE f.hall_id = $1 AND f.created_at >= $2 AND f.created_at < $3 AND e.comment <> ''`,
      [hallId, from, to],
    );
    return new Map(rows.map((r) => [r.ticketId, r.comment]));
  }

  /** follow-ups created in [from, to) */
  async followUps(db: Queryable, hallId: string, from: string, to: string): Promise<FollowUpRecord[]> {
    const sql = `SELECT ${FOLLOWUP_COLS} FROM ${FOLLOWUPS} WHERE f.hall_id = $1 AND f.created_at >= $2 AND f.created_at < $3 ORDER BY f.created_at`;
    return (await db.query<FollowUpRecord>(sql, [hallId, from, to])).rows;
  }

  async openFollowUps(db: Queryable, hallId: string): Promise<FollowUpRecord[]> {
    const sql = `SELECT ${FOLLOWUP_COLS} FROM ${FOLLOWUPS} WHERE f.hall_id = $1 AND (f.callback_at IS NULL OR f.rectified_at IS NULL)`;
    return (await db.query<FollowUpRecord>(sql, [hallId])).rows;
  }

  /** follow-ups with a step still to do past its due date (before `today`), each once: on the two partial indexes */
  async overdueFollowUps(db: Queryable, hallId: string, today: string): Promise<FollowUpRecord[]> {
    const sql = `SELECT ${FOLLOWUP_COLS} FROM ${FOLLOWUPS} WHERE f.ticket_id IN (
        SELECT ticket_id FROM sup_followups WHERE hall_id = $1 AND callback_at IS NULL AND callback_due < $2
        UNION SELECT ticket_id FROM sup_followups WHERE hall_id = $1 AND rectified_at IS NULL AND rectify_due < $2)`;
    return (await db.query<FollowUpRecord>(sql, [hallId, today])).rows;
  }

  async recordCallback(db: Queryable, ticketId: string, by: string, at: string, note: string): Promise<void> {
    await db.query('UPDATE sup_followups SET callback_at = $1, callback_by = $2, callback_note = $3 WHERE ticket_id = $4', [at, by, note, ticketId]);
  }

  async recordRectification(db: Queryable, ticketId: string, by: string, at: string, note: string): Promise<void> {
    await db.query('UPDATE sup_followups SET rectified_at = $1, rectified_by = $2, rectify_note = $3 WHERE ticket_id = $4', [at, by, note, ticketId]);
  }

  async recordVisitorRating(db: Queryable, ticketId: string, level: number, at: string): Promise<void> {
    await db.query('UPDATE sup_followups SET visitor_level = $1, visitor_rated_at = $2 WHERE ticket_id = $3', [level, at, ticketId]);
  }

  async setting(db: Queryable, hallId: string, key: string): Promise<unknown> {
    const { rows } = await db.query<{ v: unknown }>('SELECT value_json AS v FROM sup_settings WHERE hall_id = $1 AND key = $2', [hallId, key]);
    return rows[0]?.v;
  }

  async saveSetting(db: Queryable, hallId: string, key: string, value: unknown): Promise<void> {
    await db.query(
      'INSERT INTO sup_settings (hall_id, key, value_json) VALUES ($1, $2, $3) ON CONFLICT (hall_id, key) DO UPDATE SET value_json = excluded.value_json',
      [hallId, key, JSON.stringify(value)],
    );
  }

  /** adds a service at the end of a window's list (auto-balance), in one statement */
  async addWindowService(db: Queryable, windowId: string, serviceId: string): Promise<void> {
    await db.query(
      `INSERT INTO window_services (window_id, service_id, position)
      SELECT $1, $2, COALESCE(MAX(position), -1) + 1 FROM window_services WHERE window_id = $1 ON CONFLICT DO NOTHING`,
      [windowId, serviceId],
    );
  }

  /** the audit trail (every manual override and config change), newest first; before/after as JSON text, as SQLite keeps them */
  async audit(db: Queryable, hallId: string, from: string, to: string, limit = 500): Promise<AuditRow[]> {
    const { rows } = await db.query<AuditRow>(
      `SELECT id, at, hall_id AS "hallId", actor_type AS "actorType", actor_id AS "actorId", action, entity, entity_id AS "entityId",
      reason, before_json::text AS "beforeJson", after_json::text AS "afterJson" FROM audit_log
      WHERE (hall_id IS NULL OR id IN (SELECT audit_id FROM audit_log_halls WHERE hall_id = $1)) AND at >= $2 AND at < $3
      ORDER BY id DESC LIMIT $4`,
      [hallId, from, to, limit],
    );
    return rows;
  }
}
