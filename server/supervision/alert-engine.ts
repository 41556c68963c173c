import { ALL_HALLS } from '../app/ports.js';
import type { AlertEventData } from '../contract/events.js';
import type { Principal } from '../contract/principal.js';
import { assertInHall, isManagerOf, forbidden } from '../app/actor.js';
import { changeState, type AppContext } from '../app/context.js';
import { hallAlerts, type HallWatch } from '../domain/alerts.js';
import { DomainError } from '../domain/errors.js';
import { localTime } from '../domain/local-time.js';
import type { Ticket } from '../domain/model.js';
import type { AggregatesPort, AlertRecord, RecordsPort, SupervisionRepositories } from './ports.js';
import { LogAlertSink, WebhookAlertSink, type AlertSink } from './alert-sink.js';
import type { SupervisionSettings } from './settings.js';

export const alertEventData = (a: AlertRecord): AlertEventData => ({
  id: a.id,
  kind: a.kind,
  level: a.level,
  key: a.key,
  subjectType: a.subjectType,
  subjectId: a.subjectId,
  message: a.message,
  raisedAt: a.raisedAt,
});

/**
 * What the rules look at: the hall's queues, windows, devices and follow-ups right now. With
 * `waitMarks` (the alert check), the queues are the store's counts and only overdue follow-ups
 * are read, so a check reads no ticket or follow-up row however many wait or are open; without
 * them (the live monitor), every queued ticket and open follow-up is listed.
 */
export async function watchHall(
  ctx: AppContext,
  aggregates: AggregatesPort,
  records: RecordsPort,
  hallId: string,
  waitMarks?: readonly [number, number, number],
): Promise<HallWatch> {
  const hall = (await ctx.store.halls.hall(hallId))!;
  const now = ctx.clock.now();
  const services = await ctx.store.halls.services(hallId);
  const running = new Map((await aggregates.windowStates(hallId)).map((s) => [s.windowId, s]));
  const windows = await ctx.store.halls.windows(hallId);
  // one after another: inside a write (raising an alert) they share the transaction's one connection,
  // where pg queues concurrent queries today and pg@9 will refuse them
  const current: (Ticket | undefined)[] = [];
  for (const w of windows) current.push(w.currentTicketId ? await ctx.store.tickets.get(w.currentTicketId) : undefined);
  const queued = new Map<string, number>();
  if (waitMarks !== undefined) for (const s of services) queued.set(s.id, await ctx.store.tickets.queuedCount(s.id));
  return {
    now,
    today: localTime(now, hall.timezone).date,
    services: services.map((s) => ({ id: s.id, name: s.name, normMinutes: s.avgServiceMinutes, prefix: s.prefix })),
    waiting:
      waitMarks === undefined
        ? (await ctx.store.tickets.queued(services.map((s) => s.id))).map((t) => ({
            ticketId: t.id,
            number: t.number,
            serviceId: t.serviceId,
            issuedAt: t.issuedAt,
          }))
        : [],
    ...(waitMarks === undefined
      ? {}
      : {
          queued,
          waitSummary: await ctx.store.tickets.waitingPastMarks(
            services.map((s) => s.id),
            waitMarks.map((m) => new Date(now.getTime() - m * 60_000).toISOString()) as [string, string, string],
          ),
        }),
    serving: current.flatMap((t) =>
      t && t.status === 'serving' && t.startedAt && t.windowId
        ? [{ ticketId: t.id, number: t.number, serviceId: t.serviceId, windowId: t.windowId, startedAt: t.startedAt }]
        : [],
    ),
    windows: windows.map((w, i) => {
      const t = current[i];
      return {
        id: w.id,
        number: w.number,
        status: w.status,
        serviceIds: w.serviceIds,
        statusSince: w.statusChangedAt,
        hasCurrentTicket: Boolean(t && (t.status === 'called' || t.status === 'serving')),
        idleSince: running.get(w.id)?.freeSince ?? w.statusChangedAt,
      };
    }),
    devices: (await ctx.store.devices.health(hallId)).map((d) => ({ id: d.id, kind: d.kind, status: d.status, updatedAt: d.updatedAt })),
    followUps: (waitMarks === undefined ? await records.openFollowUps(hallId) : await records.overdueFollowUps(hallId, localTime(now, hall.timezone).date)).map(
      (f) => ({
        ticketId: f.ticketId,
        number: f.number,
        callbackDue: f.callbackDue,
        callbackDone: Boolean(f.callbackAt),
        rectifyDue: f.rectifyDue,
        rectifyDone: Boolean(f.rectifiedAt),
      }),
    ),
  };
}

/**
 * 电子监察 预警: checks a hall against the rules, records each newly met condition as an
 * alert (event `alert.raised`, then the sink), and resolves alerts whose condition has cleared.
 */
