import type { Logger } from 'pino';
import type { OutboxMessage, SqliteOutboxRepository } from '../../db/repositories/outbox-repository.js';
import type { Clock } from '../app/context.js';
import type { Notification, Notifier } from './notifier.js';

export interface DispatchDeps {
  outbox: SqliteOutboxRepository;
  clock: Clock;
  log: Logger;
  /** the notifier of a hall (its webhook, or the log) */
  notifierFor(hallId: string): Notifier;
  /** the message to send, or null when it is no longer wanted (appointment purged, cancelled) */
  compose(message: OutboxMessage): Notification | null;
}

const FIRST_RETRY_SECONDS = 30;
const MAX_RETRY_SECONDS = 3600;
/** a week of hourly retries: an SMS gateway down that long is a case for people, not code */
const MAX_ATTEMPTS = 180;

/** 30 s, 60 s, 2 min … doubling to at most an hour between attempts. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(MAX_RETRY_SECONDS, FIRST_RETRY_SECONDS * 2 ** Math.max(0, attempts - 1));
}

/** Sends every message that is due; a failure schedules the next attempt and never stops the rest. */
export async function dispatchDue(deps: DispatchDeps, batch = 50): Promise<{ sent: number; failed: number }> {
  const now = deps.clock.now();
  let sent = 0;
  let failed = 0;
  for (const message of deps.outbox.due(now.toISOString(), batch)) {
    const notification = deps.compose(message);
    if (!notification) {
      deps.outbox.markDropped(message.id);
      continue;
    }
    try {
      await deps.notifierFor(message.hallId).send(notification);
      deps.outbox.markSent(message.id, deps.clock.now().toISOString());
      sent++;
    } catch (err) {
      failed++;
      const attempts = message.attempts + 1;
      const next = attempts >= MAX_ATTEMPTS ? null : new Date(now.getTime() + retryDelaySeconds(attempts) * 1000).toISOString();
      deps.outbox.markAttemptFailed(message.id, err instanceof Error ? err.message : String(err), next);
      deps.log.warn({ err, outboxId: message.id, kind: message.kind, attempts, next }, 'notification not delivered, will retry');
    }
  }
  return { sent, failed };
}
