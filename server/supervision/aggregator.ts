import type { HallEvent, HallEventOf } from '../contract/events.js';
import type { AppContext } from '../app/context.js';
import { localTime, type LocalTime } from '../domain/local-time.js';
import { halfHourSlot, toTenths } from '../domain/report-figures.js';
import { isBadReview } from '../domain/evaluation.js';
import { addWorkingDays, type WorkingCalendar } from '../domain/working-days.js';
import { BatchWrites } from './batch-writes.js';
import type { SlotTally } from './slot-tally.js';
import type { AggregatesPort, DayCounter, DayKey, OpenVisit, SupervisionRepositories, SupervisionTxRepositories, WindowRunState } from './ports.js';

/** events read and applied per catch-up transaction */
export const AGGREGATOR_BATCH = 2000;
const keyOf = (hallId: string, v: OpenVisit): DayKey => ({ hallId, day: v.day, windowId: v.windowId, staffId: v.staffId, serviceId: v.serviceId });
const seconds = (from: string, to: string) => Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000);

/**
 * Keeps the report aggregates (sup_* tables) in step with the event log. It reads the log
 * from its own mark, per hall, and moves the mark in the transaction that writes the
 * figures: live events, a restart after a crash and a first start on an old database all go
 * through the same catch-up, and no event is ever counted twice.
 */
export class ReportAggregator {
  private readonly zones = new Map<string, string>();

  constructor(
    private readonly ctx: AppContext,
    private readonly repos: SupervisionRepositories,
    private readonly calendar: (hallId: string, fromDay: string) => Promise<WorkingCalendar> = () => Promise.resolve({}),
  ) {}

  /** Applies logged events of the hall after the mark (at most `maxBatches` × AGGREGATOR_BATCH); returns how many. */
  async catchUp(hallId: string, maxBatches = Infinity): Promise<number> {
    const mark = `aggregates:${hallId}`;
    let applied = 0;
    await this.loadZone(hallId);
    for (let batch = 0; batch < maxBatches; batch++) {
      const from = await this.repos.aggregates.progress(mark);
      const seen = await this.ctx.store.events.since(hallId, from, AGGREGATOR_BATCH);
      if (seen.length === 0) return applied;
      // the hall's write transaction: the figures and the mark commit together, and on PostgreSQL
      // one node at a time applies a hall's events (the hall lock), so none is counted twice
      // the figures are derived from the log with their mark: a commit lost in a power cut is counted again
      const events = await this.ctx.store.writeHall(
        hallId,
        async (tx) => {
          const repos = this.repos.within(tx);
          // another catch-up (a reader's, the timer's) moved the mark meanwhile: go on from its mark,
          // under the lock, rather than stop short of events it had not seen
          const now = await repos.aggregates.progress(mark);
          const batch = now === from ? seen : await tx.events.since(hallId, now, AGGREGATOR_BATCH);
          if (batch.length === 0) return batch;
          const writes = await BatchWrites.load(repos.aggregates, hallId, batch);
          for (const e of batch) await this.apply(repos, writes, e);
          await writes.flush();
          await repos.aggregates.setProgress(mark, batch[batch.length - 1]!.seq);
          return batch;
        },
        { derived: true },
      );
      applied += events.length;
      if (events.length < AGGREGATOR_BATCH) return applied;
    }
    return applied;
  }

  async catchUpAll(maxBatches = Infinity): Promise<number> {
    let n = 0;
    for (const h of await this.ctx.store.halls.halls()) n += await this.catchUp(h.id, maxBatches);
    return n;
  }

  /** the hall's time zone, read once before the transactions that use it */
  private async loadZone(hallId: string): Promise<void> {
    if (!this.zones.has(hallId)) this.zones.set(hallId, (await this.ctx.store.halls.hall(hallId))?.timezone ?? 'Asia/Shanghai');
  }

  private zone(hallId: string): string {
    return this.zones.get(hallId) ?? 'Asia/Shanghai';
  }

  private readonly localCache = new Map<string, LocalTime>();

