/**
 * The storage port of the 好差评 push outbox, as the SQLite repository speaks it (synchronous);
 * the PostgreSQL one satisfies `AsyncPort<HaochaOutboxRepository>`. Its `transaction` is
 * SQLite's own and not part of the port: on PostgreSQL a write of several steps is one statement
 * or a hall's `writeHall`.
 */
import type { HaochaKind, HaochaMessage } from '../../db/repositories/haocha-repository.js';

export interface HaochaOutboxRepository {
  /** false when that rating or step was queued already */
  enqueue(m: { hallId: string; kind: HaochaKind; dedupeKey: string; payload: unknown; createdAt: string }): boolean;
  due(now: string, limit: number): HaochaMessage[];
  /** as OutboxRepository.claimDue: taken until `until` by one caller only (or until `claimer`'s session ends) */
  claimDue(now: string, until: string, limit: number, claimer?: number): HaochaMessage[];
  markSent(id: number, at: string): void;
  /** next null: given up (failed), else retried then */
  markAttemptFailed(id: number, error: string, next: string | null, claimer?: number): void;
  counts(hallId: string): Record<'pending' | 'sent' | 'failed', number>;
  recent(hallId: string, status: string, limit: number): HaochaMessage[];
  /** the last event seq read for the hall; undefined before the first start */
  mark(hallId: string): number | undefined;
  setMark(hallId: string, seq: number): void;
}
