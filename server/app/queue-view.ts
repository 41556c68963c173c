import type { Hall, Service, Ticket } from '../domain/model.js';
import { businessDay } from '../domain/numbering.js';
import { queueClassOf, type WaitingTicket } from '../domain/next-ticket.js';
import { CLASS_RANK, estimateWaitMinutes, meanServiceMinutes, type QueuedForEstimate } from '../domain/wait-estimate.js';
import type { AppContext } from './context.js';

/** Read-side helpers: queue lengths and wait estimates from the stored facts. */

export async function openWindowsServing(ctx: AppContext, serviceId: string): Promise<number> {
  return (await ctx.store.halls.windowsServing(serviceId)).filter((w) => w.status === 'open').length;
}

export async function serviceMeanMinutes(ctx: AppContext, service: Service, sampleSize: number): Promise<number> {
  return meanServiceMinutes(await ctx.store.tickets.recentServiceSeconds(service.id, sampleSize), service.avgServiceMinutes);
}

export async function estimateFor(ctx: AppContext, service: Service, ahead: number, sampleSize: number): Promise<number> {
  return estimateWaitMinutes(ahead, await serviceMeanMinutes(ctx, service, sampleSize), await openWindowsServing(ctx, service.id));
}

export function asQueued(ticket: Ticket, now: Date): QueuedForEstimate {
  return { id: ticket.id, issuedAt: new Date(ticket.issuedAt), seqNo: ticket.seqNo, rank: queueClassOf(toWaiting(ticket), now, 0) };
}

export function toWaiting(t: Ticket): WaitingTicket {
  return {
    id: t.id,
    serviceId: t.serviceId,
    issuedAt: new Date(t.issuedAt),
    seqNo: t.seqNo,
    priority: t.priority === 'priority',
    transferred: t.status === 'transferred',
    ...(t.slotStart && t.slotEnd ? { slot: { start: new Date(t.slotStart), end: new Date(t.slotEnd) } } : {}),
  };
}

/** The queue is the business day's: tickets left unserved on an earlier day are not called again. */
export const today = (hall: Pick<Hall, 'timezone'>, now: Date): string => businessDay(now, hall.timezone);

/** domain `peopleAhead` over the ticket's queue of its day; counted by the store (kiosks and phones ask often). */
export async function ticketPeopleAhead(ctx: AppContext, ticket: Ticket, now: Date): Promise<number> {
  return (await peopleAheadOfEach(ctx, [ticket], now))[0]!;
}

/** ticketPeopleAhead of several tickets at once; with `atMost`, any answer above it may stand for a larger one */
export async function peopleAheadOfEach(ctx: AppContext, tickets: readonly Ticket[], now: Date, atMost?: number): Promise<number[]> {
  return await ctx.store.tickets.countQueuedAheadOfEach(
    tickets.map((t) => ({
      id: t.id,
      serviceId: t.serviceId,
      businessDay: t.businessDay,
      issuedAt: t.issuedAt,
      seqNo: t.seqNo,
      rank: CLASS_RANK[asQueued(t, now).rank],
    })),
    now.toISOString(),
    atMost,
  );
}