  /** local date and minute of an instant; memoised per minute, since Intl formatting dominates a catch-up */
  private local(e: { hallId: string }, at: string): LocalTime {
    const key = `${e.hallId}|${at.slice(0, 16)}`;
    let t = this.localCache.get(key);
    if (!t) {
      if (this.localCache.size > 5000) this.localCache.clear();
      t = localTime(new Date(`${at.slice(0, 16)}:00.000Z`), this.zone(e.hallId));
      this.localCache.set(key, t);
    }
    return t;
  }

  /**
   * one event's figures; each depends on what the previous events of its ticket and window left,
   * which `batch` keeps (sums, window states and visits' last values go there; a visit's row is written at once)
   */
  private async apply(repos: SupervisionTxRepositories, batch: BatchWrites, e: HallEvent): Promise<void> {
    const a = repos.aggregates;
    switch (e.type) {
      case 'ticket.issued':
        return this.slot(batch.slots, e, 1, 0, e.data.appointment ? 1 : 0);
      case 'ticket.cancelled':
        return this.slot(batch.slots, e, 0, 1, 0);
      case 'ticket.called':
        return e.data.recall ? undefined : this.called(a, batch, e);
      case 'ticket.started':
        return this.started(a, batch, e);
      case 'ticket.finished':
        return this.ended(a, batch, e.data.ticketId, e.data.windowId, e.at, 'done', e.hallId);
      case 'ticket.skipped':
        return this.ended(a, batch, e.data.ticketId, e.data.windowId, e.at, 'no_show', e.hallId);
      case 'ticket.transferred':
        return this.ended(a, batch, e.data.ticketId, e.data.windowId ?? null, e.at, 'transferred', e.hallId);
      case 'window.status':
        return this.windowStatus(batch, e);
      case 'evaluation.created':
        return this.evaluated(repos, batch, e);
      default:
    }
  }

  private slot(
    slots: SlotTally,
    e: HallEventOf<'ticket.issued'> | HallEventOf<'ticket.cancelled'>,
    issued: number,
    cancelled: number,
    appointments: number,
  ): void {
    const t = this.local(e, e.at);
    slots.add({
      hallId: e.hallId,
      day: t.date,
      serviceId: e.data.serviceId,
      slot: halfHourSlot(t.minutes),
      weekday: t.weekday,
      issued,
      cancelled,
      appointments,
    });
  }

  private async called(repo: AggregatesPort, batch: BatchWrites, e: HallEventOf<'ticket.called'>): Promise<void> {
    const t = this.local(e, e.at);
    const last = batch.lastVisit(e.data.ticketId);
    const first = !last;
    const key: DayKey = { hallId: e.hallId, day: t.date, windowId: e.data.windowId, staffId: e.data.staffId ?? '', serviceId: e.data.serviceId };
    const waitT = first && e.data.issuedAt ? toTenths(seconds(e.data.issuedAt, e.at)) : null;
    const visitNo = (last?.visitNo ?? 0) + 1;
    await repo.insertVisit({ ticketId: e.data.ticketId, visitNo, ...key, calledAt: e.at, slot: halfHourSlot(t.minutes), firstCall: first ? 1 : 0, waitT });
    batch.setVisit({
      ticketId: e.data.ticketId,
      visitNo,
      day: key.day,
      calledAt: e.at,
      startedAt: null,
      windowId: key.windowId,
      staffId: key.staffId,
      serviceId: key.serviceId,
    });
    batch.bumpDay(key, { called: 1 }, waitT === null ? undefined : { metric: 'wait', value: waitT });
    if (first)
      batch.slots.add({
        hallId: e.hallId,
        day: t.date,
        serviceId: e.data.serviceId,
        slot: halfHourSlot(t.minutes),
        weekday: t.weekday,
        firstCalled: 1,
      });
    const state = this.stateOf(batch, e.hallId, e.data.windowId, e.at);
    batch.saveWindowState({ ...state, busySince: state.busySince ?? e.at, freeSince: null });
  }

