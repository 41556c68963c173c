import type { Logger } from 'pino';
import type { OutboxMessage } from '../../db/repositories/outbox-repository.js';
import type { OutboxRepository } from '../appointments/ports.js';
import type { Clock } from '../app/context.js';
import type { AsyncPort } from '../app/feature-stores.js';
import type { Notification, Notifier } from './notifier.js';

export interface DispatchDeps {
  outbox: AsyncPort<OutboxRepository>;
  clock: Clock;
  log: Logger;
  /** the notifier of a hall (its webhook, or the log) */
  notifierFor(hallId: string): Notifier | Promise<Notifier>;
  /** the message to send, or null when it is no longer wanted (appointment purged, cancelled) */
  compose(message: OutboxMessage): Notification | null | Promise<Notification | null>;
  /** PostgreSQL: the node's claim key while its session lease holds (AppContext.claimKey); absent on SQLite */
  claimKey?: () => number | undefined;
}

const FIRST_RETRY_SECONDS = 30;
const MAX_RETRY_SECONDS = 3600;
/** a week of hourly retries: an SMS gateway down that long is a case for people, not code */
const MAX_ATTEMPTS = 180;

/**
 * How long a dispatcher holds the messages it claimed: no other process on the database takes
 * them before then, so none is sent twice. Longer than a batch can take (50 sends of at most 5 s
 * each), and the dispatcher starts no send that could end past it (`sendsLeft`); a process that
 * dies mid-batch leaves its unsent messages to the next dispatcher once the lease is over.
 */
export const CLAIM_LEASE_SECONDS = 600;
/** the longest one send may take (the webhook's and the 好差评 push's timeout) */
export const SEND_TIMEOUT_SECONDS = 5;

/** the end of a lease claimed at `now` */
export const leaseUntil = (now: Date): string => new Date(now.getTime() + CLAIM_LEASE_SECONDS * 1000).toISOString();

/** true while a send started now ends within the lease */
export const sendsLeft = (clock: Clock, until: string): boolean => clock.now().getTime() + SEND_TIMEOUT_SECONDS * 1000 < Date.parse(until);

/** 30 s, 60 s, 2 min … doubling to at most an hour between attempts. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(MAX_RETRY_SECONDS, FIRST_RETRY_SECONDS * 2 ** Math.max(0, attempts - 1));
}

/**
 * The claim a dispatcher round makes on PostgreSQL: the node's claim key, and whether the node
 * still holds it. A round claims nothing while the node holds none (its session is lost or its
 * lease ran out), and starts no send once it has lost it: another node may have taken the
 * messages over. On SQLite (no `claimKey`) the claim carries no key and always holds.
 */
export function claimOf(claimKey: (() => number | undefined) | undefined): { key: number | undefined; holds(): boolean } | undefined {
  if (!claimKey) return { key: undefined, holds: () => true };
  const key = claimKey();
  return key === undefined ? undefined : { key, holds: () => claimKey() === key };
}

/**
 * Sends every message that is due, claimed for this process first (two processes on one database
 * never both take one); a failure schedules the next attempt and never stops the rest.
 */
export async function dispatchDue(deps: DispatchDeps, batch = 50): Promise<{ sent: number; failed: number }> {
  const now = deps.clock.now();
  let sent = 0;
  let failed = 0;
  const claim = claimOf(deps.claimKey);
  if (!claim) return { sent, failed };
  const until = leaseUntil(now);
  for (const message of await deps.outbox.claimDue(now.toISOString(), until, batch, claim.key)) {
    // what is left falls due again when the lease ends, or at once for the others when this node's session ends
    if (!sendsLeft(deps.clock, until) || !claim.holds()) break;
    const notification = await deps.compose(message);
    if (!notification) {
      await deps.outbox.markDropped(message.id);
      continue;
    }
    try {
      await (await deps.notifierFor(message.hallId)).send(notification);
      await deps.outbox.markSent(message.id, deps.clock.now().toISOString());
      sent++;
    } catch (err) {
      failed++;
      const attempts = message.attempts + 1;
      const next = attempts >= MAX_ATTEMPTS ? null : new Date(now.getTime() + retryDelaySeconds(attempts) * 1000).toISOString();
      await deps.outbox.markAttemptFailed(message.id, err instanceof Error ? err.message : String(err), next, claim.key);
      deps.log.warn({ err, outboxId: message.id, kind: message.kind, attempts, next }, 'notification not delivered, will retry');
    }
  }
  return { sent, failed };
}
