import type { ServiceSummaryDto, SnapshotDto, TicketStatusDto } from '../contract/dto.js';
import { DomainError } from '../domain/errors.js';
import type { Ticket } from '../domain/model.js';
import { readConsistently, type AppContext } from './context.js';
import { hallOpenState } from './hall-calendar.js';
import { estimateFor, ticketPeopleAhead, today } from './queue-view.js';
import { ticketWaitRange, withWaitRanges, zoneNameFor } from './wait-view.js';

export async function loadHall(ctx: AppContext, hallId: string) {
  const hall = await ctx.store.halls.hall(hallId);
  if (!hall) throw new DomainError('NOT_FOUND', `hall ${hallId} does not exist`);
  return hall;
}

/** The whole visible state of a hall, with the seq it is valid at. Never carries personal data. */
export async function buildSnapshot(ctx: AppContext, hallId: string): Promise<SnapshotDto> {
  // seq and state in one view: an event committed while it is read is either in it or after its seq
  return await readConsistently(ctx, hallId, (ctx) => snapshotOf(ctx, hallId));
}

async function snapshotOf(ctx: AppContext, hallId: string): Promise<SnapshotDto> {
  const hall = await loadHall(ctx, hallId);
  const seq = await ctx.store.events.lastSeq(hallId);
  const windows = await Promise.all(
    (await ctx.store.halls.windows(hallId)).map(async (w) => {
      const staff = w.staffId ? await ctx.store.staff.get(w.staffId) : undefined;
      const current = w.currentTicketId ? await ctx.store.tickets.get(w.currentTicketId) : undefined;
      return {
        id: w.id,
        number: w.number,
        name: w.name,
        zoneId: w.zoneId,
        status: w.status,
        ...(w.pauseReason ? { reason: w.pauseReason } : {}),
        ...(staff ? { staffName: staff.name, staffEmployeeNo: staff.employeeNo } : {}),
        ...(current ? { current: { id: current.id, number: current.number, status: current.status } } : {}),
      };
    }),
  );
  const day = today(hall, ctx.clock.now());
  const queues = await Promise.all(
    (await ctx.store.halls.services(hallId)).map(async (s) => {
      const waiting = await ctx.store.tickets.queuedCount(s.id, day);
      return { serviceId: s.id, waiting, estimatedWaitMinutes: await estimateFor(ctx, s, waiting, hall.policy.estimateSampleSize) };
    }),
  );
  const recentCalls = await ctx.store.tickets.recentCalls(hallId, 10);
  const devices = (await ctx.store.devices.health(hallId)).map((h) => ({
    id: h.id,
    kind: h.kind,
    status: h.status,
    counters: h.counters,
    at: h.updatedAt,
    ...(h.lastError ? { lastError: h.lastError } : {}),
  }));
  return { seq, hallId, hallName: hall.name, windows, queues, recentCalls, devices };
}

/** What the kiosk lists: each service with its queue, estimate, and whether it can be taken now. */
export async function listServices(ctx: AppContext, hallId: string): Promise<ServiceSummaryDto[]> {
  const hall = await loadHall(ctx, hallId);
  const now = ctx.clock.now();
  const hallState = await hallOpenState(ctx, hall, now);
  const day = today(hall, now);
  return await withWaitRanges(
    ctx,
    hall,
    await Promise.all(
      (await ctx.store.halls.services(hallId)).map(async (s) => {
        const waiting = await ctx.store.tickets.queuedCount(s.id, day);
        const windowNumbers = (await ctx.store.halls.windowsServing(s.id)).map((w) => w.number);
        const closedReason = !s.enabled ? '该事项暂停取号' : hallState.open ? undefined : hallState.reason;
        return {
          id: s.id,
          name: s.name,
          prefix: s.prefix,
          departmentId: s.departmentId,
          waiting,
          estimatedWaitMinutes: await estimateFor(ctx, s, waiting, hall.policy.estimateSampleSize),
          open: closedReason === undefined,
          windowNumbers,
          ...(closedReason ? { closedReason } : {}),
        };
      }),
    ),
  );
}

/** The visitor's view of their ticket (phone page), checked against its status token. */
export async function ticketStatus(ctx: AppContext, ticketId: string, token: string): Promise<TicketStatusDto> {
  const t = await ctx.store.tickets.get(ticketId);
  if (!t) throw new DomainError('NOT_FOUND', `ticket ${ticketId} does not exist`);
  if (token !== t.statusToken) throw new DomainError('UNAUTHORIZED', 'the ticket token is not valid');
  return await statusOfTicket(ctx, t);
}

/** The phone page's view of a ticket already read (and its token already checked). */
export async function statusOfTicket(ctx: AppContext, t: Ticket): Promise<TicketStatusDto> {
  const service = (await ctx.store.halls.service(t.serviceId))!;
  const hall = await loadHall(ctx, t.hallId);
  const now = ctx.clock.now();
  const queued = t.status === 'waiting' || t.status === 'transferred';
  const ahead = queued ? await ticketPeopleAhead(ctx, t, now) : 0;
  const window = t.windowId ? await ctx.store.halls.window(t.windowId) : undefined;
  return {
    number: t.number,
    status: t.status,
    serviceId: t.serviceId,
    serviceName: service.name,
    waitingAhead: ahead,
    ...(service.nameEn ? { serviceNameEn: service.nameEn } : {}),
    ...(service.materials.trim() ? { materials: service.materials } : {}),
    estimatedWaitMinutes: queued ? await estimateFor(ctx, service, ahead, hall.policy.estimateSampleSize) : 0,
    // a ticket never called has met no window and no evaluator: no read (a kiosk's paper asks this of every new ticket)
    evaluated: t.callCount > 0 && Boolean(await ctx.store.evaluations.get(t.id)),
    ...(window ? { windowNumber: window.number } : {}),
    ...(window ? await zoneNameFor(ctx, t, window.zoneId) : {}),
    ...(queued ? { wait: await ticketWaitRange(ctx, t) } : {}),
    ...(queued && t.businessDay !== today(hall, now) ? { dayEnded: true } : {}),
  };
}