  private async started(repo: AggregatesPort, batch: BatchWrites, e: HallEventOf<'ticket.started'>): Promise<void> {
    const v = batch.lastVisit(e.data.ticketId);
    if (!v) return;
    const walkT = toTenths(seconds(v.calledAt, e.at));
    await repo.startVisit(v.ticketId, v.visitNo, e.at, walkT);
    batch.setVisit({ ...v, startedAt: e.at });
    batch.bumpDay(keyOf(e.hallId, v), {}, { metric: 'walk', value: walkT });
  }

  private async ended(
    repo: AggregatesPort,
    batch: BatchWrites,
    ticketId: string,
    windowId: string | null,
    at: string,
    outcome: 'done' | 'no_show' | 'transferred',
    hallId: string,
  ): Promise<void> {
    const v = batch.lastVisit(ticketId);
    const t = this.local({ hallId }, at);
    if (v) {
      const serviceT = outcome === 'done' && v.startedAt ? toTenths(seconds(v.startedAt, at)) : null;
      await repo.endVisit(v.ticketId, v.visitNo, at, halfHourSlot(t.minutes), serviceT, outcome);
      batch.bumpDay(keyOf(hallId, v), { [outcome === 'done' ? 'served' : outcome]: 1 }, serviceT === null ? undefined : { metric: 'service', value: serviceT });
      if (outcome === 'done') batch.slots.add({ hallId, day: t.date, serviceId: v.serviceId, slot: halfHourSlot(t.minutes), weekday: t.weekday, served: 1 });
    }
    if (!windowId) return;
    const state = this.stateOf(batch, hallId, windowId, at);
    if (state.busySince) {
      batch.addWindowTime({
        hallId,
        day: this.local({ hallId }, state.busySince).date,
        windowId,
        staffId: v?.staffId ?? state.staffId,
        open: 0,
        paused: 0,
        busy: seconds(state.busySince, at),
      });
    }
    batch.saveWindowState({ ...state, busySince: null, freeSince: at });
  }

  private stateOf(batch: BatchWrites, hallId: string, windowId: string, at: string): WindowRunState {
    return batch.windowState(windowId) ?? { windowId, hallId, status: 'open', since: at, staffId: '', busySince: null, freeSince: at };
  }

  private windowStatus(batch: BatchWrites, e: HallEventOf<'window.status'>): void {
    const prev = batch.windowState(e.data.windowId);
    if (prev && prev.status !== 'closed') {
      const d = seconds(prev.since, e.at);
      batch.addWindowTime({
        hallId: e.hallId,
        day: this.local(e, prev.since).date,
        windowId: prev.windowId,
        staffId: prev.staffId,
        open: d,
        paused: prev.status === 'paused' ? d : 0,
        busy: 0,
      });
    }
    const busySince = prev?.busySince ?? null;
    batch.saveWindowState({
      windowId: e.data.windowId,
      hallId: e.hallId,
      status: e.data.status,
      since: e.at,
      staffId: e.data.staffId ?? '',
      busySince,
      freeSince: busySince ? null : e.at,
    });
  }

  private async evaluated({ aggregates: repo, records }: SupervisionTxRepositories, batch: BatchWrites, e: HallEventOf<'evaluation.created'>): Promise<void> {
    const v = batch.lastVisit(e.data.ticketId);
    if (v) {
      await repo.rateVisit(v.ticketId, v.visitNo, e.data.level);
      batch.bumpDay(keyOf(e.hallId, v), { [`e${e.data.level}` as DayCounter]: 1 });
    }
    if (!isBadReview(e.data.level)) return;
    const day = this.local(e, e.at).date;
    const calendar = await this.calendar(e.hallId, day);
    await records.insertFollowUp({
      ticketId: e.data.ticketId,
      hallId: e.hallId,
      number: e.data.number,
      level: e.data.level,
      serviceId: v?.serviceId ?? null,
      windowId: e.data.windowId ?? null,
      staffId: e.data.staffId ?? null,
      tags: e.data.tags,
      createdAt: e.at,
      callbackDue: addWorkingDays(day, 1, calendar),
      rectifyDue: addWorkingDays(day, 15, calendar),
    });
  }
}
