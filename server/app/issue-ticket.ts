import type { IssuedTicketDto, TicketPriority } from '../contract/dto.js';
import type { Principal } from '../contract/principal.js';
import { DomainError } from '../domain/errors.js';
import type { Ticket } from '../domain/model.js';
import { businessDay, formatTicketNumber } from '../domain/numbering.js';
import { assertInHall, forbidden } from './actor.js';
import { changeState, type AppContext } from './context.js';
import { hallOpenState } from './hall-calendar.js';
import { estimateFor, ticketPeopleAhead } from './queue-view.js';
import { randomToken, timeOrderedUuid } from './random-ids.js';
import { ticketWaitRange } from './wait-view.js';

export interface IssueTicketCommand {
  serviceId: string;
  priority?: TicketPriority;
  /** set by the appointment check-in: the ticket then carries appointment priority */
  appointment?: { id: string; slotStart: string; slotEnd: string };
}

/**
 * Takes a ticket: allocates the next number of the day for the service's prefix and inserts the
 * ticket in one transaction, so a number is never given twice nor skipped by a crash.
 */
export async function issueTicket(ctx: AppContext, actor: Principal, cmd: IssueTicketCommand): Promise<IssuedTicketDto> {
  if (actor.type === 'device' && actor.kind !== 'kiosk' && actor.kind !== 'agent') {
    throw forbidden('this device may not issue tickets');
  }
  const service = await ctx.store.halls.service(cmd.serviceId);
  if (!service) throw new DomainError('NOT_FOUND', `service ${cmd.serviceId} does not exist`);
  assertInHall(actor, service.hallId);
  const hall = (await ctx.store.halls.hall(service.hallId))!;
  if (!service.enabled) throw new DomainError('SERVICE_CLOSED', `${service.name} 暂停取号`);
  const now = ctx.clock.now();
  if (!cmd.appointment) {
    const state = await hallOpenState(ctx, hall, now);
    if (!state.open) throw new DomainError('HALL_CLOSED', state.reason ?? '不在办理时间');
  }

  const ticket = await changeState(ctx, hall.id, async (emit, ctx) => {
    // as it is under the hall's lock: read before it, the service may have been closed or given
    // another prefix since (on PostgreSQL a node's copy; the write checks it against the database)
    const service = await ctx.store.halls.service(cmd.serviceId);
    if (!service) throw new DomainError('NOT_FOUND', `service ${cmd.serviceId} does not exist`);
    if (!service.enabled) throw new DomainError('SERVICE_CLOSED', `${service.name} 暂停取号`);
    const day = businessDay(now, hall.timezone);
    const seq = await ctx.store.tickets.nextSequence(hall.id, service.prefix, day);
    const t: Ticket = {
      id: timeOrderedUuid(now.getTime()),
      hallId: hall.id,
      serviceId: service.id,
      businessDay: day,
      seqNo: seq,
      number: formatTicketNumber(service.prefix, seq),
      priority: cmd.priority ?? 'normal',
      status: 'waiting',
      issuedAt: now.toISOString(),
      calledAt: null,
      startedAt: null,
      finishedAt: null,
      windowId: null,
      staffId: null,
      callCount: 0,
      restored: false,
      transferredFromServiceId: null,
      transferredAt: null,
      appointmentId: cmd.appointment?.id ?? null,
      slotStart: cmd.appointment?.slotStart ?? null,
      slotEnd: cmd.appointment?.slotEnd ?? null,
      statusToken: randomToken(16),
      kioskId: actor.type === 'device' ? actor.id : null,
    };
    await ctx.store.tickets.insert(t);
    await emit({
      type: 'ticket.issued',
      at: t.issuedAt,
      hallId: hall.id,
      data: {
        ticketId: t.id,
        number: t.number,
        serviceId: t.serviceId,
        priority: t.priority,
        issuedAt: t.issuedAt,
        appointment: Boolean(cmd.appointment),
        ...(t.kioskId ? { kioskId: t.kioskId } : {}),
      },
    });
    return t;
  });

  // A new plain ticket stands behind everyone queued for its service today: a count from the
  // index, not a ranking of the whole queue.
  const plain = ticket.priority === 'normal' && ticket.appointmentId === null;
  const ahead = plain ? (await ctx.store.tickets.queuedCount(ticket.serviceId, ticket.businessDay)) - 1 : await ticketPeopleAhead(ctx, ticket, now);
  return {
    id: ticket.id,
    number: ticket.number,
    serviceId: ticket.serviceId,
    hallId: ticket.hallId,
    status: 'waiting',
    priority: ticket.priority,
    issuedAt: ticket.issuedAt,
    waitingAhead: ahead,
    estimatedWaitMinutes: await estimateFor(ctx, service, ahead, hall.policy.estimateSampleSize),
    statusToken: ticket.statusToken,
    wait: await ticketWaitRange(ctx, ticket, { hall, service }),
  };
}
