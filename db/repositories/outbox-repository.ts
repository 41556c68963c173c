import type { OutboxRepository } from '../../server/appointments/ports.js';
import type { Db } from '../database.js';
import { NEVER, toOutboxMessage } from './feature-rows.js';

export interface OutboxMessage {
  id: number;
  hallId: string;
  kind: string;
  dedupeKey: string;
  appointmentId: string | null;
  payload: Record<string, unknown>;
  dueAt: string;
  nextAttemptAt: string;
  attempts: number;
  status: 'pending' | 'sent' | 'dropped' | 'failed';
  sentAt: string | null;
  lastError: string | null;
}

export type NewOutboxMessage = Pick<OutboxMessage, 'hallId' | 'kind' | 'dedupeKey' | 'appointmentId' | 'payload' | 'dueAt'>;

type Row = Record<string, unknown>;
const toMessage = toOutboxMessage;

/** Notifications waiting to be delivered; survives restarts. */
export class SqliteOutboxRepository implements OutboxRepository {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      enqueue: db.prepare(`INSERT INTO notification_outbox (hall_id, kind, dedupe_key, appointment_id, payload_json, due_at, next_attempt_at)
        VALUES (@hallId, @kind, @dedupeKey, @appointmentId, @payload, @dueAt, @dueAt) ON CONFLICT (dedupe_key) DO NOTHING`),
      lease: db.prepare('UPDATE notification_outbox SET next_attempt_at = ? WHERE id = ?'),
      due: db.prepare(`SELECT * FROM notification_outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`),
      sent: db.prepare(`UPDATE notification_outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?`),
      retry: db.prepare(`UPDATE notification_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, status = ? WHERE id = ?`),
      dropOne: db.prepare(`UPDATE notification_outbox SET status = 'dropped' WHERE id = ?`),
      drop: db.prepare(`UPDATE notification_outbox SET status = 'dropped' WHERE appointment_id = ? AND status = 'pending' AND kind != ?`),
      all: db.prepare('SELECT * FROM notification_outbox WHERE hall_id = ? ORDER BY id'),
      reschedule: db.prepare(`UPDATE notification_outbox SET due_at = @at, next_attempt_at = @at WHERE dedupe_key = @key AND status = 'pending'`),
    };
  }

  /** false when a message with this dedupe key exists already */
  enqueue(m: NewOutboxMessage): boolean {
    return this.s.enqueue.run({ ...m, payload: JSON.stringify(m.payload) }).changes > 0;
  }

  due(now: string, limit: number): OutboxMessage[] {
    return (this.s.due.all(now, limit) as Row[]).map(toMessage);
  }

  /**
   * one process takes the due rows and moves them past `until`, in one transaction: IMMEDIATE, so a
   * second process waits for the write lock (busy_timeout) instead of failing to upgrade its read
   */
  claimDue(now: string, until: string, limit: number): OutboxMessage[] {
    return this.db
      .transaction(() =>
        this.due(now, limit).map((m) => {
          this.s.lease.run(until, m.id);
          return { ...m, nextAttemptAt: until };
        }),
      )
      .immediate();
  }
  markSent(id: number, at: string): void {
    this.s.sent.run(at, id);
  }
  markDropped(id: number): void {
    this.s.dropOne.run(id);
  }

  /** a failed attempt: try again at `nextAttemptAt`, or give up (`failed`) when it is null */
  markAttemptFailed(id: number, error: string, nextAttemptAt: string | null): void {
    this.s.retry.run(nextAttemptAt ?? NEVER, error.slice(0, 500), nextAttemptAt ? 'pending' : 'failed', id);
  }

  /** pending messages of an appointment other than `keepKind` are no longer wanted (cancelled, no-show) */
  dropPending(appointmentId: string, keepKind: string): void {
    this.s.drop.run(appointmentId, keepKind);
  }

  /** a pending message falls due at `at` instead (a bar lifted early: its end is told now) */
  reschedule(dedupeKey: string, at: string): boolean {
    return this.s.reschedule.run({ key: dedupeKey, at }).changes > 0;
  }

  all(hallId: string): OutboxMessage[] {
    return (this.s.all.all(hallId) as Row[]).map(toMessage);
  }
}
