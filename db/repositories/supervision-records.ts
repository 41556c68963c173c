import type { Db } from '../database.js';
import type { SupervisionRecordPort } from '../../server/supervision/ports.js';
import { statementCache } from './statement-cache.js';

export interface AlertRecord {
  id: number;
  hallId: string;
  key: string;
  kind: string;
  level: number;
  subjectType: string;
  subjectId: string;
  message: string;
  data: Record<string, unknown>;
  raisedAt: string;
  resolvedAt: string | null;
  ackBy: string | null;
  ackAt: string | null;
  ackNote: string | null;
}

export interface FollowUpRecord {
  ticketId: string;
  hallId: string;
  number: string;
  level: number;
  serviceId: string | null;
  windowId: string | null;
  staffId: string | null;
  tags: string[];
  createdAt: string;
  callbackDue: string;
  rectifyDue: string;
  callbackAt: string | null;
  callbackBy: string | null;
  callbackNote: string | null;
  rectifiedAt: string | null;
  rectifiedBy: string | null;
  rectifyNote: string | null;
  visitorLevel: number | null;
  visitorRatedAt: string | null;
  /** the review's comment and the visitor's callback phone ('' when none) */
  comment: string | null;
  contact: string | null;
}

const ALERT_COLS = `id, hall_id AS hallId, key, kind, level, subject_type AS subjectType, subject_id AS subjectId, message,
  data_json AS data, raised_at AS raisedAt, resolved_at AS resolvedAt, ack_by AS ackBy, ack_at AS ackAt, ack_note AS ackNote`;
const FOLLOWUP_COLS = `f.ticket_id, f.hall_id, f.number, f.level, f.service_id, f.window_id, f.staff_id, f.tags_json, f.created_at,
  f.callback_due, f.rectify_due, f.callback_at, f.callback_by, f.callback_note, f.rectified_at, f.rectified_by, f.rectify_note,
  f.visitor_level, f.visitor_rated_at, e.comment, e.contact`;
// one join instead of a lookup per column: a year's report lists thousands of follow-ups
const FOLLOWUPS = 'sup_followups f LEFT JOIN evaluations e ON e.ticket_id = f.ticket_id';

const parseAlert = (r: Record<string, unknown>) => ({ ...r, data: JSON.parse(r.data as string) }) as AlertRecord;
type Cell = string | number | null;
/** a row read raw (half the cost of SQLite's named rows) into a record of one fixed shape */
const parseFollowUp = (r: Cell[]): FollowUpRecord => ({
  ticketId: r[0] as string,
  hallId: r[1] as string,
  number: r[2] as string,
  level: r[3] as number,
  serviceId: r[4] as string | null,
  windowId: r[5] as string | null,
  staffId: r[6] as string | null,
  tags: JSON.parse(r[7] as string) as string[],
  createdAt: r[8] as string,
  callbackDue: r[9] as string,
  rectifyDue: r[10] as string,
  callbackAt: r[11] as string | null,
  callbackBy: r[12] as string | null,
  callbackNote: r[13] as string | null,
  rectifiedAt: r[14] as string | null,
  rectifiedBy: r[15] as string | null,
  rectifyNote: r[16] as string | null,
  visitorLevel: r[17] as number | null,
  visitorRatedAt: r[18] as string | null,
  comment: r[19] as string | null,
  contact: r[20] as string | null,
});

/** Alerts, bad-review follow-ups, per-hall settings and the audit trail, on SQLite. */
export class SupervisionRecordRepository implements SupervisionRecordPort {
  private readonly statement;

  constructor(db: Db) {
    this.statement = statementCache(db);
  }

  activeAlerts(hallId: string): AlertRecord[] {
    return (
      this.statement(`SELECT ${ALERT_COLS} FROM sup_alerts WHERE hall_id = ? AND resolved_at IS NULL ORDER BY id`).all(hallId) as Record<string, unknown>[]
    ).map(parseAlert);
  }