export class AlertEngine {
  constructor(
    private readonly ctx: AppContext,
    private readonly repos: SupervisionRepositories,
    private readonly settings: SupervisionSettings,
    private readonly sinkFor: (url: string | null) => AlertSink = (url) => (url ? new WebhookAlertSink(url) : new LogAlertSink(ctx.log)),
  ) {}

  async check(hallId: string): Promise<{ raised: AlertRecord[]; resolved: number }> {
    const settings = await this.settings.alerts(hallId);
    if (!(await this.wouldChange(hallId, settings))) return { raised: [], resolved: 0 };
    const result = await changeState(this.ctx, hallId, async (emit, ctx) => {
      const { aggregates, records } = this.repos.within(ctx.store);
      const watch = await watchHall(ctx, aggregates, records, hallId, settings.waitMinutes);
      const wanted = new Map(hallAlerts(watch, settings).map((c) => [c.key, c]));
      const active = await records.activeAlerts(hallId);
      const activeKeys = new Set(active.map((a) => a.key));
      const at = watch.now.toISOString();
      let resolved = 0;
      for (const a of active) {
        if (wanted.has(a.key)) continue;
        await records.resolveAlert(a.id, at);
        await emit({ type: 'alert.resolved', at, hallId, data: { id: a.id, kind: a.kind, key: a.key } });
        resolved++;
      }
      const raised: AlertRecord[] = [];
      for (const c of wanted.values()) {
        if (activeKeys.has(c.key)) continue;
        const id = await records.insertAlert({
          hallId,
          key: c.key,
          kind: c.kind,
          level: c.level,
          subjectType: c.subjectType,
          subjectId: c.subjectId,
          message: c.message,
          data: c.data,
          raisedAt: at,
        });
        const record = (await records.alert(id))!;
        raised.push(record);
        await emit({ type: 'alert.raised', at, hallId, data: alertEventData(record) });
      }
      return { raised, resolved };
    });
    if (result.raised.length > 0) await this.deliver(hallId, settings.webhookUrl, result.raised);
    return result;
  }

  /**
   * Whether the check would raise or resolve anything, looked at outside the hall's write: most
   * checks (one a second per busy hall) find the alerts as they were, and then take no write at
   * all. Under the write the check looks again, so what it records is what holds at its commit; a
   * change this look misses (a call committed meanwhile) is found by the next check, as before.
   * On PostgreSQL each check held the hall's lock, and its issues and calls, for a dozen round trips.
   */
  private async wouldChange(hallId: string, settings: Awaited<ReturnType<SupervisionSettings['alerts']>>): Promise<boolean> {
    const watch = await watchHall(this.ctx, this.repos.aggregates, this.repos.records, hallId, settings.waitMinutes);
    const wanted = new Set(hallAlerts(watch, settings).map((c) => c.key));
    const active = await this.repos.records.activeAlerts(hallId);
    return active.length !== wanted.size || active.some((a) => !wanted.has(a.key));
  }

  private async deliver(hallId: string, url: string | null, alerts: AlertRecord[]): Promise<void> {
    const hallName = (await this.ctx.store.halls.hall(hallId))?.name ?? hallId;
    const sink = this.sinkFor(url);
    const log = this.ctx.log.child({ module: 'supervision-alerts' });
    for (const a of alerts) {
      sink.send({ ...a, hallName }).catch((err: unknown) => log.warn({ err, alertId: a.id }, 'alert not delivered to the webhook'));
    }
  }

  async acknowledge(actor: Principal, alertId: number, note: string | null): Promise<AlertRecord> {
    return await changeState(this.ctx, (await this.repos.records.alert(alertId))?.hallId ?? ALL_HALLS, async (emit, ctx) => {
      const { records } = this.repos.within(ctx.store);
      const a = await records.alert(alertId);
      if (!a) throw new DomainError('NOT_FOUND', `alert ${alertId} does not exist`);
      assertInHall(actor, a.hallId);
      if (!isManagerOf(actor, a.hallId)) throw forbidden('only a manager may acknowledge alerts');
      if (a.ackAt) throw new DomainError('ALREADY_ACKNOWLEDGED', `alert ${a.id} was already acknowledged by ${a.ackBy}`);
      const at = ctx.clock.now().toISOString();
      await records.acknowledgeAlert(a.id, actor.id, at, note);
      await ctx.store.audit.record({
        at,
        hallId: a.hallId,
        actorType: actor.type,
        actorId: actor.id,
        action: 'alert-acknowledge',
        entity: 'alert',
        entityId: String(a.id),
        reason: note,
      });
      await emit({
        type: 'alert.acknowledged',
        at,
        hallId: a.hallId,
        data: { ...alertEventData(a), ackBy: actor.id, ackAt: at, ...(note ? { ackNote: note } : {}) },
      });
      return (await records.alert(a.id))!;
    });
  }
}
