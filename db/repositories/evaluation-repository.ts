import type { AuditEntry, AuditRepository, EvaluationRepository } from '../../server/app/ports.js';
import type { Sync } from '../sync-ports.js';
import type { Evaluation } from '../../server/domain/model.js';
import type { Db } from '../database.js';
import { toEvaluation, type EvaluationRow } from './rows.js';

export class SqliteEvaluationRepository implements Sync<EvaluationRepository> {
  private readonly stmts;

  constructor(db: Db) {
    this.stmts = {
      get: db.prepare('SELECT * FROM evaluations WHERE ticket_id = ?'),
      insert: db.prepare(`INSERT INTO evaluations (ticket_id, hall_id, level, tags_json, comment, contact, window_id, staff_id, source, created_at)
        VALUES (@ticketId, @hallId, @level, @tags, @comment, @contact, @windowId, @staffId, @source, @createdAt)`),
    };
  }

  get(ticketId: string): Evaluation | undefined {
    const r = this.stmts.get.get(ticketId) as (Omit<EvaluationRow, 'tags_json'> & { tags_json: string }) | undefined;
    return r && toEvaluation({ ...r, tags_json: JSON.parse(r.tags_json) as string[] });
  }

  insert(e: Evaluation): void {
    this.stmts.insert.run({ ...e, contact: e.contact ?? '', tags: JSON.stringify(e.tags) });
  }
}

export class SqliteAuditRepository implements Sync<AuditRepository> {
  private readonly insertStmt;
  private readonly hallStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(`INSERT INTO audit_log (at, hall_id, actor_type, actor_id, action, entity, entity_id, reason, before_json, after_json)
      VALUES (@at, @hallId, @actorType, @actorId, @action, @entity, @entityId, @reason, @before, @after)`);
    this.hallStmt = db.prepare('INSERT OR IGNORE INTO audit_log_halls (hall_id, audit_id) VALUES (?, ?)');
  }

  record(e: AuditEntry): void {
    const { alsoHallIds, ...entry } = e;
    const id = this.insertStmt.run({
      ...entry,
      reason: e.reason ?? null,
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
    }).lastInsertRowid;
    for (const hallId of new Set([...(e.hallId ? [e.hallId] : []), ...(alsoHallIds ?? [])])) this.hallStmt.run(hallId, id);
  }
}