  /** alerts raised since `from` plus any still active or not yet acknowledged, newest first */
  recentAlerts(hallId: string, from: string, limit = 200): AlertRecord[] {
    return (
      this.statement(
        `SELECT ${ALERT_COLS} FROM sup_alerts WHERE hall_id = ? AND (raised_at >= ? OR resolved_at IS NULL OR ack_at IS NULL) ORDER BY id DESC LIMIT ?`,
      ).all(hallId, from, limit) as Record<string, unknown>[]
    ).map(parseAlert);
  }

  alert(id: number): AlertRecord | undefined {
    const r = this.statement(`SELECT ${ALERT_COLS} FROM sup_alerts WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
    return r && parseAlert(r);
  }

  insertAlert(a: Omit<AlertRecord, 'id' | 'resolvedAt' | 'ackBy' | 'ackAt' | 'ackNote'>): number {
    const info = this.statement(
      `INSERT INTO sup_alerts (hall_id, key, kind, level, subject_type, subject_id, message, data_json, raised_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(a.hallId, a.key, a.kind, a.level, a.subjectType, a.subjectId, a.message, JSON.stringify(a.data), a.raisedAt);
    return Number(info.lastInsertRowid);
  }

  resolveAlert(id: number, at: string): void {
    this.statement('UPDATE sup_alerts SET resolved_at = ? WHERE id = ?').run(at, id);
  }

  acknowledgeAlert(id: number, by: string, at: string, note: string | null): void {
    this.statement('UPDATE sup_alerts SET ack_by = ?, ack_at = ?, ack_note = ? WHERE id = ?').run(by, at, note, id);
  }

  insertFollowUp(
    f: Pick<
      FollowUpRecord,
      'ticketId' | 'hallId' | 'number' | 'level' | 'serviceId' | 'windowId' | 'staffId' | 'tags' | 'createdAt' | 'callbackDue' | 'rectifyDue'
    >,
  ): void {
    this.statement(
      `INSERT OR IGNORE INTO sup_followups (ticket_id, hall_id, number, level, service_id, window_id, staff_id, tags_json, created_at, callback_due, rectify_due)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(f.ticketId, f.hallId, f.number, f.level, f.serviceId, f.windowId, f.staffId, JSON.stringify(f.tags), f.createdAt, f.callbackDue, f.rectifyDue);
  }

  followUp(ticketId: string): FollowUpRecord | undefined {
    const r = this.statement(`SELECT ${FOLLOWUP_COLS} FROM ${FOLLOWUPS} WHERE f.ticket_id = ?`).raw().get(ticketId) as Cell[] | undefined;
    return r && parseFollowUp(r);
  }

  /** follow-ups created in [from, to) */
  /** the visitors' comments on the follow-ups created in a range, by ticket: one read for a report's list */
  followUpComments(hallId: string, from: string, to: string): Map<string, string> {
    const rows = this.statement(
      `SELECT f.ticket_id AS ticketId, e.comment AS comment FROM sup_followups f JOIN evaluations e ON e.ticket_id = f.ticket_id
      WHERE f.hall_id = ? AND f.created_at >= ? AND f.created_at < ? AND e.comment <> ''`,
    ).all(hallId, from, to) as { ticketId: string; comment: string }[];
    return new Map(rows.map((r) => [r.ticketId, r.comment]));
  }

  followUps(hallId: string, from: string, to: string): FollowUpRecord[] {
    return (
      this.statement(`SELECT ${FOLLOWUP_COLS} FROM ${FOLLOWUPS} WHERE f.hall_id = ? AND f.created_at >= ? AND f.created_at < ? ORDER BY f.created_at`)
        .raw()
        .all(hallId, from, to) as Cell[][]
    ).map(parseFollowUp);
  }

  openFollowUps(hallId: string): FollowUpRecord[] {
    return (
      this.statement(`SELECT ${FOLLOWUP_COLS} FROM ${FOLLOWUPS} WHERE f.hall_id = ? AND (f.callback_at IS NULL OR f.rectified_at IS NULL)`)
        .raw()
        .all(hallId) as Cell[][]
    ).map(parseFollowUp);
  }

  /** follow-ups with a step still to do past its due date (before `today`): what the alert check looks at */
  overdueFollowUps(hallId: string, today: string): FollowUpRecord[] {
    const from = (index: string) => `sup_followups f INDEXED BY ${index} LEFT JOIN evaluations e ON e.ticket_id = f.ticket_id`;
    return (
      this.statement(
        `SELECT ${FOLLOWUP_COLS} FROM ${from('sup_followups_callback_due')} WHERE f.hall_id = ? AND f.callback_at IS NULL AND f.callback_due < ?
        UNION SELECT ${FOLLOWUP_COLS} FROM ${from('sup_followups_rectify_due')} WHERE f.hall_id = ? AND f.rectified_at IS NULL AND f.rectify_due < ?`,
      )
        .raw()
        .all(hallId, today, hallId, today) as Cell[][]
    ).map(parseFollowUp);
  }

  recordCallback(ticketId: string, by: string, at: string, note: string): void {
    this.statement('UPDATE sup_followups SET callback_at = ?, callback_by = ?, callback_note = ? WHERE ticket_id = ?').run(at, by, note, ticketId);
  }

  recordRectification(ticketId: string, by: string, at: string, note: string): void {
    this.statement('UPDATE sup_followups SET rectified_at = ?, rectified_by = ?, rectify_note = ? WHERE ticket_id = ?').run(at, by, note, ticketId);
  }

  recordVisitorRating(ticketId: string, level: number, at: string): void {
    this.statement('UPDATE sup_followups SET visitor_level = ?, visitor_rated_at = ? WHERE ticket_id = ?').run(level, at, ticketId);
  }

  setting<T>(hallId: string, key: string): T | undefined {
    const v = this.statement('SELECT value_json FROM sup_settings WHERE hall_id = ? AND key = ?').pluck().get(hallId, key) as string | undefined;
    return v === undefined ? undefined : (JSON.parse(v) as T);
  }

  saveSetting(hallId: string, key: string, value: unknown): void {
    this.statement(
      'INSERT INTO sup_settings (hall_id, key, value_json) VALUES (?, ?, ?) ON CONFLICT(hall_id, key) DO UPDATE SET value_json = excluded.value_json',
    ).run(hallId, key, JSON.stringify(value));
  }

  /** adds a service at the end of a window's list (auto-balance) */
  addWindowService(windowId: string, serviceId: string): void {
    const pos = this.statement('SELECT COALESCE(MAX(position), -1) + 1 FROM window_services WHERE window_id = ?').pluck().get(windowId) as number;
    this.statement('INSERT OR IGNORE INTO window_services (window_id, service_id, position) VALUES (?, ?, ?)').run(windowId, serviceId, pos);
  }

  /** the audit trail (every manual override and config change), newest first */
  audit(hallId: string, from: string, to: string, limit = 500): AuditRow[] {
    return this.statement(
      `SELECT id, at, hall_id AS hallId, actor_type AS actorType, actor_id AS actorId, action, entity, entity_id AS entityId,
      reason, before_json AS beforeJson, after_json AS afterJson FROM audit_log
      WHERE (hall_id IS NULL OR id IN (SELECT audit_id FROM audit_log_halls WHERE hall_id = ?)) AND at >= ? AND at < ?
      ORDER BY id DESC LIMIT ?`,
    ).all(hallId, from, to, limit) as AuditRow[];
  }
}

export interface AuditRow {
  id: number;
  at: string;
  hallId: string | null;
  actorType: string;
  actorId: string;
  action: string;
  entity: string;
  entityId: string;
  reason: string | null;
  beforeJson: string | null;
  afterJson: string | null;
}
