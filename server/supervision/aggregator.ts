import type { HallEvent, HallEventOf } from '../contract/events.js';
import type { AppContext } from '../app/context.js';
import { localTime, type LocalTime } from '../domain/local-time.js';
import { halfHourSlot, toTenths } from '../domain/report-figures.js';
import { isBadReview } from '../domain/evaluation.js';
import { addWorkingDays, type WorkingCalendar } from '../domain/working-days.js';
import type { DayCounter, DayKey, OpenVisit, SupervisionAggregateRepository, WindowRunState } from '../../db/repositories/supervision-aggregates.js';
import type { SupervisionRecordRepository } from '../../db/repositories/supervision-records.js';

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
    private readonly repo: SupervisionAggregateRepository,
    private readonly records: SupervisionRecordRepository,
    private readonly calendar: (hallId: string, fromDay: string) => WorkingCalendar = () => ({}),
  ) {}

  /** Applies logged events of the hall after the mark (at most `maxBatches` × AGGREGATOR_BATCH); returns how many. */
  async catchUp(hallId: string, maxBatches = Infinity): Promise<number> {
    const mark = `aggregates:${hallId}`;
    let applied = 0;
    await this.loadZone(hallId);
    for (let batch = 0; batch < maxBatches; batch++) {
      const from = this.repo.progress(mark);
      const events = await this.ctx.store.events.since(hallId, from, AGGREGATOR_BATCH);
      if (events.length === 0) return applied;
      this.repo.transaction(() => {
        if (this.repo.progress(mark) !== from) return;
        for (const e of events) this.apply(e);
        this.repo.setProgress(mark, events[events.length - 1]!.seq);
      });
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

  /** the hall's time zone, read before the aggregates' (synchronous) transaction that uses it */
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

  apply(e: HallEvent): void {
    switch (e.type) {
      case 'ticket.issued':
        return this.slot(e, 1, 0, e.data.appointment ? 1 : 0);
      case 'ticket.cancelled':
        return this.slot(e, 0, 1, 0);
      case 'ticket.called':
        return e.data.recall ? undefined : this.called(e);
      case 'ticket.started':
        return this.started(e);
      case 'ticket.finished':
        return this.ended(e.data.ticketId, e.data.windowId, e.at, 'done', e.hallId);
      case 'ticket.skipped':
        return this.ended(e.data.ticketId, e.data.windowId, e.at, 'no_show', e.hallId);
      case 'ticket.transferred':
        return this.ended(e.data.ticketId, e.data.windowId ?? null, e.at, 'transferred', e.hallId);
      case 'window.status':
        return this.windowStatus(e);
      case 'evaluation.created':
        return this.evaluated(e);
      default:
    }
  }

  private slot(e: HallEventOf<'ticket.issued'> | HallEventOf<'ticket.cancelled'>, issued: number, cancelled: number, appointments: number): void {
    const t = this.local(e, e.at);
    this.repo.addServiceSlot({
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

  private called(e: HallEventOf<'ticket.called'>): void {
    const t = this.local(e, e.at);
    const last = this.repo.lastVisit(e.data.ticketId);
    const first = !last;
    const key: DayKey = { hallId: e.hallId, day: t.date, windowId: e.data.windowId, staffId: e.data.staffId ?? '', serviceId: e.data.serviceId };
    const waitT = first && e.data.issuedAt ? toTenths(seconds(e.data.issuedAt, e.at)) : null;
    this.repo.insertVisit({
      ticketId: e.data.ticketId,
      visitNo: (last?.visitNo ?? 0) + 1,
      ...key,
      calledAt: e.at,
      slot: halfHourSlot(t.minutes),
      firstCall: first ? 1 : 0,
      waitT,
    });
    this.repo.bumpDay(key, { called: 1 }, waitT === null ? undefined : { metric: 'wait', value: waitT });
    if (first)
      this.repo.addServiceSlot({
        hallId: e.hallId,
        day: t.date,
        serviceId: e.data.serviceId,
        slot: halfHourSlot(t.minutes),
        weekday: t.weekday,
        firstCalled: 1,
      });
    const state = this.stateOf(e.hallId, e.data.windowId, e.at);
    this.repo.saveWindowState({ ...state, busySince: state.busySince ?? e.at, freeSince: null });
  }

  private started(e: HallEventOf<'ticket.started'>): void {
    const v = this.repo.lastVisit(e.data.ticketId);
    if (!v) return;
    const walkT = toTenths(seconds(v.calledAt, e.at));
    this.repo.startVisit(v.ticketId, v.visitNo, e.at, walkT);
    this.repo.bumpDay(keyOf(e.hallId, v), {}, { metric: 'walk', value: walkT });
  }

  private ended(ticketId: string, windowId: string | null, at: string, outcome: 'done' | 'no_show' | 'transferred', hallId: string): void {
    const v = this.repo.lastVisit(ticketId);
    const t = this.local({ hallId }, at);
    if (v) {
      const serviceT = outcome === 'done' && v.startedAt ? toTenths(seconds(v.startedAt, at)) : null;
      this.repo.endVisit(v.ticketId, v.visitNo, at, halfHourSlot(t.minutes), serviceT, outcome);
      this.repo.bumpDay(
        keyOf(hallId, v),
        { [outcome === 'done' ? 'served' : outcome]: 1 },
        serviceT === null ? undefined : { metric: 'service', value: serviceT },
      );
      if (outcome === 'done')
        this.repo.addServiceSlot({ hallId, day: t.date, serviceId: v.serviceId, slot: halfHourSlot(t.minutes), weekday: t.weekday, served: 1 });
    }
    if (!windowId) return;
    const state = this.stateOf(hallId, windowId, at);
    if (state.busySince) {
      this.repo.addWindowTime({
        hallId,
        day: this.local({ hallId }, state.busySince).date,
        windowId,
        staffId: v?.staffId ?? state.staffId,
        open: 0,
        paused: 0,
        busy: seconds(state.busySince, at),
      });
    }
    this.repo.saveWindowState({ ...state, busySince: null, freeSince: at });
  }

  private stateOf(hallId: string, windowId: string, at: string): WindowRunState {
    return this.repo.windowState(windowId) ?? { windowId, hallId, status: 'open', since: at, staffId: '', busySince: null, freeSince: at };
  }

  private windowStatus(e: HallEventOf<'window.status'>): void {
    const prev = this.repo.windowState(e.data.windowId);
    if (prev && prev.status !== 'closed') {
      const d = seconds(prev.since, e.at);
      this.repo.addWindowTime({
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
    this.repo.saveWindowState({
      windowId: e.data.windowId,
      hallId: e.hallId,
      status: e.data.status,
      since: e.at,
      staffId: e.data.staffId ?? '',
      busySince,
      freeSince: busySince ? null : e.at,
    });
  }

  private evaluated(e: HallEventOf<'evaluation.created'>): void {
    const v = this.repo.lastVisit(e.data.ticketId);
    if (v) {
      this.repo.rateVisit(v.ticketId, v.visitNo, e.data.level);
      this.repo.bumpDay(keyOf(e.hallId, v), { [`e${e.data.level}` as DayCounter]: 1 });
    }
    if (!isBadReview(e.data.level)) return;
    const day = this.local(e, e.at).date;
    const calendar = this.calendar(e.hallId, day);
    this.records.insertFollowUp({
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
