/**
 * Every rating and 差评 step to the 好差评 platform: read from the committed event log (from a
 * per-hall mark, so a crash between commit and queueing loses nothing), queued once each, sent
 * with back-off until the platform answers 2xx.
 */
import type { Logger } from 'pino';
import type { AppContext } from '../app/context.js';
import type { HallEvent } from '../contract/events.js';
import { claimOf, leaseUntil, retryDelaySeconds, sendsLeft, SEND_TIMEOUT_SECONDS } from '../notify/outbox-dispatcher.js';
import type { HaochaKind } from '../../db/repositories/haocha-repository.js';
import type { AsyncPort, FollowUpReader } from '../app/feature-stores.js';
import type { HaochaOutboxRepository } from './ports.js';
import { composePayload, withCurrentCodes, type HaochaPayload, type HaochaSettings } from './payload.js';

type OutboxItem = Parameters<HaochaOutboxRepository['enqueue']>[0];

const STEP_KIND: Record<string, HaochaKind> = { callback: 'callback', rectified: 'rectified', 'visitor-rating': 'visitor-rating' };
/** three days of hourly retries, then 'failed' for a person to look at */
const MAX_ATTEMPTS = 80;
const READ_BATCH = 500;

export class HaochaPush {
  constructor(
    private readonly ctx: AppContext,
    private readonly outbox: AsyncPort<HaochaOutboxRepository>,
    /** absent (PostgreSQL, until supervision runs there): 差评 steps are not pushed */
    private readonly followUps: FollowUpReader | undefined,
    private readonly settings: () => Promise<HaochaSettings>,
    private readonly log: Logger,
  ) {}

  /** the first start reads from now on: a hall's past ratings went (or not) before this server pushed */
  async startFromNowIfNew(hallId: string): Promise<void> {
    if ((await this.outbox.mark(hallId)) === undefined) await this.outbox.setMark(hallId, await this.ctx.store.events.lastSeq(hallId));
  }

  /** queues what the hall's events since the mark call for; returns how many were queued */
  async catchUp(hallId: string): Promise<number> {
    let queued = 0;
    for (;;) {
      const from = (await this.outbox.mark(hallId)) ?? 0;
      const events = await this.ctx.store.events.since(hallId, from, READ_BATCH);
      if (events.length === 0) return queued;
      // the payloads read the core store (async); the outbox and its mark move in one transaction of their own
      const items: OutboxItem[] = [];
      for (const e of events) {
        const item = await this.itemOf(e);
        if (item) items.push(item);
      }
      const moved = await this.ctx.store.writeHall(hallId, async () => {
        // another catch-up of this hall (this node's, for an earlier event, or another node's) got there first
        if (((await this.outbox.mark(hallId)) ?? 0) !== from) return false;
        for (const item of items) queued += (await this.outbox.enqueue(item)) ? 1 : 0;
        await this.outbox.setMark(hallId, events[events.length - 1]!.seq);
        return true;
      });
      // the other may have read fewer events than this one: read on from where it left the mark
      if (!moved) continue;
      if (events.length < READ_BATCH) return queued;
    }
  }

  private async itemOf(e: HallEvent): Promise<OutboxItem | undefined> {
    let kind: HaochaKind | undefined;
    let ticketId: string | undefined;
    if (e.type === 'evaluation.created') {
      kind = 'rating';
      ticketId = e.data.ticketId;
    }
    if (e.type === 'followup.updated') {
      kind = STEP_KIND[e.data.step];
      ticketId = e.data.ticketId;
    }
    if (!kind || !ticketId) return undefined;
    if (kind !== 'rating' && !this.followUps) return undefined;
    const mapping = (await this.settings()).halls[e.hallId] ?? {};
    const followUp = kind === 'rating' ? undefined : await this.followUps!.followUp(ticketId);
    const payload = await composePayload(this.ctx, mapping, kind, ticketId, e.at, followUp);
    if (!payload) return undefined;
    return { hallId: e.hallId, kind, dedupeKey: payload.id, payload, createdAt: e.at };
  }

  /** POSTs what is due, claimed for this process first (as dispatchDue); a failure is retried later and never stops the rest */
  async dispatch(batch = 50): Promise<{ sent: number; failed: number }> {
    const { url, halls } = await this.settings();
    if (!url) return { sent: 0, failed: 0 };
    let sent = 0;
    let failed = 0;
    const now = this.ctx.clock.now();
    const claim = claimOf(this.ctx.claimKey);
    if (!claim) return { sent, failed };
    const until = leaseUntil(now);
    for (const m of await this.outbox.claimDue(now.toISOString(), until, batch, claim.key)) {
      if (!sendsLeft(this.ctx.clock, until) || !claim.holds()) break;
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': m.dedupeKey },
          body: JSON.stringify(withCurrentCodes(m.payload as unknown as HaochaPayload, halls[m.hallId] ?? {})),
          signal: AbortSignal.timeout(SEND_TIMEOUT_SECONDS * 1000),
        });
        await res.arrayBuffer().catch(() => undefined);
        if (!res.ok) throw new Error(`好差评平台应答 ${res.status}`);
        await this.outbox.markSent(m.id, this.ctx.clock.now().toISOString());
        sent++;
      } catch (err) {
        failed++;
        const attempts = m.attempts + 1;
        const next = attempts >= MAX_ATTEMPTS ? null : new Date(now.getTime() + retryDelaySeconds(attempts) * 1000).toISOString();
        await this.outbox.markAttemptFailed(m.id, err instanceof Error ? err.message : String(err), next, claim.key);
        this.log.warn({ err, outboxId: m.id, kind: m.kind, attempts, next }, '好差评 push not accepted, will retry');
      }
    }
    return { sent, failed };
  }
}
