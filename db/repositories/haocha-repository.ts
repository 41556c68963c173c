import type { HaochaOutboxRepository } from '../../server/haocha/ports.js';
import type { Db } from '../database.js';
import { NEVER, toHaochaMessage } from './feature-rows.js';

export type HaochaKind = 'rating' | 'callback' | 'rectified' | 'visitor-rating';
export interface HaochaMessage {
  id: number;
  hallId: string;
  kind: HaochaKind;
  dedupeKey: string;
  payload: Record<string, unknown>;
  createdAt: string;
  nextAttemptAt: string;
  attempts: number;
  status: 'pending' | 'sent' | 'failed';
  sentAt: string | null;
  lastError: string | null;
}

type Row = Record<string, unknown>;
const toMessage = toHaochaMessage;

/** 好差评 pushes waiting for the platform; survives restarts. */
export class HaochaRepository implements HaochaOutboxRepository {
  private readonly s;
  constructor(private readonly db: Db) {
    this.s = {
      enqueue: db.prepare(`INSERT OR IGNORE INTO haocha_outbox (hall_id, kind, dedupe_key, payload_json, created_at, next_attempt_at)
        VALUES (@hallId, @kind, @dedupeKey, @payload, @createdAt, @createdAt)`),
      lease: db.prepare('UPDATE haocha_outbox SET next_attempt_at = ? WHERE id = ?'),
      due: db.prepare(`SELECT * FROM haocha_outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`),
      sent: db.prepare(`UPDATE haocha_outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?`),
      retry: db.prepare(`UPDATE haocha_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, status = ? WHERE id = ?`),
      counts: db.prepare(`SELECT status, COUNT(*) AS n FROM haocha_outbox WHERE hall_id = ? GROUP BY status`),
      recent: db.prepare(`SELECT * FROM haocha_outbox WHERE hall_id = ? AND (? = '' OR status = ?) ORDER BY id DESC LIMIT ?`),
      mark: db.prepare('SELECT seq FROM haocha_marks WHERE hall_id = ?'),
      setMark: db.prepare('INSERT INTO haocha_marks (hall_id, seq) VALUES (?, ?) ON CONFLICT(hall_id) DO UPDATE SET seq = excluded.seq'),
    };
  }

  /** false when that rating or step was queued already */
  enqueue(m: { hallId: string; kind: HaochaKind; dedupeKey: string; payload: unknown; createdAt: string }): boolean {
    return this.s.enqueue.run({ ...m, payload: JSON.stringify(m.payload) }).changes > 0;
  }
  due(now: string, limit: number): HaochaMessage[] {
    return (this.s.due.all(now, limit) as Row[]).map(toMessage);
  }
  /**
   * one process takes the due rows and moves them past `until`, in one transaction: IMMEDIATE, so a
   * second process waits for the write lock (busy_timeout) instead of failing to upgrade its read
   */
  claimDue(now: string, until: string, limit: number): HaochaMessage[] {
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
  /** next null: given up (failed), else retried then */
  markAttemptFailed(id: number, error: string, next: string | null): void {
    this.s.retry.run(next ?? NEVER, error.slice(0, 500), next ? 'pending' : 'failed', id);
  }
  counts(hallId: string): Record<'pending' | 'sent' | 'failed', number> {
    const out = { pending: 0, sent: 0, failed: 0 };
    for (const r of this.s.counts.all(hallId) as { status: keyof typeof out; n: number }[]) out[r.status] = r.n;
    return out;
  }
  recent(hallId: string, status: string, limit: number): HaochaMessage[] {
    return (this.s.recent.all(hallId, status, status, limit) as Row[]).map(toMessage);
  }
  /** the last event seq read for the hall; undefined before the first start */
  mark(hallId: string): number | undefined {
    return (this.s.mark.get(hallId) as { seq: number } | undefined)?.seq;
  }
  setMark(hallId: string, seq: number): void {
    this.s.setMark.run(hallId, seq);
  }
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
