import type { HaochaKind, HaochaMessage } from '../../../db/repositories/haocha-repository.js';
import type { NewOutboxMessage, OutboxMessage } from '../../../db/repositories/outbox-repository.js';
import { NEVER, toHaochaMessage, toOutboxMessage } from '../../../db/repositories/feature-rows.js';
import { claimDueOrOrphanedSql, claimDueSql, type OutboxTable } from './outbox-claim.js';
import type { Queryable } from './hall-transaction.js';

type Row = Record<string, unknown>;

/** what both outboxes do alike: the due scan, the claim, and an attempt's outcome */
abstract class PgOutbox<M> {
  protected abstract readonly table: OutboxTable;
  protected abstract toMessage(r: Row): M;

  async due(db: Queryable, now: string, limit: number): Promise<M[]> {
    const { rows } = await db.query<Row>(
      `SELECT * FROM ${this.table} WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $2`,
      [now, limit],
    );
    return rows.map((r) => this.toMessage(r));
  }

  /**
   * Takes up to `limit` due rows until `until`, in one statement: the rows are locked by
   * FOR UPDATE SKIP LOCKED (outbox-claim.ts), so a node claiming at the same moment passes over
   * them, and once this commits they are no longer due for anyone before `until`.
   *
   * With `claimer` (a node's claim key, hall-leader.ts) the rows record it, and rows another
   * node claimed are taken over as soon as that node's key is no longer locked (its session
   * ended: it died, stopped answering, or lost PostgreSQL), not when their lease ends. Without
   * it (no leader session: a store used alone), the time lease is the only hand-back.
   */
  async claimDue(db: Queryable, now: string, until: string, limit: number, claimer?: number): Promise<M[]> {
    const scan = claimer === undefined ? claimDueSql : claimDueOrOrphanedSql;
    const { rows } = await db.query<Row>(
      `WITH c AS (${scan(this.table, `id, LEAST(next_attempt_at, $1) AS due`)}),
      u AS (UPDATE ${this.table} o SET next_attempt_at = $3, claimed_by = $4 FROM c WHERE o.id = c.id RETURNING o.*, c.due)
      SELECT * FROM u ORDER BY due, id`,
      [now, limit, until, claimer ?? null],
    );
    return rows.map((r) => this.toMessage(r));
  }

  async markSent(db: Queryable, id: number, at: string): Promise<void> {
    await db.query(`UPDATE ${this.table} SET status = 'sent', sent_at = $1, attempts = attempts + 1, last_error = NULL, claimed_by = NULL WHERE id = $2`, [
      at,
      id,
    ]);
  }

  /**
   * A failed attempt: try again at `next`, or give up (`failed`) when it is null. With `claimer`,
   * only while the row is still that claim's: a node that resumes after its rows were taken over
   * (and perhaps sent) must not put them back in the queue.
   */
  async markAttemptFailed(db: Queryable, id: number, error: string, next: string | null, claimer?: number): Promise<void> {
    await db.query(
      `UPDATE ${this.table} SET attempts = attempts + 1, next_attempt_at = $1, last_error = $2, status = $3, claimed_by = NULL
      WHERE id = $4 AND ($5::integer IS NULL OR (claimed_by = $5 AND status = 'pending'))`,
      [next ?? NEVER, error.slice(0, 500), next ? 'pending' : 'failed', id, claimer ?? null],
    );
  }
}

/** OutboxRepository (notifications) on PostgreSQL; any node may send, `claimDue` keeps them apart */
export class PgOutboxRepository extends PgOutbox<OutboxMessage> {
  protected readonly table = 'notification_outbox';
  protected toMessage(r: Row): OutboxMessage {
    return toOutboxMessage(r);
  }

  /** false when a message with this dedupe key exists already */
  async enqueue(db: Queryable, m: NewOutboxMessage): Promise<boolean> {
    const r = await db.query(
      `INSERT INTO notification_outbox (hall_id, kind, dedupe_key, appointment_id, payload_json, due_at, next_attempt_at)
      VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (dedupe_key) DO NOTHING`,
      [m.hallId, m.kind, m.dedupeKey, m.appointmentId, JSON.stringify(m.payload), m.dueAt],
    );
    return (r.rowCount ?? 0) > 0;
  }

  async markDropped(db: Queryable, id: number): Promise<void> {
    await db.query(`UPDATE notification_outbox SET status = 'dropped', claimed_by = NULL WHERE id = $1`, [id]);
  }

  /** pending messages of an appointment other than `keepKind` are no longer wanted (cancelled, no-show) */
  async dropPending(db: Queryable, appointmentId: string, keepKind: string): Promise<void> {
    await db.query(`UPDATE notification_outbox SET status = 'dropped' WHERE appointment_id = $1 AND status = 'pending' AND kind != $2`, [
      appointmentId,
      keepKind,
    ]);
  }

  /** a pending message falls due at `at` instead (a bar lifted early: its end is told now) */
  async reschedule(db: Queryable, dedupeKey: string, at: string): Promise<boolean> {
    const r = await db.query(`UPDATE notification_outbox SET due_at = $1, next_attempt_at = $1 WHERE dedupe_key = $2 AND status = 'pending'`, [at, dedupeKey]);
    return (r.rowCount ?? 0) > 0;
  }

  async all(db: Queryable, hallId: string): Promise<OutboxMessage[]> {
    return (await db.query<Row>('SELECT * FROM notification_outbox WHERE hall_id = $1 ORDER BY id', [hallId])).rows.map(toOutboxMessage);
  }
}

/** HaochaOutboxRepository (好差评 pushes) on PostgreSQL */
export class PgHaochaRepository extends PgOutbox<HaochaMessage> {
  protected readonly table = 'haocha_outbox';
  protected toMessage(r: Row): HaochaMessage {
    return toHaochaMessage(r);
  }

  /** false when that rating or step was queued already */
  async enqueue(db: Queryable, m: { hallId: string; kind: HaochaKind; dedupeKey: string; payload: unknown; createdAt: string }): Promise<boolean> {
    const r = await db.query(
      `INSERT INTO haocha_outbox (hall_id, kind, dedupe_key, payload_json, created_at, next_attempt_at)
      VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (dedupe_key) DO NOTHING`,
      [m.hallId, m.kind, m.dedupeKey, JSON.stringify(m.payload), m.createdAt],
    );
    return (r.rowCount ?? 0) > 0;
  }

  async counts(db: Queryable, hallId: string): Promise<Record<'pending' | 'sent' | 'failed', number>> {
    const out = { pending: 0, sent: 0, failed: 0 };
    const { rows } = await db.query<{ status: keyof typeof out; n: number }>(
      'SELECT status, COUNT(*) AS n FROM haocha_outbox WHERE hall_id = $1 GROUP BY status',
      [hallId],
    );
    for (const r of rows) out[r.status] = r.n;
    return out;
  }

  /** the newest first; status '' for every status */
  async recent(db: Queryable, hallId: string, status: string, limit: number): Promise<HaochaMessage[]> {
    const { rows } = await db.query<Row>(`SELECT * FROM haocha_outbox WHERE hall_id = $1 AND ($2 = '' OR status = $2) ORDER BY id DESC LIMIT $3`, [
      hallId,
      status,
      limit,
    ]);
    return rows.map(toHaochaMessage);
  }

  /** the last event seq read for the hall; undefined before the first start */
  async mark(db: Queryable, hallId: string): Promise<number | undefined> {
    return (await db.query<{ seq: number }>('SELECT seq FROM haocha_marks WHERE hall_id = $1', [hallId])).rows[0]?.seq;
  }

  async setMark(db: Queryable, hallId: string, seq: number): Promise<void> {
    await db.query('INSERT INTO haocha_marks (hall_id, seq) VALUES ($1, $2) ON CONFLICT (hall_id) DO UPDATE SET seq = excluded.seq', [hallId, seq]);
  }
}
